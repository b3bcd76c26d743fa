/**
 * The error catalog against its sources: every row and section of the troubleshooting guide, every
 * enum value and message of gemini-facts.md, and the invariants every entry keeps.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { blockReasons, catalog, finishReasons, interactionsCode, messages, statusEntry } from '../../../src/core/errors/catalog';
import { guideSections } from '../../../src/core/errors/guide';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { referenceDir } from '../../host/paths';

const reference = referenceDir();
const guide = readFileSync(path.join(reference, 'gemini-troubleshooting-guide.txt'), 'utf8');
const facts = readFileSync(path.join(reference, 'gemini-facts.md'), 'utf8');
const section = (heading: string) => facts.slice(facts.indexOf(heading), facts.indexOf('\n## ', facts.indexOf(heading) + 1));

describe('catalog invariants', () => {
  it('ids are unique, stable-looking and every entry has a source and https docs', () => {
    const ids = catalog.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const entry of catalog) {
      assert.match(entry.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, entry.id);
      assert.ok(entry.source.length > 5, `${entry.id} has no source`);
      assert.ok(entry.title && entry.meaning && entry.cause && entry.fix, `${entry.id} misses text`);
      assert.ok(entry.docs.length > 0, `${entry.id} has no docs`);
      // A user reads the source in the hover: public pages only, never a file of this repository.
      assert.doesNotMatch(entry.source, /\.md\b|\.txt\b|§/, entry.id);
      for (const doc of entry.docs) assert.match(doc.url, /^https:\/\/[a-z.]+\.(google|google\.com|dev|studio)\b|^https:\/\/(ai\.google\.dev|aistudio\.google\.com|discuss\.ai\.google\.dev|cloud\.google\.com)\//, `${entry.id}: ${doc.url}`);
    }
  });

  it('every guide section is reachable from some entry', () => {
    const linked = new Set(catalog.flatMap((e) => e.see ?? []));
    for (const s of guideSections) {
      if (s.id === 'improve-output') continue; // general advice, shown by no error
      assert.ok(linked.has(s.id), `no entry links the guide section ${s.id}`);
    }
  });
});

describe('the troubleshooting guide', () => {
  const rows = [...guide.matchAll(/^(\d{3})\s+([A-Z_]+)\s/gm)].map((m) => ({ code: Number(m[1]), status: m[2]! }));
  it('has its eight table rows parsed', () => assert.equal(rows.length, 8));
  for (const row of rows) {
    it(`row ${row.code} ${row.status} is in the catalog, citing the guide`, () => {
      const entry = statusEntry(row.status, row.code);
      assert.ok(entry);
      assert.equal(entry.httpCode, row.code);
      assert.match(entry.source, /Gemini API troubleshooting guide \(ai\.google\.dev\/gemini-api\/docs\/troubleshooting\)/);
    });
  }
  for (const heading of ['Safety issues', 'Recitation issue', 'Improve model output', 'Understand token limits', 'Known issues', 'Check if you have the right model', 'Check your API calls for model parameter errors', 'File a bug']) {
    it(`section "${heading}" is covered by a guide section`, () => {
      assert.ok(guide.includes(`## ${heading}`));
      assert.ok(guideSections.some((s) => s.source.includes(heading)), heading);
    });
  }
  it('statuses seen since the guide: 401, 402, 499', () => {
    assert.equal(statusEntry('UNAUTHENTICATED', 401)?.id, 'unauthenticated');
    assert.equal(statusEntry('RESOURCE_EXHAUSTED', 402)?.id, 'prepayment-credits-depleted');
    assert.equal(statusEntry('CANCELLED', 499)?.id, 'cancelled');
  });
});

describe('gemini-facts.md enums', () => {
  const enums = section('## 5. Enums');
  it('every FinishReason value', () => {
    const line = /- FinishReason: ([^(]+)\(/.exec(enums)![1]!;
    const names = line.match(/[A-Z][A-Z_]+/g)!;
    assert.ok(names.length >= 18);
    assert.deepEqual(names.filter((n) => !finishReasons.some((e) => e.status === n)), []);
  });
  it('every legacy finish_reason number', () => {
    const pairs = [.../Legacy numeric values[^:]*: ([^\n]+)/.exec(enums)![1]!.matchAll(/([A-Z_]+)=(\d+)/g)];
    assert.ok(pairs.length >= 12);
    for (const [, name, number] of pairs) assert.equal(finishReasons.find((e) => e.legacyNumber === Number(number))?.status, name);
  });
  it('every BlockedReason value of the Gemini API', () => {
    const line = /- BlockedReason[^:]*: ([^(]+)\(/.exec(enums)![1]!;
    const names = line.match(/[A-Z][A-Z_]+/g)!;
    assert.deepEqual(names.filter((n) => !blockReasons.some((e) => e.status === n)), []);
  });
  it('every Interactions API code', () => {
    const text = section('## 1. Backend statuses');
    const list = text.slice(text.indexOf('invalid_request'), text.indexOf('\n\n', text.indexOf('invalid_request')));
    const codes = [...list.matchAll(/\b([a-z]+(?:_[a-z]+)*)\b(?: \((\d{3})\))?/g)].map((m) => ({ code: m[1]!, http: m[2] }));
    assert.ok(codes.length >= 12);
    for (const { code, http } of codes) {
      const entry = interactionsCode(code);
      assert.ok(entry, code);
      if (http) assert.equal(entry.httpCode, Number(http));
    }
  });
});

describe('gemini-facts.md §3 messages', () => {
  const samples = [...section('## 3. Exact message').matchAll(/`([A-Z][^`]{24,}|models\/[^`]+)`/g)].map((m) => m[1]!.replace(/\s*\.\.\.$/, ''));
  it('are parsed', () => assert.ok(samples.length >= 15, String(samples.length)));
  for (const sample of samples) {
    it(`"${sample.slice(0, 60)}" is a known message`, () => {
      // As a Gemini SDK would print it.
      const text = `google.genai.errors.APIError: ${sample}`;
      const findings = scanLines(linesOf(text));
      assert.ok(findings.some((f) => f.entry.kind === 'message'), `recognized as ${findings.map((f) => f.entry.id).join(', ') || 'nothing'}`);
    });
  }
});

describe('each catalog entry is recognized in a Gemini error', () => {
  for (const entry of catalog) {
    it(entry.id, () => {
      let text: string;
      let at: string;
      switch (entry.kind) {
        case 'http-status':
          text = `POST https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent\n{"error": {"code": ${entry.httpCode}, "message": "${entry.httpCode === 402 ? 'Your prepayment credits are depleted.' : 'Something failed.'}", "status": "${entry.status}"}}`;
          at = entry.httpCode === 402 ? 'prepayment' : `"${entry.status}"`;
          break;
        case 'finish-reason':
          text = `{"candidates": [{"finishReason": "${entry.status}"}], "modelVersion": "gemini-2.5-flash"}`;
          at = entry.status;
          break;
        case 'block-reason':
          text = `{"promptFeedback": {"blockReason": "${entry.status}"}, "modelVersion": "gemini-2.5-flash"}`;
          at = entry.status;
          break;
        case 'interactions-code':
          text = `gemini interactions: {"error": {"code": "${entry.status}", "message": "failed"}}`;
          at = entry.status;
          break;
        case 'message': {
          const example = messages.find((e) => e.id === entry.id)!.example;
          text = `[GoogleGenerativeAI Error]: ${example}`;
          at = new RegExp(messages.find((e) => e.id === entry.id)!.pattern).exec(example)![0];
          break;
        }
      }
      const line = text.split('\n').findIndex((l) => l.includes(at));
      const finding = explainAt(linesOf(text), { line, character: text.split('\n')[line]!.indexOf(at) + 2 });
      // A status entry may be shown through a more precise message (402 through its prepayment message),
      // and a Live API close frame through the known reason it carries.
      const frame = entry.kind === 'message' && messages.find((e) => e.id === entry.id)!.carriesReason === true;
      const shown = entry.kind === 'http-status' || frame ? finding?.statusEntry?.id ?? finding?.entry.id : finding?.entry.id;
      assert.equal(shown, entry.id, `${text}\n→ ${finding?.entry.id}`);
    });
  }
});
