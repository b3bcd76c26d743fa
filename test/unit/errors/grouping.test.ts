/** One line of text output and one diagnostic per error: neighbouring errors stay apart, one error's lines stay together. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { groupFindings, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { repoRoot } from '../../host/paths';

function groups(text: string): string[] {
  return groupFindings(scanLines(linesOf(text))).map((g) => `${g.primary.line + 1}:${g.primary.entry.id}`);
}

describe('groupFindings', () => {
  it('two different messages of the same status on neighbouring lines are two errors', () => {
    const text = [
      'com.google.genai.errors.ClientException: 400 . Unable to submit request because it has a maxOutputTokens value of 100000 but the supported range is from 1 (inclusive) to 65537 (exclusive). Update the value and try again.',
      'google.api_core.exceptions.InvalidArgument: 400 Please ensure that function response turn comes immediately after a function call turn.',
      'Cached content is too small. total_token_count=416, min_total_token_count=4096',
      '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch',
    ].join('\n');
    assert.deepEqual(groups(text), ['1:vertex-max-output-tokens-range', '2:function-turn-order', '3:cached-content-too-small', '4:embed-batch-too-large']);
  });

  it('a pretty-printed error body is one error, named by its message', () => {
    const text = [
      'google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED.',
      '{',
      '  "error": {',
      '    "code": 429,',
      '    "message": "You exceeded your current quota, please check your plan and billing details.",',
      '    "status": "RESOURCE_EXHAUSTED"',
      '  }',
      '}',
    ].join('\n');
    const found = groups(text);
    assert.equal(found.length, 1, found.join(' '));
  });

  it('the same message repeated in one error (text, then JSON) is one error', () => {
    const text = [
      'google.genai.errors.ClientError: 400 FAILED_PRECONDITION. {\'error\': {\'code\': 400, \'message\': \'User location is not supported for the API use.\', \'status\': \'FAILED_PRECONDITION\'}}',
      'User location is not supported for the API use.',
    ].join('\n');
    assert.equal(groups(text).length, 1);
  });

  it('the same error printed again on a later line is another error: a retry loop, a repeated traceback, a body printed twice', () => {
    const line = (second: number) => `2026-11-27 09:14:0${second},031 ERROR google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota.', 'status': 'RESOURCE_EXHAUSTED', 'details': [{'@type': 'type.googleapis.com/google.rpc.RetryInfo', 'retryDelay': '${second}s'}]}}`;
    assert.deepEqual(groups([line(1), line(2), line(3)].join('\n')).map((g) => g.split(':')[0]), ['1', '2', '3']);

    const traceback = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'errors', 'python-genai-client-error.txt'), 'utf8').trimEnd();
    assert.equal(groups([traceback, traceback, traceback].join('\n')).length, 3);

    const body = ['google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED.', '{', '  "error": {', '    "code": 429,', '    "message": "You exceeded your current quota.",', '    "status": "RESOURCE_EXHAUSTED"', '  }', '}'];
    assert.equal(groups([...body, ...body].join('\n')).length, 2);
  });
});
