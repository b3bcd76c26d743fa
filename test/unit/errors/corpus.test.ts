/**
 * The development corpus of real Gemini errors and look-alikes (test/corpus/errors): every positive
 * file yields, on its answers.tsv line, a finding with the expected status, both when the whole file
 * is scanned and when the answer's token is hovered; no negative yields a high-confidence finding.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe } from 'node:test';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { corpusDir } from '../../host/paths';
import { corpusCheck, describeGaps, fails, type KnownGaps } from '../knownGaps';

/** Rows the recognizer does not explain yet, by file: the work of the error-coverage issue. */
const knownGaps: KnownGaps = {};

const dir = corpusDir('errors');
const rows = readFileSync(path.join(dir, 'answers.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [file, httpCode, status, lineNumber, token] = line.split('\t') as [string, string, string, string, string];
  return { file, httpCode: httpCode === '-' ? undefined : Number(httpCode), status, line: Number(lineNumber) - 1, token };
});
type Row = (typeof rows)[number];
const positives = rows.filter((r) => r.status !== 'NONE');
const negatives = rows.filter((r) => r.status === 'NONE');
const textOf = (row: Row) => readFileSync(path.join(dir, row.file), 'utf8');

function scanFinds(row: Row): void {
  const onLine = scanLines(linesOf(textOf(row))).filter((f) => f.line === row.line);
  const got = onLine.map((f) => `${f.httpCode ?? '-'} ${f.status}`);
  assert.ok(got.includes(`${row.httpCode ?? '-'} ${row.status}`) || (row.httpCode === undefined && onLine.some((f) => f.status === row.status)), `found ${JSON.stringify(got)}`);
}

function hoverExplains(row: Row): void {
  const text = textOf(row);
  const lineText = text.split(/\r?\n/)[row.line]!;
  const column = lineText.indexOf(row.token);
  assert.ok(column >= 0);
  // Hover a few characters into the token, as a mouse would.
  const finding = explainAt(linesOf(text), { line: row.line, character: column + Math.min(3, row.token.length - 1) });
  assert.ok(finding, 'no hover');
  assert.equal(finding.status, row.status);
  if (row.httpCode !== undefined) assert.equal(finding.httpCode, row.httpCode);
}

function noHighConfidence(row: Row): void {
  const text = textOf(row);
  const high = scanLines(linesOf(text)).filter((f) => f.confidence === 'high');
  assert.deepEqual(high.map((f) => `${f.line + 1}: ${f.text}`), []);
  const lineText = text.split(/\r?\n/)[row.line]!;
  const finding = explainAt(linesOf(text), { line: row.line, character: lineText.indexOf(row.token) + 1 });
  assert.notEqual(finding?.confidence, 'high');
}

describe('error corpus: positives', () => {
  for (const row of positives) {
    corpusCheck(knownGaps, row.file, `${row.file}: ${row.httpCode ?? '-'} ${row.status} on line ${row.line + 1}`, () => scanFinds(row));
    corpusCheck(knownGaps, row.file, `${row.file}: hovering '${row.token.slice(0, 30)}' explains ${row.status}`, () => hoverExplains(row));
  }
});

describe('error corpus: look-alikes', () => {
  for (const row of negatives) corpusCheck(knownGaps, row.file, `${row.file}: no Gemini explanation`, () => noHighConfidence(row));
});

describeGaps('error corpus', knownGaps, rows.map((r) => r.file), async (file) => {
  const row = rows.find((r) => r.file === file)!;
  if (row.status === 'NONE') return fails(() => noHighConfidence(row));
  return (await fails(() => scanFinds(row))) || (await fails(() => hoverExplains(row)));
});
