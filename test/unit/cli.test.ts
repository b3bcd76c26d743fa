import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, main } from '../../src/cli/main';
import { readManifest } from '../host/paths';

async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('gemini-doctor CLI', () => {
  const table: { argv: string[]; code: number; out?: RegExp; err?: RegExp }[] = [
    { argv: ['--help'], code: ExitCode.ok, out: /^Usage: gemini-doctor <command>/ },
    { argv: ['-h'], code: ExitCode.ok, out: /^Usage:/ },
    { argv: [], code: ExitCode.usage, err: /^Usage:/ },
    { argv: ['--version'], code: ExitCode.ok, out: new RegExp(`^${readManifest().version.replace(/\./g, '\\.')}\\n$`) },
    { argv: ['frobnicate'], code: ExitCode.usage, err: /unknown command 'frobnicate'/ },
  ];
  for (const row of table) {
    it(`${row.argv.join(' ') || '(no arguments)'} exits ${row.code}`, async () => {
      const result = await runCli(...row.argv);
      assert.equal(result.code, row.code);
      if (row.out) assert.match(result.out, row.out);
      if (row.err) assert.match(result.err, row.err);
    });
  }
});
