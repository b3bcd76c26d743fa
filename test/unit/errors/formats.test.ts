/**
 * Our own fixtures, one per output format (test/fixtures/errors): hovering the token gives the
 * expected explanation and the details parsed from the error around it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { renderMarkdown } from '../../../src/core/errors/markdown';
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
  // Legacy Python over gRPC: gRPC is neutral, the Gemini-only message and the SDK's paths decide.
  { file: 'grpc-legacy-python.txt', token: 'StatusCode.FAILED_PRECONDITION', id: 'user-location-unsupported', status: 'FAILED_PRECONDITION', httpCode: 400 },
  { file: 'grpc-legacy-python.txt', token: 'ResourceExhausted: 429', id: 'resource-has-been-exhausted', status: 'RESOURCE_EXHAUSTED', httpCode: 429 },
  // OpenAI-compatible endpoint: an array of errors.
  { file: 'openai-compatible.txt', token: 'Error code: 400', id: 'unknown-field', status: 'INVALID_ARGUMENT', httpCode: 400 },
  // Live API close codes: the reason decides the status, the close code is explained alongside.
  { file: 'live-api.txt', token: 'received 1007', id: 'request-contains-invalid-argument', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'live-api.txt', token: 'received 1008', id: 'live-operation-not-implemented', status: 'UNIMPLEMENTED', httpCode: 501 },
  { file: 'live-api.txt', token: 'received 1011', id: 'service-currently-unavailable', status: 'UNAVAILABLE', httpCode: 503 },
  { file: 'live-api.txt', token: 'received 1011', nth: 1, id: 'live-close-1011', status: 'DEADLINE_EXCEEDED', httpCode: 504 },
  { file: 'live-api.txt', token: 'received 1008', nth: 1, id: 'live-close-1008', status: 'POLICY_VIOLATION' },
  // Other client languages.
  { file: 'other-languages.txt', token: 'FinishReason::SAFETY', id: 'finish-reason-safety', status: 'SAFETY' },
  { file: 'other-languages.txt', token: 'RPCStatus.resourceExhausted', id: 'quota-exceeded', status: 'RESOURCE_EXHAUSTED', httpCode: 429 },
  { file: 'other-languages.txt', token: 'FinishReason.maxTokens', id: 'finish-reason-max-tokens', status: 'MAX_TOKENS' },
  { file: 'other-languages.txt', token: 'PermissionDeniedException', id: 'permission-denied', status: 'PERMISSION_DENIED', httpCode: 403, details: { model: 'gemini-2.5-pro' } },
  { file: 'other-languages.txt', token: 'Code::InvalidArgument', id: 'empty-text-parameter', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'other-languages.txt', token: 'Error 429', id: 'quota-exceeded', status: 'RESOURCE_EXHAUSTED', httpCode: 429 },
  { file: 'other-languages.txt', token: 'UnsupportedUserLocationException', id: 'user-location-unsupported', status: 'FAILED_PRECONDITION', httpCode: 400 },
  { file: 'other-languages.txt', token: 'invalidAPIKey', id: 'api-key-invalid', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'other-languages.txt', token: 'InvalidApiKey:', id: 'api-key-invalid', status: 'INVALID_ARGUMENT', httpCode: 400 },
  // Wrapper wordings and 2026 messages.
  { file: 'wrappers.txt', token: 'Invalid argument provided to Gemini: 400', id: 'function-turn-order', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'wrappers.txt', token: 'Message is being blocked', id: 'block-reason-safety', status: 'SAFETY' },
  { file: 'wrappers.txt', token: 'maxOutputTokens value of', id: 'vertex-max-output-tokens-range', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'wrappers.txt', token: 'thinking_budget is out of range', id: 'thinking-budget-out-of-range', status: 'INVALID_ARGUMENT', httpCode: 400 },
  { file: 'wrappers.txt', token: 'Deadline expired', id: 'deadline-expired', status: 'DEADLINE_EXCEEDED', httpCode: 504 },
  { file: 'wrappers.txt', token: 'The operation was cancelled', id: 'operation-cancelled', status: 'CANCELLED', httpCode: 499 },
  { file: 'wrappers.txt', token: 'Response stopped due to unexpected tool call', id: 'finish-reason-unexpected-tool-call', status: 'UNEXPECTED_TOOL_CALL' },
  // The model comes from the error's own fields, never from a docs URL (`ai.google.dev/gemini-api/docs`).
  { file: 'wrappers.txt', token: 'Function call is missing', id: 'missing-thought-signature', status: 'INVALID_ARGUMENT', httpCode: 400, details: { model: undefined } },
  { file: 'wrappers.txt', token: '409 ABORTED', id: 'aborted', status: 'ABORTED', httpCode: 409 },
  { file: 'wrappers.txt', token: '501 UNIMPLEMENTED', id: 'live-operation-not-implemented', status: 'UNIMPLEMENTED', httpCode: 501 },
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

  it('a Live API close line shows the close code alongside its reason', () => {
    const text = read('live-api.txt');
    const finding = explainAt(linesOf(text), positionOf(text, 'received 1011'));
    assert.equal(finding?.statusEntry?.id, 'live-close-1011');
    assert.match(renderMarkdown(finding!), /10 minutes per connection/);
  });

  it('a recognized long message is explained wherever it is hovered', () => {
    const text = "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': \"Quota exceeded for quota metric 'Generate Content API requests per minute' and limit 'GenerateContent request limit per minute for a region' of service 'generativelanguage.googleapis.com'\", 'status': 'RESOURCE_EXHAUSTED'}}";
    for (const token of ['Quota exceeded', "and limit 'GenerateContent", 'request limit per minute', "of service 'generativelanguage"]) {
      const finding = explainAt(linesOf(text), { line: 0, character: text.indexOf(token) + 2 });
      assert.equal(finding?.status, 'RESOURCE_EXHAUSTED', token);
      assert.equal(finding?.entry.id, 'quota-exceeded', token);
    }
    // Past the end of the message string nothing more is claimed.
    assert.equal(explainAt(linesOf(`${text} and then some words`), { line: 0, character: text.length + 8 }), undefined);
  });

  it('finish_reason numbers of older SDKs are named', () => {
    const text = 'genai response: candidates { finish_reason: 3 } model gemini-1.5-flash';
    assert.equal(explainAt(linesOf(text), { line: 0, character: 33 })?.status, 'SAFETY');
  });
});
