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
const knownGaps: KnownGaps = {
  '065.txt': 'legacy gRPC _InactiveRpcError (StatusCode.X) is not taken as Gemini evidence',
  '069.txt': 'OpenAI-compatible endpoint: Error code: 400 - [{error: …}] array',
  '071.txt': 'Vertex wording "Unable to submit request because …"',
  '072.txt': 'Java gax ResourceExhaustedException with "RESOURCE_EXHAUSTED: Unable to submit request"',
  '075.txt': 'message: function call is missing a thought_signature',
  '076.txt': 'message: function call is missing a thought_signature',
  '078.txt': 'message: function call / response turn order',
  '084.txt': 'message: function calling with response mime type application/json',
  '086.txt': 'LangChain "Invalid argument provided to Gemini: 400" with a cached-content message',
  '087.txt': 'message: CachedContent can not be used with system_instruction, tools or tool_config',
  '088.txt': 'message: tools and system instruction should not be set when using cached content',
  '090.txt': 'message: this model is no longer available to new users (404)',
  '091.txt': 'PHP enum print FinishReason::RECITATION',
  '094.txt': 'OpenAI-compatible endpoint: Error code: 400 - [{error: …}] array',
  '095.txt': 'message: thought signature is not valid',
  '098.txt': 'Live API WebSocket close 1008 with a Gemini reason',
  '100.txt': 'legacy gRPC _InactiveRpcError (StatusCode.INTERNAL)',
  '102.txt': 'hover on a "status": "INTERNAL" field of a JSON body',
  '108.txt': 'message: API Key not found',
  '112.txt': 'message: function call / response turn order',
  '113.txt': 'message: invalid resource field value in the request',
  '115.txt': 'wrapper "Error generating content: 429" with a proto-text reason',
  '116.txt': 'Swift RPCStatus.invalidArgument dump',
  '119.txt': 'Live API WebSocket close 1011 "Deadline expired before operation could complete"',
  '120.txt': 'Live API WebSocket close 1008 with a NOT_FOUND reason',
  '121.txt': 'message: at most 100 requests can be in one batch (embeddings)',
  '122.txt': 'message: at most 100 requests can be in one batch (embeddings)',
  '123.txt': 'message: Files API file is not in an ACTIVE state',
};

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
