/** The message of an error body is read with a regex written for speed: it must match as the plain form does. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { messageFieldRe } from '../../../src/core/errors/details';

/** The plain form: a quote, then up to the first quote of the same kind (a backreference tested at each character). */
const plain = /["']?message["']?\s*[:=]\s*(["'])((?:(?!\1).){3,1000}?)\1\s*[,}]/g;

function matches(re: RegExp, text: string): [number, string, string][] {
  return [...text.matchAll(re)].map((m) => [m.index, m[0], re === plain ? m[2]! : (m[1] ?? m[2])!]);
}

describe('messageFieldRe', () => {
  it('finds the messages the backreference form finds, with the same text', () => {
    const piece = fc.constantFrom("'", '"', ',', '}', ' ', 'ab', 'x', '\n', '\r', '\u2028', '\u2029', '{', "it's", 'a'.repeat(400));
    // A body's message field: a key, a quote, text, a quote, what follows; among other pieces.
    const field = fc
      .tuple(fc.constantFrom("'message': ", '"message": ', 'message=', 'message :'), fc.constantFrom("'", '"'), fc.array(piece, { maxLength: 6 }), fc.constantFrom("'", '"', ''), fc.constantFrom(',', '}', ' }', ''))
      .map(([key, open, text, close, end]) => `${key}${open}${text.join('')}${close}${end}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, field), { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(matches(messageFieldRe, text), matches(plain, text));
      }),
      { numRuns: 20000, seed: 5 },
    );
  });
});
