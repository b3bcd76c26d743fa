import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { corpusDir } from '../host/paths';
import { cliPath } from './cliRunner';

/** Runs the CLI, reads its first bytes of output, then closes the pipe as `| head -1` does. */
function readFirstThenClose(args: string[]): Promise<{ code: number | null; signal: string | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '' } });
    let first = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    child.on('close', (code, signal) => resolve({ code, signal, first, stderr }));
  });
}

describe('gemini-doctor: the reader of its output goes away', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-pipe-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'dense.log');
  writeFileSync(log, 'google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. Quota exceeded for generativelanguage.googleapis.com/generate_content_free_tier_requests\n'.repeat(50_000));

  for (const args of [['explain', '--json-lines', log], ['explain', '--json', log], ['validate', path.join(corpusDir(), 'calls')]]) {
    it(`${args.slice(0, 2).join(' ')}: stops quietly, no stack trace`, async () => {
      const result = await readFirstThenClose(args);
      assert.ok(result.first.length > 0, 'printed something first');
      assert.equal(result.signal, null);
      assert.ok(result.code === 0 || result.code === 1, `exit code ${result.code}`);
      assert.doesNotMatch(result.stderr, /EPIPE|Error|at /);
    });
  }
});
