/**
 * Corpus rows the code does not pass yet. Each corpus test file keeps ONE list of them (file → why);
 * such a row still runs, as a todo that node's runner counts and prints, and a row that starts
 * passing fails until it is taken off its list, so the list only shrinks.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

export type KnownGaps = Readonly<Record<string, string>>;

/** Runs a corpus check; for a file on the gap list, as a todo whose failure is one line of output. */
export function corpusCheck(gaps: KnownGaps, file: string, name: string, check: () => void | Promise<void>): void {
  const gap = gaps[file];
  if (gap === undefined) {
    it(name, check);
    return;
  }
  it(name, { todo: `known gap: ${gap}` }, async (t) => {
    try {
      await check();
    } catch (error) {
      t.diagnostic(`still fails: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    }
  });
}

/**
 * Prints the list with its count and checks it is honest: every entry names a corpus file, and at
 * least one check of each listed file still fails (`stillFails` runs them all).
 */
export function describeGaps(title: string, gaps: KnownGaps, files: readonly string[], stillFails: (file: string) => Promise<boolean>): void {
  describe(`${title}: known gaps (${Object.keys(gaps).length})`, () => {
    for (const [file, reason] of Object.entries(gaps)) {
      it(`${file}: ${reason}`, async () => {
        assert.ok(files.includes(file), `${file} is not a corpus file`);
        assert.ok(await stillFails(file), `${file} passes now: take it off the known-gaps list`);
      });
    }
  });
}

/** True when the check throws (or rejects). */
export async function fails(check: () => void | Promise<void>): Promise<boolean> {
  try {
    await check();
    return false;
  } catch {
    return true;
  }
}
