/** Explaining whole texts (selections, clipboard, terminal lines, notebook outputs) and what users see of sources and links. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { explainText, ipynbOutputs, lineBlock, lineLinks, MAX_TERMINAL_LINE, outputText, stripControls } from '../../../src/core/errors/explain';
import { findingNear } from '../../../src/core/errors/hoverTarget';
import { isDocUrl, renderMarkdown } from '../../../src/core/errors/markdown';
import { explainAt, linesOf } from '../../../src/core/errors/recognize';
import { publicSources } from '../../../src/core/errors/sources';
import { catalog } from '../../../src/core/errors/catalog';
import { repoRoot } from '../../host/paths';

const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test/fixtures/errors', name), 'utf8');
const noFreeTier = fixture('python-genai-client-error.txt');
const overloaded = "ServerError: 503 UNAVAILABLE. {'error': {'code': 503, 'message': 'The model is overloaded. Please try again later.', 'status': 'UNAVAILABLE'}}";

/** The link targets of a Markdown text (not escaped `\](`). */
const prose = (markdown: string) => markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]*`/g, '');
/** The link targets of a Markdown text (not escaped `\](`, not in code). */
const linkTargets = (markdown: string) => [...prose(markdown).matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]!);

describe('hover order', () => {
  it('leads with the title and the specifics, then what to do and retry, then meaning and cause', () => {
    const line = noFreeTier.split('\n').find((l) => l.includes('ClientError'))!;
    const finding = explainAt(linesOf(line), { line: 0, character: line.indexOf('RESOURCE_EXHAUSTED') + 2 });
    assert.ok(finding);
    const markdown = renderMarkdown(finding);
    const order = ['**429 RESOURCE\\_EXHAUSTED', '**This error says:**', '**What to do:**', '**Retry?**', '**What it means:**', '**Likely cause:**'].map((h) => markdown.indexOf(h));
    assert.ok(order.every((i) => i >= 0), markdown);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(markdown, /Retry\?\*\* no: with a limit of 0/);
  });

  it('names public pages as sources, never file names of the catalog', () => {
    for (const entry of catalog) {
      const finding = { line: 0, start: 0, end: 1, text: 'x', entry, status: entry.status, kind: entry.kind, confidence: 'high' as const, evidence: [], details: {} };
      const markdown = renderMarkdown(finding);
      assert.doesNotMatch(markdown, /gemini-facts|troubleshooting-guide\.txt|§/, entry.id);
      assert.match(markdown, /Sources: \[/, entry.id);
      for (const target of linkTargets(markdown)) assert.match(target, /^https:\/\/(ai\.google\.dev|cloud\.google\.com|aistudio\.google\.com|discuss\.ai\.google\.dev|github\.com)(\/|$)/, `${entry.id}: ${target}`);
    }
  });

  it('shows guide sections as links, not paragraphs', () => {
    const text = 'google.genai.errors.ClientError: 404 NOT_FOUND. {"error": {"code": 404, "message": "models/gemini-1.0-pro is not found for API version v1beta, or is not supported for generateContent.", "status": "NOT_FOUND"}}';
    const finding = explainAt(linesOf(text), { line: 0, character: text.indexOf('NOT_FOUND') + 1 });
    assert.ok(finding);
    const markdown = renderMarkdown(finding);
    assert.match(markdown, /See: .*\[Check that you have the right model\]\(https:\/\/ai\.google\.dev/);
    assert.doesNotMatch(markdown, /\(\[more\]\(/);
  });
});

describe('sources', () => {
  it('links the public pages a catalog source names', () => {
    assert.deepEqual(publicSources('cloud.google.com/apis/design/errors (UNIMPLEMENTED = 501, gRPC code 12); Live API: github.com/googleapis/python-genai/issues/182').map((s) => [s.title, s.url]), [
      ['cloud.google.com/apis/design/errors', 'https://cloud.google.com/apis/design/errors'],
      ['googleapis/python-genai#182', 'https://github.com/googleapis/python-genai/issues/182'],
    ]);
    assert.deepEqual(publicSources('ai.google.dev/gemini-api/docs/troubleshooting (discuss.ai.google.dev/t/183654). And ai.google.dev/gemini-api/docs/troubleshooting.').map((s) => [s.title, s.url]), [
      ['Gemini API troubleshooting guide', 'https://ai.google.dev/gemini-api/docs/troubleshooting'],
      ['Google AI developer forum, thread 183654', 'https://discuss.ai.google.dev/t/183654'],
    ]);
    assert.deepEqual(publicSources('an internal note; evil.example/github.com'), []);
  });

  it('gives every catalog entry at least one public source', () => {
    for (const entry of catalog) assert.ok(publicSources(entry.source).length > 0, `${entry.id}: ${entry.source}`);
  });
});

describe('links from the error text (google.rpc.Help)', () => {
  const withHelp = (url: string, description = 'Docs') =>
    `google.genai.errors.ClientError: 400 INVALID_ARGUMENT. {"error": {"code": 400, "message": "bad", "status": "INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "${description}", "url": "${url}"}]}]}}`;
  const hover = (text: string) => renderMarkdown(explainAt(linesOf(text), { line: 0, character: text.indexOf('INVALID_ARGUMENT') + 1 })!);

  it('links Google documentation hosts', () => {
    const markdown = hover(withHelp('https://ai.google.dev/gemini-api/docs/api-key', 'Get a key'));
    assert.ok(linkTargets(markdown).includes('https://ai.google.dev/gemini-api/docs/api-key'));
    assert.match(markdown, /\[Get a key\]\(https:\/\/ai\.google\.dev\/gemini-api\/docs\/api-key\)/);
  });

  it('shows any other link as code: no phishing link, no remote image', () => {
    for (const url of ['https://evil.example/login', 'http://ai.google.dev/x', 'https://ai.google.dev.evil.example/', 'https://ai.google.dev/x)![i](https://evil.example/i.png', 'javascript:alert(1)']) {
      const markdown = hover(withHelp(url, '![x](https://evil.example/p.png) [y](https://evil.example)'));
      for (const target of linkTargets(markdown)) assert.match(target, /^https:\/\/(ai\.google\.dev|cloud\.google\.com|aistudio\.google\.com|github\.com)\//, `${url}: ${target}`);
      assert.doesNotMatch(prose(markdown), /(?<!\\)!\[/);
    }
  });

  it('accepts only plain https URLs on the documentation hosts', () => {
    assert.ok(isDocUrl('https://cloud.google.com/apis/design/errors#error_model'));
    assert.ok(!isDocUrl('https://user@ai.google.dev/'));
    assert.ok(!isDocUrl('https://ai.google.dev:444/'));
    assert.ok(!isDocUrl('https://ai.google.dev/a b'));
    assert.ok(!isDocUrl('https://github.com/x/y'));
  });

  it('bare URLs in messages become code, not links', () => {
    const text = '{"error": {"code": 400, "message": "visit https://evil.example/phish now", "status": "INVALID_ARGUMENT"}} gemini';
    const markdown = renderMarkdown(explainAt(linesOf(text), { line: 0, character: text.indexOf('INVALID_ARGUMENT') + 1 })!);
    assert.match(markdown, /`https:\/\/evil\.example\/phish`/);
  });
});

describe('hovering any part of a message', () => {
  it('explains a word of the message, not only the status token', () => {
    const line = 'Error 429, Message: You exceeded your current quota, please check your plan and billing details., Status: RESOURCE_EXHAUSTED, Details: []';
    const at = line.indexOf('billing');
    const finding = findingNear(linesOf(line), { line: 0, character: at });
    assert.equal(finding?.status, 'RESOURCE_EXHAUSTED');
  });

  it('does not reach across quotes into another value, nor into unrelated text', () => {
    const line = `${overloaded} and then some unrelated words here`;
    assert.equal(findingNear(linesOf(line), { line: 0, character: line.indexOf('unrelated') }), undefined);
    assert.equal(findingNear(linesOf('hello world'), { line: 0, character: 3 }), undefined);
  });
});

describe('explainText', () => {
  it('explains every distinct error once, with where it occurs', () => {
    const log = readFileSync(path.join(repoRoot, 'test/fixtures/workspace/app.log'), 'utf8');
    const result = explainText(log, { origin: 'app.log' });
    const ids = result.errors.map((e) => e.finding.entry.id);
    assert.ok(ids.includes('no-free-tier'), ids.join());
    assert.ok(ids.includes('model-overloaded') || result.errors.some((e) => e.finding.status === 'UNAVAILABLE'), ids.join());
    assert.equal(new Set(ids.map((id, i) => `${id}${result.errors[i]!.finding.details.message ?? ''}`)).size, ids.length);
    for (const heading of ['**This error says:**', '**What to do:**', '**What it means:**', '**Likely cause:**', '**Sources:**', '**The error as printed:**']) assert.ok(result.markdown.includes(heading), heading);
    assert.match(result.markdown, /^# Gemini errors in app\.log/);
  });

  it('counts repeats instead of repeating the section', () => {
    const filler = Array.from({ length: 15 }, () => 'ok');
    const result = explainText([overloaded, ...filler, overloaded, ...filler, overloaded].join('\n'), { firstLine: 9 });
    assert.equal(result.errors.length, 1);
    assert.deepEqual(result.errors[0]!.lines, [0, 16, 32]);
    assert.match(result.markdown, /Seen 3 times, lines 10, 26, 42/);
  });

  it('says when there is nothing to explain', () => {
    const result = explainText('all good\nGET /healthz 200');
    assert.equal(result.errors.length, 0);
    assert.match(result.markdown, /No Gemini API error found/);
  });

  it('escapes the text it quotes: no HTML, no links, no fence breaking out', () => {
    const hostile = '{"error": {"code": 400, "message": "<script>alert(1)</script> [x](https://evil.example) ```\\n# heading", "status": "INVALID_ARGUMENT"}} gemini-2.5-pro ```` <img src=x onerror=alert(1)>';
    const { markdown } = explainText(`${hostile}\n\u001b]0;title\u0007\u001b[31mred\u001b[0m`, { origin: '<b>file</b>.log' });
    assert.doesNotMatch(prose(markdown), /(?<!\\)<(script|img)/);
    assert.ok(!markdown.includes('\u001b'));
    for (const target of linkTargets(markdown)) assert.match(target, /^https:\/\/(ai\.google\.dev|cloud\.google\.com|aistudio\.google\.com|discuss\.ai\.google\.dev|github\.com)\//);
    // The quoted error sits in a fence longer than any backtick run in it.
    assert.match(markdown, /`````text\n/);
    assert.match(markdown, /# Gemini errors in \\<b\\>file\\<\/b\\>\.log/);
  });

  it('strips terminal controls', () => {
    assert.equal(stripControls('\u001b[1;31mError\u001b[0m 429\u001b]8;;https://x\u0007link\u001b]8;;\u0007\r\n\u0007done'), 'Error 429link\ndone');
  });
});

describe('terminal line links', () => {
  it('links Gemini errors with their title as tooltip', () => {
    const line = noFreeTier.split('\n').find((l) => l.includes('ClientError'))!;
    const links = lineLinks(line);
    assert.equal(links.length, 1);
    assert.equal(links[0]!.tooltip, '429 RESOURCE_EXHAUSTED — No free tier for this model');
    assert.ok(line.slice(links[0]!.start, links[0]!.start + links[0]!.length).length > 0);
  });

  it('leaves look-alikes and evidence-free statuses alone', () => {
    for (const line of fixture('lookalikes.txt').split('\n')) assert.deepEqual(lineLinks(line), [], line);
    assert.deepEqual(lineLinks('{"error": {"code": 503, "message": "busy", "status": "UNAVAILABLE"}}'), []);
    assert.deepEqual(lineLinks('GET /healthz 200'), []);
  });

  it('reads a bounded part of a huge line', () => {
    const line = `${'x'.repeat(MAX_TERMINAL_LINE)} ${overloaded}`;
    assert.deepEqual(lineLinks(line), []);
  });
});

describe('line block', () => {
  it('is the run of non-blank lines around the cursor', () => {
    const source = linesOf('a\n\nb\nc\nd\n\ne');
    assert.deepEqual(lineBlock(source, 3), { first: 2, last: 4 });
    assert.deepEqual(lineBlock(source, 0), { first: 0, last: 0 });
  });
});

describe('notebook outputs', () => {
  const notebook = JSON.stringify({
    cells: [
      { cell_type: 'code', source: ['print(1)'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }] },
      { cell_type: 'markdown', source: ['# notes'] },
      {
        cell_type: 'code',
        source: ['client.models.generate_content(...)'],
        outputs: [
          { output_type: 'stream', name: 'stderr', text: ['WARNING: retrying\n'] },
          { output_type: 'error', ename: 'ClientError', evalue: '429 RESOURCE_EXHAUSTED', traceback: ['\u001b[0;31m---------------------------------------------------------------------------\u001b[0m', noFreeTier.split('\n').find((l) => l.includes('ClientError'))!.replace('google.genai', '\u001b[0;31mgoogle.genai\u001b[0m')] },
        ],
      },
    ],
  });

  it('reads saved error tracebacks and streams, without terminal colours', () => {
    const outputs = ipynbOutputs(notebook);
    assert.deepEqual(outputs.map((o) => o.cell), [0, 2]);
    assert.ok(!outputs[1]!.text.includes('\u001b'));
    const explanation = explainText(outputs.map((o) => o.text).join('\n'));
    assert.deepEqual(explanation.errors.map((e) => e.finding.entry.id), ['no-free-tier']);
  });

  it('says clearly when the text is not a notebook', () => {
    assert.throws(() => ipynbOutputs('{"cells": '), /not valid notebook JSON/);
    assert.throws(() => ipynbOutputs('{"a": 1}'), /no notebook cells/);
  });

  it('reads live cell outputs by MIME type', () => {
    const text = outputText([
      { mime: 'application/vnd.code.notebook.error', text: JSON.stringify({ name: 'ServerError', message: overloaded, stack: '' }) },
      { mime: 'image/png', text: 'binary' },
      { mime: 'application/vnd.code.notebook.stdout', text: 'done' },
    ]);
    assert.equal(text, `ServerError: ${overloaded}\ndone`);
  });
});

describe('robustness of the new surfaces', () => {
  const fragments = ['429', ' RESOURCE_EXHAUSTED', '"code": ', '"status": "', "'", '"', '{', '}', 'gemini-2.5-pro', 'You exceeded your current quota', ', please check', 'Error 404, Message: ', '\n', '\u001b[31m', '\u001b]8;;', '\u0007', '```', '](https://x.example)', '<img src=x>', ' ', 'finishReason SAFETY'];
  const text = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

  it('findingNear, lineLinks and explainText never throw and stay within the text', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (input, lineSeed, charSeed) => {
        const source = linesOf(input);
        const line = lineSeed % source.lineCount;
        const found = findingNear(source, { line, character: charSeed % (source.lineText(line).length + 1) });
        if (found) assert.ok(found.start >= 0 && found.end <= source.lineText(line).length && found.start < found.end);
        for (const l of lineLinks(input.split('\n')[0]!)) assert.ok(l.start >= 0 && l.length > 0);
        const { markdown } = explainText(input);
        assert.ok(!markdown.includes('\u001b'));
      }),
      { numRuns: 500 },
    );
  });
});
