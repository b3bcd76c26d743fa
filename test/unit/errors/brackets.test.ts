/** A scan finds the brackets of an anchor's line once and reads the balance of any part of it from them. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Brackets } from '../../../src/core/errors/recognize';

/** `{` and `[` minus `}` and `]`, one character at a time. */
function balance(text: string): number {
  let depth = 0;
  for (const c of text) depth += c === '{' || c === '[' ? 1 : c === '}' || c === ']' ? -1 : 0;
  return depth;
}

describe('Brackets', () => {
  it('gives the balance of every range as counting its characters does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('{', '}', '[', ']', 'a', ' ', '"', '\u00e9'), { maxLength: 40 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const from = Math.min(a, b) % (text.length + 1);
        const to = from + (Math.max(a, b) % (text.length - from + 1));
        assert.equal(new Brackets(text).balance(from, to), balance(text.slice(from, to)));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });
});
