import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { ByteWriter, writeJsonFinding, writeJsonFindings } from '../../src/cli/findingOutput';
import { linesOf, scanLines } from '../../src/core/errors/recognize';
import { corpusDir, repoRoot } from '../host/paths';
import { jsonElement, jsonLine, runMain as run } from './cliRunner';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'errors');
const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
const utf8 = new TextDecoder('utf-8', { fatal: true });

describe('gemini-doctor explain', () => {
  it('writes each finding as JSON.stringify would (field by field, from encoded pieces, for speed): every finding of the error corpus, and hostile text', () => {
    const texts = readdirSync(corpusDir('errors')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(corpusDir('errors', f), 'utf8'));
    texts.push('x \u2028 \u202e "q" \\ \u0007 {"error": {"code": 429, "message": "You exceeded your current quota \u0085 \u2066", "status": "RESOURCE_EXHAUSTED"}}');
    texts.push("finishReason: 'MALFORMED_FUNCTION_CALL' from gemini-2.5-pro");
    let count = 0;
    for (const text of texts) {
      const findings = scanLines(linesOf(text));
      count += findings.length;
      // As UTF-8, into a buffer that grows as it goes; file names that need escaping, and that are not ASCII.
      for (const file of ['app.log', 'dir/a "b"\n:c.log', 'журнал 🚀.log']) {
        const json = new ByteWriter(16);
        writeJsonFindings(json, file, findings, 'json');
        assert.equal(utf8.decode(json.take()), findings.map((f) => jsonElement(file, f)).join(',\n'));
        const lines = new ByteWriter(16);
        writeJsonFindings(lines, file, findings, 'json-lines');
        assert.equal(utf8.decode(lines.take()), findings.map((f) => `${jsonLine(file, f)}\n`).join(''));
      }
    }
    assert.ok(count > 300, `${count} findings`);
  });

  it('writes numbers as String writes them', () => {
    const numbers = [0, 1, 9, 10, 99, 100, 101, 999_999, 1_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, NaN];
    for (let n = 1; n < 1e15; n = n * 7 + 3) numbers.push(n);
    const out = new ByteWriter(4);
    for (const n of numbers) {
      out.int(n);
      out.text(' ');
    }
    assert.equal(utf8.decode(out.take()), numbers.map((n) => `${String(n)} `).join(''));
  });

  it('writes an error printed again with the details it has, not those of the one before (same values under other keys, other order)', () => {
    const [finding] = scanLines(linesOf("google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'Quota exceeded for metric: m, limit: 0, model: gemini-2.5-pro', 'status': 'RESOURCE_EXHAUSTED'}}"));
    assert.ok(finding);
    const variants = [
      { model: 'gemini-2.5-pro', quotaLimit: 0 },
      { model: 'gemini-2.5-pro', quotaLimit: 0 },
      { quotaLimit: 0, model: 'gemini-2.5-pro' },
      { quotaMetric: 'gemini-2.5-pro', quotaLimit: 0 },
      { quotaMetric: 'gemini-2.5-pro', quotaLimit: 0, helpLinks: [{ title: 'a', url: 'https://ai.google.dev/a' }] },
      { quotaMetric: 'gemini-2.5-pro', quotaLimit: 0, helpLinks: [{ url: 'https://ai.google.dev/a', title: 'a' }] },
    ];
    // One format after the other: what was written for the finding before is kept per format.
    for (const format of ['json-lines', 'json'] as const) {
      for (const details of variants) {
        const again = { ...finding, details };
        const out = new ByteWriter();
        writeJsonFinding(out, 'app.log', again, format);
        assert.equal(utf8.decode(out.take()), format === 'json' ? jsonElement('app.log', again) : `${jsonLine('app.log', again)}\n`);
      }
    }
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints a finding per occurrence with 1-based positions', async () => {
    const { code, out } = await run('explain', '--json', path.join(fixtures, 'go-genai.txt'));
    assert.equal(code, 0);
    const findings = JSON.parse(out) as Record<string, unknown>[];
    assert.ok(findings.length >= 2);
    const onStatus = findings.find((f) => f.text === 'NOT_FOUND')!;
    assert.deepEqual(Object.keys(onStatus).sort(), ['column', 'confidence', 'details', 'endColumn', 'endLine', 'file', 'httpCode', 'id', 'kind', 'line', 'status', 'text', 'title'].sort());
    assert.equal(onStatus.line, 1);
    assert.equal(onStatus.endColumn as number - (onStatus.column as number), 'NOT_FOUND'.length);
    assert.equal(onStatus.httpCode, 404);
    assert.equal(onStatus.kind, 'message');
    assert.equal(onStatus.confidence, 'high');
    assert.equal((onStatus.details as { apiVersion: string }).apiVersion, 'v1beta');
  });

  it('prints one line per error without --json', async () => {
    const { code, out } = await run('explain', path.join(fixtures, 'rest-json-bad-request.txt'));
    assert.equal(code, 0);
    assert.equal(out.trim().split('\n').length, 1, out);
    assert.match(out, /rest-json-bad-request\.txt:\d+:\d+: \[high\] 400 INVALID_ARGUMENT — API key not valid/);
  });

  it('--at prints what a hover shows, or null', async () => {
    const file = path.join(fixtures, 'cancelled.txt');
    const hit = JSON.parse((await run('explain', '--json', '--at', '1:80', file)).out) as { status: string; markdown: string };
    assert.equal(hit.status, 'CANCELLED');
    assert.match(hit.markdown, /^\*\*499 CANCELLED/);
    assert.equal(JSON.parse((await run('explain', '--json', '--at', '1:2', file)).out), null);
    assert.match((await run('explain', '--at', '1:80', file)).out, /What to do/);
  });

  it('reads standard input with -', () => {
    const result = spawnSync(process.execPath, [cli, 'explain', '--json', '-'], { input: 'google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded (gemini-2.5-pro)\n', encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { status: string }[])[0]?.status, 'DEADLINE_EXCEEDED');
  });

  it('finds nothing in look-alikes', async () => {
    assert.deepEqual(JSON.parse((await run('explain', '--json', path.join(fixtures, 'lookalikes.txt'))).out), []);
  });

  const usage: [string[], RegExp][] = [
    [['explain'], /needs at least one FILE/],
    [['explain', '--at', 'x', 'f'], /--at needs LINE:COL/],
    [['explain', '--at', '1:1', 'a', 'b'], /exactly one FILE/],
    [['explain', '--frob', 'a'], /unknown option '--frob'/],
  ];
  for (const [argv, message] of usage) {
    it(`${argv.join(' ')} is a usage error (exit 2)`, async () => {
      const result = await run(...argv);
      assert.equal(result.code, 2);
      assert.match(result.err, message);
    });
  }

  it('unreadable and binary files: a clear message, exit 2, the other files still explained', async () => {
    const binary = path.join(dir, 'data.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    const result = await run('explain', '--json', path.join(dir, 'missing.log'), binary, path.join(fixtures, 'cancelled.txt'));
    assert.equal(result.code, 2);
    assert.match(result.err, /cannot read .*missing\.log: no such file/);
    assert.match(result.err, /data\.bin looks like a binary file/);
    assert.equal((JSON.parse(result.out) as unknown[]).length > 0, true);
  });

  it('streams a large file: errors far apart are all found, with their own details', async () => {
    const file = path.join(dir, 'big.log');
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      lines.push(i % 50_000 === 25_000 ? `ERROR gemini call failed: 429 RESOURCE_EXHAUSTED retryDelay: "${i}s"` : `INFO request ${i} served in 12 ms`);
    }
    writeFileSync(file, lines.join('\n'));
    const findings = JSON.parse((await run('explain', '--json', file)).out) as { line: number; details: { retryDelay?: string } }[];
    const errorLines = [...new Set(findings.map((f) => f.line))];
    assert.deepEqual(errorLines, [25_001, 75_001, 125_001, 175_001]);
    assert.equal(findings.find((f) => f.line === 125_001)?.details.retryDelay, '125000s');
  });
});
