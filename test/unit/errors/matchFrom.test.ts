/**
 * The search for codes near an anchor jumps from one HTTP code to the next and runs its regex only a
 * little before each: it must find exactly the matches that trying every position finds.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchFrom, nearRegexes } from '../../../src/core/errors/recognize';

/** Pieces of the prefixes and codes the regex reads, and of what surrounds them. */
const piece = fc.constantFrom(
  "'code'", '"code"', ':', ' ', '   ', 'Error ', 'Error code: ', 'got status: ', '[', 'status code: ', 'status: ', 'Status: ', 'Code: ',
  '429', '400', '4290', '1429', '404', '5', '00', 'RESOURCE_EXHAUSTED', ' Not Found', ' Too Many Requests', 'x', 'code', '{', '\n',
);

/** Every match of `re` from `from` on, found by `next` one after another. */
function all(next: (from: number) => RegExpExecArray | null, re: RegExp, from: number): [number, string][] {
  const found: [number, string][] = [];
  for (let m = next(from); m; m = next(m[0].length === 0 ? re.lastIndex + 1 : re.lastIndex)) found.push([m.index, m[0]]);
  return found;
}

describe('matchFrom', () => {
  for (const [name, re] of Object.entries(nearRegexes)) {
    it(`finds the ${name} matches that a search of every position finds`, () => {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), (pieces, pick) => {
          const text = pieces.join('');
          const from = pick % (text.length + 1);
          const plain = (at: number) => {
            re.lastIndex = at;
            return re.exec(text);
          };
          assert.deepEqual(all((at) => matchFrom(re, text, at), re, from), all(plain, re, from));
        }),
        { numRuns: 5000, seed: 11 },
      );
    });
  }
});
