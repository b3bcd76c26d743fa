/**
 * Hostile and random input never throws, and what the recognizer reads stays bounded: a hover reads
 * only the lines around its position, whatever the document's size.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { explainAt, limits, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { renderMarkdown, summaryLine } from '../../../src/core/errors/markdown';
import type { LineSource } from '../../../src/core/errors/types';

/** Error-like fragments, so random text often contains anchors and half-anchors. */
const fragments = ['429', ' RESOURCE_EXHAUSTED', '"code": ', '"status": "', 'INVALID_ARGUMENT', '\\"', '\\\\n', '{', '}', '[', ']', "'", '"', 'finishReason', ': ',
  'SAFETY', 'OTHER', 'gemini-2.5-pro', 'generativelanguage.googleapis.com', 'retryDelay', '38.8s', 'limit: 0', 'got status: ', 'Error 400, Message: ', '\n', '│', '> ',
  'models/x is not found for API version v1', 'BlockedReason.', 'finish_reason: 4', '"code":"invalid_r', 'equest"', 'The model is overloaded. Please try again later.', '\u0000', '😀'];
const errorish = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 80 }).map((parts) => parts.join(''));

describe('robustness', () => {
  it('random error-like text: scanning and hovering never throw, and findings are well-formed', () => {
    fc.assert(
      fc.property(errorish, fc.nat(), fc.nat(), (text, lineSeed, charSeed) => {
        const source = linesOf(text);
        for (const f of scanLines(source)) {
          assert.ok(f.line >= 0 && f.line < source.lineCount);
          assert.ok(f.start >= 0 && f.end > f.start && f.end <= source.lineText(f.line).length);
          assert.equal(source.lineText(f.line).slice(f.start, f.end), f.text);
          renderMarkdown(f);
          summaryLine(f);
        }
        const line = lineSeed % source.lineCount;
        const finding = explainAt(source, { line, character: charSeed % (source.lineText(line).length + 1) });
        if (finding) assert.match(renderMarkdown(finding), /^\*\*/);
      }),
      { numRuns: 1500 },
    );
  });

  it('positions outside the document give nothing', () => {
    const source = linesOf('429 RESOURCE_EXHAUSTED gemini');
    assert.equal(explainAt(source, { line: 5, character: 0 }), undefined);
    assert.equal(explainAt(source, { line: -1, character: 0 }), undefined);
    assert.equal(explainAt(source, { line: 0, character: 10_000 }), undefined);
  });

  it('a hover reads only the lines around its position', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (line) => {
        const read = new Set<number>();
        const source: LineSource = {
          lineCount: 100_000,
          lineText: (n) => {
            read.add(n);
            return n % 7 === 0 ? `2026-11-27 ERROR gemini 429 RESOURCE_EXHAUSTED retryDelay "${n}s"` : `2026-11-27 INFO request ${n} ok`;
          },
        };
        explainAt(source, { line, character: 28 });
        for (const n of read) assert.ok(Math.abs(n - line) <= limits.CONTEXT_LINES + 1, `read line ${n} for a hover on ${line}`);
      }),
      { numRuns: 200 },
    );
  });

  it('a 5 MB minified line is explained from a bounded window of it', () => {
    const body = JSON.stringify({ error: { code: 429, message: 'You exceeded your current quota', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }] } });
    const padding = JSON.stringify({ filler: 'x'.repeat(2_500_000) });
    const line = `${padding.slice(0, -1)},"gemini":${body},"more":${padding}}`;
    const at = line.indexOf('RESOURCE_EXHAUSTED');
    const finding = explainAt(linesOf(line), { line: 0, character: at + 2 });
    assert.equal(finding?.status, 'RESOURCE_EXHAUSTED');
    assert.equal(finding?.details.retryDelay, '7s');
  });

  it('pathological backslashes and quotes finish', () => {
    const text = `${'\\'.repeat(100_000)}"code": 429 ${'"'.repeat(50_000)} RESOURCE_EXHAUSTED ${"'".repeat(50_000)} gemini`;
    assert.ok(scanLines(linesOf(text)).length > 0);
  });
});

/** 1 MB of input built to make a backtracking regex or a per-error rescan blow up. */
const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const pathological: readonly (readonly [string, string])[] = [
  ['finish_reason then blanks (finish anchors)', `finish_reason${' '.repeat(MB)}`],
  ['blockReason then blanks (block anchors)', `blockReason${' '.repeat(MB)}`],
  ['"Quota exceeded for metric" repeated (messages, quota details)', fill('Quota exceeded for metric xy ')],
  ['lines of backslashes (normalization)', Array.from({ length: 256 }, () => '\\'.repeat(4000)).join('\n')],
  ['backslashes before quotes (normalization)', fill('\\\\\\"')],
  ['gemini- repeated (model details)', fill('gemini-')],
  ['Generate repeated (quota ids)', fill('Generate')],
  ['a-a-… (hosts of other services)', fill('a-')],
  ['go-genai prefix without its end (evidence)', fill('Error 400, Message: x')],
  ['aiplatform paths (evidence)', fill('aiplatform.googleapis.com/x')],
  ['open brackets (error blocks)', fill('{')],
  ['"code": 429 repeated (code anchors, one line)', fill('"code": 429, "x": 1, ')],
  ['a status on every line (per-error context)', Array.from({ length: 40_000 }, () => 'x RESOURCE_EXHAUSTED y').join('\n')],
  ['StatusCode.X repeated (gRPC anchors)', fill('StatusCode.INTERNAL ')],
  ['a message repeated (message anchors)', fill('You exceeded your current quota. ')],
  ['Live API close codes repeated', fill('1011 (internal error) ')],
  ['Interactions codes repeated', fill('"code": "invalid_request", ')],
  ['exceptions repeated', fill('google.api_core.exceptions.ResourceExhausted: 429 ')],
];

describe('pathological input of 1 MB finishes (a bound against hangs only; speed is in npm run bench)', () => {
  for (const [name, text] of pathological) {
    it(name, { timeout: 120_000 }, () => {
      const source = linesOf(text);
      scanLines(source);
      explainAt(source, { line: 0, character: 5 });
      explainAt(source, { line: 0, character: Math.floor(source.lineText(0).length / 2) });
    });
  }
});

describe('hover text', () => {
  it('escapes what the document says, and links only https documentation', () => {
    const hostile = '{"error": {"code": 400, "message": "[click](command:workbench.action.terminal.new) <img src=x> **bold** `tick`", "status": "INVALID_ARGUMENT"}} gemini';
    const finding = explainAt(linesOf(hostile), { line: 0, character: hostile.indexOf('INVALID_ARGUMENT') + 1 });
    assert.ok(finding);
    const markdown = renderMarkdown(finding);
    // Escaped (`\<img`, `\]\(command:`), the document's text is shown, never interpreted.
    assert.doesNotMatch(markdown, /(?<!\\)\]\(command:/);
    assert.doesNotMatch(markdown, /(?<!\\)<img/);
    assert.match(markdown, /\\<img/);
    for (const m of markdown.matchAll(/(?<!\\)\]\(([^)]+)\)/g)) assert.match(m[1]!, /^https:\/\//);
  });

  it('says what it means, the cause, what to do and the specifics', () => {
    const text = 'google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {\'error\': {\'code\': 429, \'message\': \'You exceeded your current quota. Please retry in 38.8s.\', \'status\': \'RESOURCE_EXHAUSTED\', \'details\': [{\'@type\': \'type.googleapis.com/google.rpc.RetryInfo\', \'retryDelay\': \'38s\'}]}}';
    const finding = explainAt(linesOf(text), { line: 0, character: text.indexOf('RESOURCE_EXHAUSTED') + 1 });
    assert.ok(finding);
    const markdown = renderMarkdown(finding);
    assert.match(markdown, /^\*\*429 RESOURCE\\_EXHAUSTED — /);
    for (const heading of ['What it means', 'Likely cause', 'What to do', 'This error says']) assert.match(markdown, new RegExp(`\\*\\*${heading}`));
    assert.match(markdown, /Retry after \*\*38s\*\*/);
    assert.match(summaryLine(finding), /retry after 38s/);
  });

  it('hedges when the evidence is thin', () => {
    const text = '{"error": {"code": 503, "message": "busy", "status": "UNAVAILABLE"}}';
    const finding = explainAt(linesOf(text), { line: 0, character: text.indexOf('UNAVAILABLE') + 1 });
    assert.equal(finding?.confidence, 'low');
    assert.match(renderMarkdown(finding!), /Possibly a Gemini API error/);
    assert.match(summaryLine(finding!), /possibly Gemini/);
  });
});

describe('Problems line', () => {
  it('does not suggest waiting when the limit is 0', () => {
    const text = "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': '* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro Please retry in 38.8s.', 'status': 'RESOURCE_EXHAUSTED'}}";
    const finding = explainAt(linesOf(text), { line: 0, character: text.indexOf('RESOURCE_EXHAUSTED') + 1 });
    assert.ok(finding);
    assert.equal(summaryLine(finding), '429 RESOURCE_EXHAUSTED — No free tier for this model');
  });
});
