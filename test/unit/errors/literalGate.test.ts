/**
 * The literal gate in front of the anchor search may only let too much through, never too little:
 * a line it rejects must match none of the alternatives of the regex it was built from.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findAnchors, prefilterSource } from '../../../src/core/errors/anchors';
import { blockReasons, finishReasons, messages } from '../../../src/core/errors/catalog';
import { alternativesOf, keysOf, LiteralGate, LiteralIndex, necessaryLiteral } from '../../../src/core/errors/literalGate';

describe('literal gate', () => {
  it('finds the literal each alternative needs, leaving out what is optional or repeated', () => {
    const cases: [string, string][] = [
      ['Quota exceeded for (?:quota )?metric', 'Quota exceeded for '],
      ['free_tier\\w*, limit: 0\\b', ', limit: 0'],
      ['\\.enum\\[\\d+\\]: cannot be empty', ']: cannot be empty'],
      ['Tool config, tools and system instruction should not be set in the ?request', 'Tool config, tools and system instruction should not be set in the'],
      ['ab+c', 'a'],
      ['x{2,3}yz', 'yz'],
      ['[A-Z]+Error', 'Error'],
      ['(?:a|b)', ''],
      ['\\d+', ''],
    ];
    for (const [source, literal] of cases) assert.equal(necessaryLiteral(source), literal, source);
    assert.deepEqual(alternativesOf('a|b(c|d)|[|]e'), ['a', 'b(c|d)', '[|]e']);
  });

  it('every alternative of the anchor prefilter and of the messages has a literal, so the gates exist', () => {
    assert.ok(LiteralGate.of(prefilterSource));
    assert.ok(LiteralGate.of(messages.map((m) => m.pattern.source).join('|')));
    assert.equal(LiteralGate.of('abc|\\d+'), undefined);
  });

  it('a word-bounded literal counts only between non-word characters', () => {
    const gate = LiteralGate.of('\\b429\\b|Error')!;
    assert.equal(gate.mayMatch('status 429 x'), true);
    assert.equal(gate.mayMatch('429'), true);
    assert.equal(gate.mayMatch('id 14290 x'), false);
    assert.equal(gate.mayMatch('a_429'), false);
    assert.equal(gate.mayMatch('ClientError'), true);
  });

  it('over many lines at once, hits exactly the lines that it lets through one at a time', () => {
    const gate = LiteralGate.of(prefilterSource)!;
    const pieces = ['429', '4290', 'Error', 'Err', 'or', 'RESOURCE_', 'EXHAUSTED', 'code', '_', ' ', '\r', 'é', 'x'];
    const line = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        const hitLines = new Set<number>();
        // After a hit, the search goes on from the next line, as the line stream does.
        for (let hit = gate.firstHit(text, 0, text.length); hit !== -1; ) {
          hitLines.add(text.slice(0, hit).split('\n').length - 1);
          const end = text.indexOf('\n', hit);
          hit = end === -1 ? -1 : gate.firstHit(text, end + 1, text.length);
        }
        assert.deepEqual([...hitLines], lines.flatMap((l, i) => (gate.mayMatch(l) ? [i] : [])));
      }),
      { numRuns: 2000 },
    );
  });

  it('keys of an alternative come from inside a group every match goes through, never from an optional or negative one', () => {
    assert.deepEqual(keysOf('\\b(?:finish_reason|finishReason)["\']?\\s*'), ['finish_r', 'finishRe']);
    assert.deepEqual(keysOf('\\b(Generate(?:Content)?\\w{0,60}?Per(?:Minute|Day))\\b'), ['Generate']);
    assert.deepEqual(keysOf('(?<=\\b1011 \\(internal error\\) )Internal error'), ['Internal']);
    assert.equal(keysOf('(?:abc)?\\d+'), undefined);
    assert.equal(keysOf('(?!abc)\\d'), undefined);
    assert.equal(keysOf('(?:abc|\\d)x?'), undefined);
  });

  it('an index of many regexes never says one cannot match a text it matches', () => {
    const regexes = [...messages.map((m) => m.pattern), /\b(?:RPCStatus|Status\.Code|Code)(?:\.|::)(\w+)/, /gemini/i, /\d+ms/];
    const index = LiteralIndex.of(regexes.map((re) => re.source), { ignoreCase: true });
    const pieces = [...messages.map((m) => m.example), 'Status.Code.X', 'GEMINI', 'Gemini', '12ms', ' ', '😀', 'x'];
    const text = fc.array(fc.constantFrom(...pieces).chain((p) => fc.tuple(fc.nat(p.length), fc.nat(p.length)).map(([a, b]) => p.slice(Math.min(a, b), Math.max(a, b) + 1))), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (line) => {
        const possible = index.mayMatch(line);
        regexes.forEach((re, i) => {
          if (re.test(line)) assert.equal(possible[i], 1, `${re.source} on ${line}`);
        });
      }),
      { numRuns: 3000 },
    );
    for (const m of messages) assert.equal(index.mayMatch(m.example)[messages.indexOf(m)], 1, m.id);
    assert.deepEqual([...index.mayMatch('nothing here')].slice(-3), [0, 0, 0]);
  });

  it('on UTF-8 bytes, hits the same lines as on the decoded text', () => {
    const gate = LiteralGate.of(prefilterSource)!;
    const pieces = ['429', 'Error', 'RESOURCE_EXHAUSTED', 'code', 'é', '😀', '€429', '429é', '\n', ' ', '_', 'x', 'Err', 'or'];
    const hitLines = (find: (from: number) => number, breakAt: (i: number) => number, lineOf: (i: number) => number) => {
      const lines: number[] = [];
      for (let hit = find(0); hit !== -1; ) {
        lines.push(lineOf(hit));
        const end = breakAt(hit);
        hit = end === -1 ? -1 : find(end + 1);
      }
      return lines;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const bytes = Buffer.from(text, 'utf8');
        const fromText = hitLines((from) => gate.firstHit(text, from, text.length), (i) => text.indexOf('\n', i), (i) => text.slice(0, i).split('\n').length - 1);
        const fromBytes = hitLines((from) => gate.firstHitInBytes(bytes, from, bytes.length), (i) => bytes.indexOf(10, i), (i) => bytes.subarray(0, i).toString('utf8').split('\n').length - 1);
        assert.deepEqual(fromBytes, fromText);
      }),
      { numRuns: 2000 },
    );
  });

  it('never rejects a line the prefilter accepts, nor a line with an anchor (random text built from the catalog)', () => {
    const prefilter = new RegExp(prefilterSource);
    const gate = LiteralGate.of(prefilterSource)!;
    const mayHaveAnchors = (line: string) => gate.mayMatch(line) && prefilter.test(line);
    const reasons = [...finishReasons, ...blockReasons].flatMap((r) => [r.status, `'${r.status}'`, `FinishReason.${r.status}`]);
    const pieces = [...messages.map((m) => m.example), ...reasons, ...prefilterSource.split('|').filter((p) => /^[\w :.']+$/.test(p)), '429', '(', ')', ' ', '_', '\\', '’', '😀'];
    // Windows of the pieces too, so keys are cut and rejoined at every place.
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces).chain((p) => fc.tuple(fc.nat(p.length), fc.nat(p.length)).map(([a, b]) => p.slice(Math.min(a, b), Math.max(a, b) + 1))), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (line) => {
        if (prefilter.test(line)) assert.equal(gate.mayMatch(line), true, line);
        if (!mayHaveAnchors(line)) assert.deepEqual(findAnchors(line), []);
      }),
      { numRuns: 3000 },
    );
    for (const m of messages) assert.equal(mayHaveAnchors(m.example), true, m.id);
    // Found by the random text once: the upper-case keys hold neither `inish` nor `lock`.
    for (const line of ['gemini FINISH_REASON: SAFETY', 'gemini BLOCK_REASON: OTHER', 'nishReason.FINISH_REASON1']) {
      assert.notDeepEqual(findAnchors(line), [], line);
      assert.equal(mayHaveAnchors(line), true, line);
    }
  });
});
