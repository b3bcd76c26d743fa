import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { formatText } from '../../src/cli/findingOutput';
import { READ_CHUNK } from '../../src/cli/lineStream';
import { groupFindings, linesOf, scanLines } from '../../src/core/errors/recognize';
import { displayFile, safeJson, stripControls } from '../../src/cli/output';
import { repoRoot } from '../host/paths';
import { jsonLine, runMain as run } from './cliRunner';

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
const ERROR = 'ERROR gemini call failed: 429 RESOURCE_EXHAUSTED retryDelay: "7s"';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

interface JsonFinding {
  line: number;
  column: number;
  status: string;
  text: string;
}

describe('gemini-doctor explain: hostile and odd input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-input-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('terminal escapes from the file are not printed raw (text, --at), and stay valid JSON (json)', async () => {
    const file = path.join(dir, 'escapes.log');
    const details = '{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "generation_config.temperature\u001b[2J", "description": "bad \u001b]8;;https://evil.example\u001b\\ value"}]}, {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "BAD\u009b31mREASON"}';
    writeFileSync(file, `ERROR google.genai.errors.ClientError: 400 INVALID_ARGUMENT. {"error": {"code": 400, "message": "Invalid value \u001b]0;pwned\u0007 at x", "status": "INVALID_ARGUMENT", "details": [${details}]}}\n`);
    const text = await run('explain', file);
    assert.equal(text.code, 0);
    assert.match(text.out, /400 INVALID_ARGUMENT/);
    assert.doesNotMatch(text.out, CONTROL);
    const hover = await run('explain', '--at', '1:45', file);
    assert.match(hover.out, /INVALID\\_ARGUMENT/);
    assert.doesNotMatch(hover.out, CONTROL);
    const json = await run('explain', '--json', file);
    assert.doesNotMatch(json.out, CONTROL);
    assert.equal((JSON.parse(json.out) as JsonFinding[])[0]!.status, 'INVALID_ARGUMENT');
  });

  it('a file name with a newline or a colon cannot fake a file:line:col: line', async () => {
    const name = 'app.log:99:1: [high] 500 INTERNAL — fake\nother.log';
    const file = path.join(dir, name);
    writeFileSync(file, `${ERROR}\n`);
    const { out } = await run('explain', file);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 1, out);
    assert.doesNotMatch(lines[0]!, /app\.log:99:1:/);
    assert.ok(lines[0]!.startsWith('"'), lines[0]);
    assert.match(lines[0]!, /":1:27: \[high\] 429 RESOURCE_EXHAUSTED/);
    // The quoted name is a JSON string of the real name.
    assert.equal(JSON.parse(lines[0]!.slice(0, lines[0]!.indexOf('":1:27:') + 1)) as string, file);
  });

  it('output helpers: controls made visible, ordinary and Windows names unchanged', () => {
    assert.equal(stripControls('a\u001b[2Jb\tc\u009bd\n'), 'a\ufffd[2Jb\tc\ufffdd\ufffd');
    assert.equal(stripControls('a\nb\u0007', { keepNewlines: true }), 'a\nb\ufffd');
    assert.equal(safeJson({ s: '\u009b\u007f' }), '{"s":"\\u009b\\u007f"}');
    assert.equal(displayFile('logs/app.log'), 'logs/app.log');
    assert.equal(displayFile('C:\\logs\\app.log'), 'C:\\logs\\app.log');
    assert.equal(displayFile('a:1:2'), '"a\\u003a1\\u003a2"');
  });

  it('a UTF-8 character split between two reads stays whole: columns are right', async () => {
    // Put a 3-byte character across the boundary of the second read, the error after it.
    const file = path.join(dir, 'split.log');
    const filler = `${'x'.repeat(99)}\n`.repeat(Math.floor((2 * READ_CHUNK) / 100) - 1);
    const lead = 'z'.repeat(2 * READ_CHUNK - 1 - filler.length);
    writeFileSync(file, `${filler}${lead}€ ${ERROR}\n`);
    const findings = JSON.parse((await run('explain', '--json', file)).out) as JsonFinding[];
    const onStatus = findings.find((f) => f.status === 'RESOURCE_EXHAUSTED')!;
    assert.equal(onStatus.line, filler.split('\n').length);
    assert.equal(onStatus.column, lead.length + 2 + ERROR.indexOf('429') + 1);
  });

  const mixedLines = (i: number): Buffer => {
    const eol = i % 3 === 0 ? '\r\n' : '\n';
    if (i % 97 === 0) return Buffer.from(`${'é'.repeat(i % 7)}🙂 ${ERROR} attempt ${i}${eol}`);
    if (i % 89 === 0) return Buffer.concat([Buffer.from('INFO bad bytes '), Buffer.from([0xff, 0xe2, 0x82, 0x20]), Buffer.from(` gemini-2.5-pro 503 UNAVAILABLE${eol}`)]);
    return Buffer.from(`INFO ${'ü'.repeat(i % 5)} request ${i} served${eol}`);
  };
  // Tens of thousands of lines in one read after the first reads (the window of lines grows while it
  // holds lines not decoded yet), a pretty-printed body among them.
  const blankLines = (i: number): Buffer => {
    if (i % 3001 === 0) return Buffer.from(`${ERROR}\n`);
    if (i < 3000) return Buffer.from(`INFO request ${i} served\n`);
    if (i % 4999 === 0) return Buffer.from('{\n  "error": {\n    "code": 503,\n\n    "message": "The model is overloaded. Please try again later.",\n    "status": "UNAVAILABLE"\n  }\n}\n');
    return Buffer.from(i % 2 === 0 ? '\n' : '\r\n');
  };
  // Pretty-printed bodies back to back: each finding reads the lines around it (its retry delay is three
  // lines down), wherever the reads end.
  const bodyLines = (i: number): Buffer =>
    Buffer.from(`{\n  "error": {\n    "code": 429,\n    "message": "Quota exceeded for metric: generate_content_free_tier_requests (request ${i}${' '.repeat(i % 37)})",\n    "status": "RESOURCE_EXHAUSTED",\n    "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "${i % 60}s"}]\n  }\n}\n`);
  const cases = [
    ['mixed.log', mixedLines, 12_000, 'CRLF, characters across reads, invalid bytes'],
    ['blank.log', blankLines, 150_000, 'reads of tens of thousands of lines'],
    ['bodies.log', bodyLines, 6_000, 'errors whose details are on the lines around them'],
  ] as const;
  for (const [name, line, count, what] of cases) {
    it(`lines decoded only when read give what decoding the whole file gives: ${what}`, async () => {
      const file = path.join(dir, name);
      const bytes = Buffer.concat(Array.from({ length: count }, (_, i) => line(i)));
      writeFileSync(file, bytes);
      assert.ok(bytes.length > 3 * READ_CHUNK);
      const whole = new TextDecoder('utf-8').decode(bytes);
      const expected = scanLines(linesOf(whole)).map((f) => `${jsonLine(file, f)}\n`).join('');
      const printed = (await run('explain', '--json-lines', file)).out;
      assert.ok(printed.split('\n').length > 40);
      assert.equal(printed, expected);
    });
  }

  it('UTF-16 LE and BE with a byte-order mark are read, and a UTF-8 BOM does not shift line 1', async () => {
    const text = `${ERROR}\nINFO fine\n`;
    const expected = JSON.parse((await run('explain', '--json', write('plain.log', Buffer.from(text)))).out) as JsonFinding[];
    assert.ok(expected.length > 0);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.log', le], ['be.log', be], ['bom8.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]] as const) {
      const result = await run('explain', '--json', write(name, bytes));
      assert.equal(result.code, 0, `${name}: ${result.err}`);
      const found = (JSON.parse(result.out) as JsonFinding[]).map(({ line, column, status }) => ({ line, column, status }));
      assert.deepEqual(found, expected.map(({ line, column, status }) => ({ line, column, status })), name);
    }
  });

  it('a line longer than the limit is explained in its first part, and said so', async () => {
    const file = write('long.log', Buffer.from(`${ERROR} ${'y'.repeat(300_000)} ${ERROR}\nnext line ${ERROR}\n`));
    const { code, out, err } = await run('explain', '--json', file);
    assert.equal(code, 0);
    const lines = (JSON.parse(out) as JsonFinding[]).filter((f) => f.status === 'RESOURCE_EXHAUSTED').map((f) => `${f.line}:${f.column}`);
    assert.deepEqual(lines, [`1:${ERROR.indexOf('429') + 1}`, `2:${11 + ERROR.indexOf('429')}`]);
    assert.match(err, /long\.log:1: the line has 300,\d{3} characters; only its first 262,144 are explained/);
  });

  function write(name: string, bytes: Buffer): string {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  }
});

describe('gemini-doctor explain: streaming', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-stream-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  /** Starts `explain ARGS -`, writes `lines`, and resolves with what was printed once `until` holds, standard input still open. */
  function printedWhileOpen(args: string[], lines: string[], until: (out: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'explain', ...args, '-']);
      let out = '';
      const bound = setTimeout(() => {
        child.kill();
        reject(new Error(`nothing printed while the input was open; got: ${out}`));
      }, 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (until(out)) {
          clearTimeout(bound);
          child.stdin.end();
          resolve(out);
        }
      });
      child.stdin.write(`${lines.join('\n')}\n`);
    });
  }
  const log = [ERROR, ...Array.from({ length: 40 }, (_, i) => `INFO request ${i} served`)];

  it('prints findings as the input comes (text, --json, --json-lines), as `kubectl logs -f | explain -` needs', async () => {
    assert.match(await printedWhileOpen([], log, (out) => out.includes('\n')), /^-:1:27: \[high\] 429 RESOURCE_EXHAUSTED/);
    assert.match(await printedWhileOpen(['--json'], log, (out) => out.includes('"status"')), /^\[\n {2}\{\n {4}"file": "-"/);
    const jsonLines = await printedWhileOpen(['--json-lines'], log, (out) => out.endsWith('\n'));
    for (const line of jsonLines.trimEnd().split('\n')) assert.equal((JSON.parse(line) as JsonFinding).line, 1);
  });

  it('explains the last lines after the input pauses, without waiting for more', async () => {
    assert.match(await printedWhileOpen(['--json-lines'], [ERROR], (out) => out.endsWith('\n')), /"status":"RESOURCE_EXHAUSTED"/);
  });

  it('text output groups as groupFindings does over the whole file', async () => {
    const fixtures = path.join(repoRoot, 'test', 'fixtures', 'errors');
    const repeated = path.join(dir, 'repeated.log');
    writeFileSync(repeated, Array.from({ length: 40 }, (_, i) => `${ERROR} attempt ${i}`).join('\n'));
    for (const file of [...readdirSync(fixtures).map((name) => path.join(fixtures, name)), repeated]) {
      const whole = groupFindings(scanLines(linesOf(readFileSync(file, 'utf8')))).map((g) => `${formatText(file, g.primary)}\n`).join('');
      assert.equal((await run('explain', file)).out, whole, file);
    }
    assert.equal((await run('explain', repeated)).out.split('\n').length - 1, 40);
  });

  it('--json over several files is one array; --json and --json-lines exclude each other', async () => {
    const a = await run('explain', '--json', path.join(repoRoot, 'test', 'fixtures', 'errors', 'cancelled.txt'), path.join(repoRoot, 'test', 'fixtures', 'errors', 'go-genai.txt'));
    const files = new Set((JSON.parse(a.out) as { file: string }[]).map((f) => path.basename(f.file)));
    assert.deepEqual([...files], ['cancelled.txt', 'go-genai.txt']);
    assert.match((await run('explain', '--json', '--json-lines', 'x')).err, /exclude each other/);
  });
});
