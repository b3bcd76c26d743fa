import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationSeconds, normalizeErrorText, parseDetails } from '../../../src/core/errors/details';
import type { ErrorDetails } from '../../../src/core/errors/types';

const parse = (raw: string): ErrorDetails => {
  const text = normalizeErrorText(raw);
  return parseDetails(text, 0);
};

describe('error details', () => {
  const table: { name: string; text: string; expect: Partial<ErrorDetails> }[] = [
    { name: 'RetryInfo in JSON', text: '"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "53s"', expect: { retryDelay: '53s', retryDelaySeconds: 53 } },
    { name: 'RetryInfo with fractions', text: "'retryDelay': '38.8s'", expect: { retryDelay: '38.8s', retryDelaySeconds: 38.8 } },
    { name: 'RetryInfo in proto text', text: 'retry_delay {\n  seconds: 19\n}', expect: { retryDelay: '19s', retryDelaySeconds: 19 } },
    { name: 'retry in the message', text: 'Please retry in 10h17m5.5s.', expect: { retryDelay: '10h17m5.5s', retryDelaySeconds: 37025.5 } },
    { name: 'curly quotes', text: '“retryDelay”: “8s”', expect: { retryDelay: '8s' } },
    { name: 'escaped JSON', text: '{\\"retryDelay\\": \\"12s\\"}', expect: { retryDelay: '12s' } },
    { name: 'QuotaFailure', text: '"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests", "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "quotaDimensions": {"location": "global", "model": "gemini-2.0-flash"}, "quotaValue": "15"',
      expect: { quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', model: 'gemini-2.0-flash', quotaLimit: 15 } },
    { name: 'quota line of the message', text: '* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_input_token_count, limit: 0, model: gemini-2.5-pro',
      expect: { quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count', quotaLimit: 0, model: 'gemini-2.5-pro' } },
    { name: 'ErrorInfo', text: "{'@type': 'type.googleapis.com/google.rpc.ErrorInfo', 'reason': 'API_KEY_INVALID', 'domain': 'googleapis.com'}", expect: { reason: 'API_KEY_INVALID', domain: 'googleapis.com' } },
    { name: 'ErrorInfo in proto text, bolded', text: 'reason: "**SERVICE_DISABLED**"', expect: { reason: 'SERVICE_DISABLED' } },
    { name: '404 of a model', text: 'models/gemini-pro is not found for API version v1beta, or is not supported for generateContent.', expect: { model: 'gemini-pro', apiVersion: 'v1beta', method: 'generateContent' } },
    { name: 'URL of the call', text: 'POST https://generativelanguage.googleapis.com/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse', expect: { model: 'gemini-2.5-flash', apiVersion: 'v1', method: 'streamGenerateContent' } },
    { name: 'Help links', text: '"links": [{"description": "Learn more about Gemini API quotas", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]',
      expect: { helpLinks: [{ title: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] } },
    { name: 'message beside a nested body', text: '{"error":{"message":"{\\n  \\"error\\": {\\n    \\"code\\": 503,\\n    \\"message\\": \\"The model is overloaded.\\",\\n  }}","code":503}}', expect: { message: 'The model is overloaded.' } },
  ];
  for (const row of table) {
    it(row.name, () => {
      const details = parse(row.text);
      for (const [key, value] of Object.entries(row.expect)) assert.deepEqual(details[key as keyof ErrorDetails], value, key);
    });
  }

  it('guesses nothing', () => assert.deepEqual(parse('something went wrong'), {}));

  it('durations', () => {
    assert.equal(durationSeconds('53s'), 53);
    assert.equal(durationSeconds('1m'), 60);
    assert.equal(durationSeconds('2h1s'), 7201);
    assert.equal(durationSeconds('soon'), undefined);
  });
});
