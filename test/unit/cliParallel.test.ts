import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { explainFile } from '../../src/cli/explain';
import { FindingGrouper, formatText } from '../../src/cli/findingOutput';
import { MAX_LINE } from '../../src/cli/lineStream';
import { corpusDir, repoRoot } from '../host/paths';
import { cliPath, jsonElement, jsonLine, runMain as run } from './cliRunner';

type Format = 'json' | 'json-lines' | 'text';

const utf8 = new TextDecoder();

/**
 * What `explain` prints of `file`, with the scan in this thread or in `workers` threads from the first
 * line: the findings' JSON, or the text output's lines (batches joined as `gemini-doctor` joins them);
 * and how many batches there were, and how many of them this thread scanned.
 */
async function explainOutput(file: string, format: Format, workers: number): Promise<{ text: string; batches: number; here: number }> {
  let out = '';
  let count = 0;
  let batches = 0;
  let here = 0;
  const grouper = new FindingGrouper((primary) => (out += `${formatText(file, primary)}\n`));
  const json = (text: string, n: number) => {
    out += format === 'json' ? `${count === 0 ? '' : ',\n'}${text}` : text;
    count += n;
  };
  await explainFile(file, (finding) => {
    if (format === 'text') grouper.add(finding);
    else json(format === 'json' ? jsonElement(file, finding) : `${jsonLine(file, finding)}\n`, 1);
  }, {
    workers,
    eager: true,
    onLine: (line) => format === 'text' && grouper.passed(line),
    batches: {
      format,
      onBatch: (batch) => {
        batches++;
        if (batch.here) here++;
        if (format === 'text') grouper.addBatch(batch, (whole) => (out += utf8.decode(whole)));
        else if (batch.count > 0) json(utf8.decode(batch.bytes), batch.count);
      },
    },
  });
  grouper.flush();
  return { text: out, batches, here };
}

/** Every error sample of the corpus and the fixtures, with stretches of ordinary log lines between them (runs of lines no error reads). */
function corpusLog(): string {
  const files = [corpusDir('errors'), path.join(repoRoot, 'test', 'fixtures', 'errors')].flatMap((dir) =>
    readdirSync(dir).filter((f) => /\.(txt|log)$/.test(f)).map((f) => path.join(dir, f)),
  );
  const quiet = Array.from({ length: 60 }, (_, i) => `2026-11-27 09:14:${String(i).padStart(2, '0')} INFO request served in ${i} ms`).join('\n');
  return files.map((file, i) => `${readFileSync(file, 'utf8')}\n${i % 3 === 0 ? quiet : 'INFO next'}`).join('\n');
}

describe('gemini-doctor explain: a log scanned by several threads', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-parallel-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the same as one thread, byte for byte (JSON, JSON lines, text): every error sample of the corpus, CRLF lines, a long line, no final newline', async () => {
    const file = path.join(dir, 'corpus.log');
    const long = `ERROR google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. ${'x'.repeat(MAX_LINE + 1000)}`;
    const text = corpusLog();
    writeFileSync(file, `${text}\n${long}\n${text.split('\n').slice(0, 400).join('\r\n')}\r\n${text}`);
    for (const format of ['json', 'json-lines', 'text'] as const) {
      const one = await explainOutput(file, format, 0);
      const several = await explainOutput(file, format, 2);
      assert.ok(several.batches >= 3, `${several.batches} batches`);
      // The worker starts cold: this thread reads on and scans what the worker has no room for.
      assert.ok(several.here > 0 && several.here < several.batches, `${several.here} of ${several.batches} batches scanned by the reading thread`);
      assert.ok(one.text.length > (format === 'text' ? 10_000 : 100_000), `${one.text.length} characters of ${format}`);
      assert.equal(several.text, one.text, format);
    }
  });

  it('at the end of a file, the last lines see the same neighbours as with one thread', async () => {
    const file = path.join(dir, 'tail.log');
    // Lines whose errors read the lines after them (a JSON body opened and closed below), up to the last line.
    writeFileSync(file, ['ERROR request failed', '{', '  "error": {', '    "code": 429,', '    "message": "Resource has been exhausted (e.g. check quota).",', '    "status": "RESOURCE_EXHAUSTED"', '  }', '}', 'google.genai.errors.ServerError: 503 UNAVAILABLE'].join('\n'));
    for (const format of ['json', 'text'] as const) {
      const one = await explainOutput(file, format, 0);
      const several = await explainOutput(file, format, 3);
      assert.match(one.text, /RESOURCE_EXHAUSTED[\s\S]*UNAVAILABLE/);
      assert.equal(several.text, one.text, format);
    }
  });

  it('--threads 1 and --threads 2 print the same, JSON and text, on a log that is all errors (the process as a user runs it)', () => {
    const file = path.join(dir, 'dense.log');
    const line = (i: number) => `2026-11-27 09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},031 ERROR worker-1 google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro Please retry in ${i % 50}.5s.', 'status': 'RESOURCE_EXHAUSTED', 'details': [{'@type': 'type.googleapis.com/google.rpc.RetryInfo', 'retryDelay': '${i % 50}s'}]}}`;
    writeFileSync(file, `${Array.from({ length: 4000 }, (_, i) => line(i)).join('\n')}\n`);
    const explain = (...args: string[]) => {
      const result = spawnSync(process.execPath, [cliPath, 'explain', ...args, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    const outputs = ['1', '2'].map((threads) => explain('--json', '--threads', threads));
    assert.equal(outputs[1], outputs[0]);
    const text = explain('--threads', '2');
    assert.equal(text, explain('--threads', '1'));
    assert.equal(text.split('\n').length - 1, 4000);
    const findings = JSON.parse(outputs[0]!) as { line: number; details: { retryDelay: string } }[];
    assert.equal(new Set(findings.map((f) => f.line)).size, 4000);
    assert.equal(findings.find((f) => f.line === 3999)?.details.retryDelay, `${3998 % 50}s`);
  });

  for (const value of ['0', 'x', '']) {
    it(`--threads '${value}' is a usage error`, async () => {
      const result = await run('explain', '--json', '--threads', value, 'app.log');
      assert.equal(result.code, 2);
      assert.match(result.err, /--threads needs a number/);
    });
  }
});
