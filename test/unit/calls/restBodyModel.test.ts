/** A REST body that names its model itself (GenerateContentRequest.model, a cachedContents body) is checked against it. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';

const facts = { source: 'snapshot' as const, label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels, today: '2026-11-30' };
const parser = new CallParser();

async function rules(language: 'json' | 'bash', text: string): Promise<string[]> {
  return validate(await parser.extract(language, text), text, facts).map((f) => f.ruleId).sort();
}

describe('REST bodies: the model of the body', () => {
  it('a request body with "model" and no URL is checked against that model', async () => {
    const body = '{"model": "models/gemini-2.5-flash-lite", "contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"maxOutputTokens": 100000, "thinkingConfig": {"thinkingLevel": "high"}}}';
    assert.deepEqual(await rules('json', body), ['maxOutputTokens-over-limit', 'thinkingLevel-invalid']);
  });

  it('a cachedContents body with a retired model', async () => {
    const body = '{"model": "models/gemini-1.5-flash", "contents": [{"parts": [{"text": "long document"}]}], "ttl": "300s"}';
    assert.deepEqual(await rules('json', body), ['model-retired']);
  });

  it('the URL wins over the body', async () => {
    const script = `curl "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-lite:generateContent" -H "x-goog-api-key: $GEMINI_API_KEY" -d '{"model": "models/gemini-1.5-flash", "contents": [{"parts": [{"text": "hi"}]}]}'\n`;
    assert.deepEqual(await rules('bash', script), []);
  });
});
