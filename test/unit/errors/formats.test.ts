/**
 * Our own fixtures, one per output format (test/fixtures/errors): hovering the token gives the
 * expected explanation and the details parsed from the error around it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';
import type { ErrorDetails } from '../../../src/core/errors/types';
import { repoRoot } from '../../host/paths';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'errors');
const read = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');

interface Row {
  file: string;
  token: string;
  /** Which occurrence of the token (0 = first). */
  nth?: number;
  id: string;
  status: string;
  httpCode?: number;
  confidence?: 'high' | 'low';
  details?: Partial<ErrorDetails>;
}

const table: Row[] = [
  { file: 'python-genai-client-error.txt', token: 'ClientError', id: 'no-free-tier', status: 'RESOURCE_EXHAUSTED', httpCode: 429,
    details: { retryDelay: '38s', retryDelaySeconds: 38, quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', quotaLimit: 0, model: 'gemini-2.5-pro' } },
  { file: 'python-genai-client-error.txt', token: '429', id: 'no-free-tier', status: 'RESOURCE_EXHAUSTED', httpCode: 429 },
  { file: 'js-genai-api-error-nested.txt', token: 'ApiError', id: 'model-overloaded', status: 'UNAVAILABLE', httpCode: 503,
    details: { message: 'The model is overloaded. Please try again later.' } },
  { file: 'js-genai-got-status.txt', token: '500', id: 'internal-error-retry', status: 'INTERNAL', httpCode: 500 },
  { file: 'go-genai.txt', token: 'Error 404', id: 'model-not-found-for-api-version', status: 'NOT_FOUND', httpCode: 404,
    details: { model: 'gemini-1.5-pro', apiVersion: 'v1beta', method: 'generateContent' } },
  { file: 'go-genai.txt', token: 'NOT_FOUND', id: 'model-not-found-for-api-version', status: 'NOT_FOUND', httpCode: 404 },
  { file: 'api-core-exception.txt', token: 'FailedPrecondition', id: 'user-location-unsupported', status: 'FAILED_PRECONDITION', httpCode: 400 },
  { file: 'legacy-js.txt', token: '403', id: 'api-key-leaked', status: 'PERMISSION_DENIED', httpCode: 403, details: { model: 'gemini-1.5-flash', apiVersion: 'v1beta' } },
  { file: 'rest-json-bad-request.txt', token: 'INVALID_ARGUMENT', id: 'api-key-invalid', status: 'INVALID_ARGUMENT', httpCode: 400,
    details: { reason: 'API_KEY_INVALID', domain: 'googleapis.com', fieldViolations: [{ field: 'generation_config.temperature', description: 'temperature must be between 0 and 2' }],
      helpLinks: [{ title: 'Google developers console', url: 'https://console.developers.google.com' }] } },
  { file: 'rest-json-bad-request.txt', token: '400', nth: 1, id: 'api-key-invalid', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'langchain.txt', token: 'The input token count', id: 'input-token-limit-exceeded', status: 'INVALID_ARGUMENT', httpCode: 400,
    details: { inputTokens: 1200293, maxInputTokens: 1048576 } },
  { file: 'vercel-ai-sdk.txt', token: 'The model is overloaded', id: 'model-overloaded', status: 'UNAVAILABLE', httpCode: 503 },
  { file: 'vertex-publisher.txt', token: 'NotFound', id: 'publisher-model-not-found', status: 'NOT_FOUND', httpCode: 404, details: { model: 'gemini-1.0-pro-002' } },
  { file: 'interactions.txt', token: '"code":"rate_limit_exceeded"', id: 'interactions-rate-limit-exceeded', status: 'rate_limit_exceeded' },
  { file: 'finish-reasons-python.txt', token: 'finish_reason', id: 'finish-reason-max-tokens', status: 'MAX_TOKENS', details: { finishReason: 'MAX_TOKENS' } },
  { file: 'block-reason-js.txt', token: 'blockReason', id: 'block-reason-other', status: 'OTHER', details: { blockReason: 'OTHER' } },
  { file: 'block-reason-js.txt', token: 'BlockedReason.OTHER', id: 'block-reason-other', status: 'OTHER' },
  { file: 'block-reason-js.txt', token: 'Response was blocked due to OTHER', id: 'block-reason-other', status: 'OTHER' },
  { file: 'cancelled.txt', token: 'CANCELLED', id: 'operation-cancelled', status: 'CANCELLED', httpCode: 499 },
];

function positionOf(text: string, token: string, nth = 0): { line: number; character: number } {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let at = lines[line]!.indexOf(token); at >= 0; at = lines[line]!.indexOf(token, at + 1)) {
      if (seen++ === nth) return { line, character: at + 1 };
    }
  }
  throw new Error(`'${token}' not in fixture`);
}

describe('output formats', () => {
  for (const row of table) {
    it(`${row.file}: '${row.token}' is ${row.id}`, () => {
      const text = read(row.file);
      const finding = explainAt(linesOf(text), positionOf(text, row.token, row.nth));
      assert.ok(finding, 'no explanation');
      assert.equal(finding.entry.id, row.id);
      assert.equal(finding.status, row.status);
      assert.equal(finding.httpCode, row.httpCode);
      assert.equal(finding.confidence, row.confidence ?? 'high');
      for (const [key, value] of Object.entries(row.details ?? {})) {
        assert.deepEqual(finding.details[key as keyof ErrorDetails], value, `details.${key}`);
      }
    });
  }

  it('look-alikes get no explanation at all', () => {
    const text = read('lookalikes.txt');
    assert.deepEqual(scanLines(linesOf(text)).map((f) => `${f.line + 1}:${f.text}`), []);
    for (const token of ['OTHER', 'SAFETY', 'MAX_TOKENS', 'RESOURCE_EXHAUSTED', '404', '429', 'rate_limit_exceeded']) {
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        const at = line.indexOf(token);
        if (at >= 0) assert.equal(explainAt(linesOf(text), { line: index, character: at + 1 }), undefined, `${token} on line ${index + 1}`);
      });
    }
  });

  it('a bare Google-style status with nothing around it is explained with low confidence', () => {
    const finding = explainAt(linesOf('{"error": {"code": 429, "message": "slow down", "status": "RESOURCE_EXHAUSTED"}}'), { line: 0, character: 60 });
    assert.equal(finding?.confidence, 'low');
    assert.equal(finding?.status, 'RESOURCE_EXHAUSTED');
    assert.equal(finding?.httpCode, 429);
  });

  it('STOP is explained on hover but never reported', () => {
    const text = '{"candidates": [{"finishReason": "STOP"}], "modelVersion": "gemini-2.5-flash"}';
    assert.equal(explainAt(linesOf(text), { line: 0, character: 20 })?.entry.id, 'finish-reason-stop');
    assert.deepEqual(scanLines(linesOf(text)), []);
  });

  it('details belong to their own error, not to a neighbour in the log', () => {
    const log = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', 'app.log'), 'utf8');
    const findings = scanLines(linesOf(log));
    const quota = findings.find((f) => f.entry.id === 'no-free-tier')!;
    assert.equal(quota.details.retryDelay, '38s');
    for (const other of findings.filter((f) => f.status === 'UNAVAILABLE' || f.status === 'MAX_TOKENS')) {
      assert.equal(other.details.retryDelay, undefined, other.text);
      assert.equal(other.details.quotaId, undefined, other.text);
    }
  });

  it('finish_reason numbers of older SDKs are named', () => {
    const text = 'genai response: candidates { finish_reason: 3 } model gemini-1.5-flash';
    assert.equal(explainAt(linesOf(text), { line: 0, character: 33 })?.status, 'SAFETY');
  });
});
