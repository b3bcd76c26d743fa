/**
 * `normalizeErrorText` runs a rule only when the text holds the character the rule needs: it must
 * read exactly as running every rule, in order, on any text.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeErrorText } from '../../../src/core/errors/details';

/** Every rule, always, in the order they apply. */
function everyRule(text: string): string {
  return text
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/[│┃]/g, ' ')
    .replace(/(?<!\\)\\+(["'])/g, '$1')
    .replace(/(?<!\\)\\+n/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ');
}

/** The characters the rules read, alone and next to each other, and a few plain ones. */
const piece = fc.constantFrom('\\', '\\\\', '"', "'", '>', '> ', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2028', '│', '┃', '“', '”', '‘', '’', 'n', '\\n', 'a', 'R', '{', '429 ');

describe('normalizeErrorText', () => {
  it('reads as every rule applied in order, whichever rules the text needs', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(normalizeErrorText(text), everyRule(text));
      }),
      { numRuns: 30000, seed: 11 },
    );
  });

  it('collapses the aligned columns of a log line and leaves its other characters', () => {
    assert.equal(normalizeErrorText('2026-11-27 09:14:05 INFO  worker-1\trequest served'), '2026-11-27 09:14:05 INFO worker-1 request served');
    assert.equal(normalizeErrorText('> │ \\"quota\\" “exceeded”'), ' "quota" "exceeded"');
  });
});
