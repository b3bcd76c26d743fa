import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode } from '../../src/cli/main';
import { readManifest } from '../host/paths';
import { runMain as runCli } from './cliRunner';

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
