/**
 * Log diagnostics' scan of a changing document: after any sequence of edits it finds exactly what a
 * full scan finds, an edit rescans only the lines around it, and the work comes in bounded slices.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LogScan } from '../../src/core/errors/logScan';
import { scanLines } from '../../src/core/errors/recognize';
import type { Finding, LineSource } from '../../src/core/errors/types';
import { repoRoot } from '../host/paths';

const sample = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', 'app.log'), 'utf8').split('\n').filter((l) => l !== '');

/** A document of lines that counts how often each line is read. */
class Doc implements LineSource {
  reads = 0;
  constructor(public lines: string[]) {}
  get lineCount(): number {
    return this.lines.length;
  }
  lineText(line: number): string {
    this.reads++;
    return this.lines[line] ?? '';
  }
  /** Replaces lines start..end (inclusive) with `text`, as an editor does; returns the edit for LogScan. */
  replace(start: number, end: number, text: string) {
    const inserted = text.split('\n');
    this.lines.splice(start, end - start + 1, ...inserted);
    return { startLine: start, endLine: end, newLines: inserted.length - 1 };
  }
}

const key = (f: Finding) => `${f.line}:${f.start}:${f.end}:${f.entry.id}:${JSON.stringify(f.details)}`;
const finish = (scan: LogScan, doc: LineSource) => {
  while (!scan.step(doc, () => false));
};

describe('log scan of a changing document', () => {
  it('after any edits, finds exactly what a full scan finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.array(fc.constantFrom(...sample, 'INFO ok', ''), { maxLength: 4 })), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const doc = new Doc([...sample, ...sample, ...sample]);
          const scan = new LogScan(doc.lineCount);
          finish(scan, doc);
          for (const [at, span, text] of edits) {
            const start = at % doc.lineCount;
            const end = Math.min(doc.lineCount - 1, start + span);
            scan.edit(doc.replace(start, end, text.join('\n')));
          }
          finish(scan, doc);
          assert.deepEqual(scan.findings.map(key), scanLines(doc).map(key));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an edit in a large log rescans only the lines around it', () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(i % 1000 === 500 ? sample[3]! : `2026-11-27 INFO request ${i} served`);
    const doc = new Doc(lines);
    const scan = new LogScan(doc.lineCount);
    finish(scan, doc);
    const full = doc.reads;
    const before = scan.findings.length;
    // The log grows by one error line at the end, and a line in the middle is edited.
    doc.reads = 0;
    scan.edit(doc.replace(doc.lineCount - 1, doc.lineCount - 1, `${lines[doc.lineCount - 1]!}\n${sample[3]!}`));
    scan.edit(doc.replace(10_000, 10_000, 'INFO edited'));
    finish(scan, doc);
    assert.ok(doc.reads < full / 20, `${doc.reads} line reads after two edits, ${full} for the whole log`);
    assert.ok(scan.findings.length > before);
    assert.deepEqual(scan.findings.map(key), scanLines(doc).map(key));
  });

  it('works in slices: a step stops when told to, the next goes on', () => {
    const doc = new Doc(Array.from({ length: 5000 }, (_, i) => (i % 100 === 7 ? sample[3]! : `INFO ${i}`)));
    const scan = new LogScan(doc.lineCount);
    let steps = 0;
    while (!scan.step(doc, () => true)) {
      steps++;
      assert.ok(scan.pending < 5000);
    }
    assert.ok(steps >= 5000 / 64 - 1, `${steps} slices`);
    assert.deepEqual(scan.findings.map(key), scanLines(doc).map(key));
  });

  it('starts over when it missed an edit (line counts disagree)', () => {
    const doc = new Doc([...sample]);
    const scan = new LogScan(doc.lineCount);
    finish(scan, doc);
    doc.lines.unshift('INFO inserted without telling');
    finish(scan, doc);
    assert.deepEqual(scan.findings.map(key), scanLines(doc).map(key));
  });
});
