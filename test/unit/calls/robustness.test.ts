/**
 * Extraction is linear in the size of the file: pathological inputs that were quadratic (a JSON
 * collection of requests, one declaration of thousands of constants, a call chain of thousands of
 * links) finish. The bound is a generous one against hangs only; the speed itself is a figure of
 * `npm run bench`.
 */
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import type { CallLanguage } from '../../../src/core/calls/extract';
import { ExtractionLimitError } from '../../../src/core/calls/types';
import { validate } from '../../../src/core/calls/validate';
import { snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';

const parser = new CallParser();
const facts = { source: 'snapshot' as const, label: 'snapshot', models: snapshotModels };
/** Far above what linear work takes on a slow machine; the quadratic versions took minutes. */
const HANG = 30_000;

const inputs: { name: string; language: CallLanguage; text: () => string; calls: number }[] = [
  { name: 'a JSON collection of 12,000 requests (1 MB)', language: 'json', calls: 12_000,
    text: () => `[${Array.from({ length: 12_000 }, (_, i) => `{"contents": [{"parts": [{"text": "x${i}"}]}], "generationConfig": {"temperature": 1,},}`).join(',\n')}]` },
  { name: 'one declaration of 20,000 constants', language: 'typescript', calls: 0,
    text: () => `const ${Array.from({ length: 20_000 }, (_, i) => `a${i} = "gemini-2.5-flash"`).join(',\n')};` },
  { name: 'a call chain of 40,000 links (TypeScript)', language: 'typescript', calls: 0, text: () => `ai${'.then(x => x)'.repeat(40_000)};` },
  { name: 'a call chain of 100,000 links (Python)', language: 'python', calls: 0, text: () => `x = client${'.f()'.repeat(100_000)}\n` },
];

describe('call extraction on pathological input', () => {
  for (const input of inputs) {
    it(`${input.name} finishes`, async () => {
      const text = input.text();
      const started = performance.now();
      const extraction = await parser.extract(input.language, text);
      validate(extraction, text, facts);
      assert.equal(extraction.calls.length, input.calls);
      assert.ok(performance.now() - started < HANG, `took ${performance.now() - started} ms`);
    });
  }

  it('a call at the end of a long chain is still recognized', async () => {
    const text = `ai${'.then(x => x)'.repeat(2_000)}.models.generateContent({ model: "gemini-1.5-pro", contents: "x" });`;
    const extraction = await parser.extract('typescript', text);
    assert.equal(extraction.calls.length, 1);
  });

  it('JSON nested thousands deep is refused with a reason, not a stack overflow', async () => {
    const text = `{"generationConfig": {}, "a": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    await assert.rejects(parser.extract('json', text), (error: unknown) => error instanceof ExtractionLimitError && /nested 20001 levels/.test(error.message));
  });
});
