/**
 * The tests read nothing outside the repository: the unit suite, run from a copy of the repository's
 * files in an empty temporary folder (so no folder beside it can be read), still passes and
 * still runs the corpus tests.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../host/paths';

/** Set in the copy's run, so that it does not copy itself again. */
const inCopy = process.env.GEMINI_DOCTOR_IN_COPY === '1';

describe('self-contained tests', { skip: inCopy && 'this run is the copy' }, () => {
  it('the unit suite passes from a copy of the repository in an empty folder', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-copy-'));
    try {
      const copy = path.join(parent, 'p');
      const tracked = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(tracked.status, 0, 'git ls-files failed: the repository is needed to know its files');
      for (const file of tracked.stdout.split('\0').filter(Boolean)) cpSync(path.join(repoRoot, file), path.join(copy, file), { dereference: false });
      // Built and installed artefacts come along as they are: the compiled tests and the dependencies.
      cpSync(path.join(repoRoot, 'out'), path.join(copy, 'out'), { recursive: true });
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
      const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', '--test-concurrency=1', path.join(copy, 'out', 'test', 'unit')], {
        cwd: copy,
        encoding: 'utf8',
        // NODE_TEST_CONTEXT would make the child report to this runner instead of printing.
        env: { ...process.env, NODE_TEST_CONTEXT: undefined, GEMINI_DOCTOR_IN_COPY: '1' },
        maxBuffer: 64 * 1024 * 1024,
      });
      const failures = run.stdout.split('\n').filter((line) => /^\s*not ok /.test(line) && !/# TODO/.test(line));
      assert.deepEqual(failures, [], run.stderr.slice(-2000));
      assert.equal(run.status, 0, run.stderr.slice(-2000));
      assert.match(run.stdout, /error corpus: positives/);
      assert.match(run.stdout, /call corpus/);
      assert.ok(Number(/^# pass (\d+)/m.exec(run.stdout)?.[1] ?? 0) > 500, 'the copy ran few tests');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
