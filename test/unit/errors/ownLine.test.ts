/**
 * A scan normalizes an anchor's line once, in pieces between its anchor groups, and joins the pieces
 * for the text before and after each group: that must read exactly as normalizing each side apart.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeErrorText } from '../../../src/core/errors/details';
import { OwnLine } from '../../../src/core/errors/recognize';

/** The characters the normalizing rules read together with their neighbours, and a few plain ones. */
const piece = fc.constantFrom('\\', '\\\\', '"', "'", '>', ' ', '  ', '\t', '\r', '\u00a0', '\u2028', '│', '┃', '“', '’', 'n', '\\n', 'a', 'R', '{', ' > ', '429 ');

describe('OwnLine', () => {
  it('splits a line at any starts exactly as normalizing the text before and after each start', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, picks) => {
        const raw = pieces.join('');
        const starts = [...new Set(picks.map((p) => p % (raw.length + 1)))].sort((a, b) => a - b);
        const line = new OwnLine(0, raw, starts);
        for (const start of starts) {
          assert.deepEqual(line.split(start), { before: normalizeErrorText(raw.slice(0, start)), after: normalizeErrorText(raw.slice(start)) });
        }
      }),
      { numRuns: 20000, seed: 7 },
    );
  });
});
