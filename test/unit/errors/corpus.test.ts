/**
 * The shared development corpus of real Gemini errors and look-alikes (../shared/corpus/errors):
 * every positive file yields, on its answers.tsv line, a finding with the expected status, both
 * when the whole file is scanned and when the answer's token is hovered; no negative yields a
 * high-confidence finding.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { sharedDir } from '../../host/paths';

const dir = sharedDir('corpus', 'errors');
const rows = readFileSync(path.join(dir, 'answers.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [file, httpCode, status, lineNumber, token] = line.split('\t') as [string, string, string, string, string];
  return { file, httpCode: httpCode === '-' ? undefined : Number(httpCode), status, line: Number(lineNumber) - 1, token };
});
const positives = rows.filter((r) => r.status !== 'NONE');
const negatives = rows.filter((r) => r.status === 'NONE');

describe('error corpus: positives', () => {
  for (const row of positives) {
    const text = readFileSync(path.join(dir, row.file), 'utf8');
    const expected = `${row.httpCode ?? '-'} ${row.status}`;
    it(`${row.file}: ${expected} on line ${row.line + 1}`, () => {
      const onLine = scanLines(linesOf(text)).filter((f) => f.line === row.line);
      const got = onLine.map((f) => `${f.httpCode ?? '-'} ${f.status}`);
      assert.ok(got.includes(expected) || (row.httpCode === undefined && onLine.some((f) => f.status === row.status)), `found ${JSON.stringify(got)}`);
    });
    it(`${row.file}: hovering '${row.token.slice(0, 30)}' explains ${row.status}`, () => {
      const lineText = text.split(/\r?\n/)[row.line]!;
      const column = lineText.indexOf(row.token);
      assert.ok(column >= 0);
      // Hover a few characters into the token, as a mouse would.
      const finding = explainAt(linesOf(text), { line: row.line, character: column + Math.min(3, row.token.length - 1) });
      assert.ok(finding, 'no hover');
      assert.equal(finding.status, row.status);
      if (row.httpCode !== undefined) assert.equal(finding.httpCode, row.httpCode);
    });
  }
});

describe('error corpus: look-alikes', () => {
  for (const row of negatives) {
    it(`${row.file}: no Gemini explanation`, () => {
      const text = readFileSync(path.join(dir, row.file), 'utf8');
      const high = scanLines(linesOf(text)).filter((f) => f.confidence === 'high');
      assert.deepEqual(high.map((f) => `${f.line + 1}: ${f.text}`), []);
      const lineText = text.split(/\r?\n/)[row.line]!;
      const finding = explainAt(linesOf(text), { line: row.line, character: lineText.indexOf(row.token) + 1 });
      assert.notEqual(finding?.confidence, 'high');
    });
  }
});
