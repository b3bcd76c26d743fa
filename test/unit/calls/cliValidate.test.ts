/**
 * `gemini-doctor validate` on odd file systems: every entry that cannot be checked is named as
 * skipped and the run goes on; nothing but regular files is opened; skips of named files (or any,
 * with --strict) fail the run.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ExitCode } from '../../../src/cli/main';
import { runMain as runCli } from '../cliRunner';

const posix = process.platform !== 'win32';

describe('gemini-doctor validate: odd entries are skipped, never fatal', () => {
  let dir = '';
  let server: ReturnType<typeof createServer> | undefined;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gd-validate-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'app.ts'), 'const r = await ai.models.generateContent({ model: "gemini-1.5-pro", contents: "hi" });\n');
    writeFileSync(path.join(dir, 'src', 'only.py'), 'MODEL = "gemini-pro"  # gemini\n');
    writeFileSync(path.join(dir, 'deep.json'), `{"generationConfig": {}, "a": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    if (posix) {
      symlinkSync('missing.ts', path.join(dir, 'broken.ts'));
      symlinkSync('..', path.join(dir, 'src', 'loop'));
      execFileSync('mkfifo', [path.join(dir, 'pipe.ts')]);
      server = createServer();
      await new Promise<void>((resolve) => server!.listen(path.join(dir, 'socket.ts'), resolve));
    }
  });
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks what it can, names each skip with its reason, and exits on the findings only', async () => {
    const result = await runCli('validate', '--offline', dir);
    assert.match(result.out, /app\.ts:1:\d+: error model-retired: gemini-1\.5-pro/);
    assert.match(result.err, /skipped .*deep\.json: JSON nested 5001 levels deep/);
    if (posix) {
      assert.match(result.err, /skipped .*broken\.ts: broken symbolic link/);
      assert.match(result.err, /skipped .*pipe\.ts: a named pipe \(FIFO\)/);
      assert.match(result.err, /skipped .*socket\.ts: a socket/);
      assert.match(result.err, /skipped .*loop: symbolic link loop/);
    }
    assert.match(result.out, /\d+ skipped/);
    assert.equal(result.code, ExitCode.findings);
  });

  it('lists the skipped files in --json', async () => {
    const result = await runCli('validate', '--offline', '--json', dir);
    const parsed = JSON.parse(result.out) as { skipped: { file: string; reason: string }[] };
    const reasons = Object.fromEntries(parsed.skipped.map((s) => [path.basename(s.file), s.reason]));
    assert.match(reasons['deep.json'] ?? '', /nested/);
    if (posix) assert.equal(reasons['pipe.ts'], 'a named pipe (FIFO)');
  });

  it('--strict makes any skip fail the run', async () => {
    assert.equal((await runCli('validate', '--offline', '--strict', dir)).code, ExitCode.usage);
  });

  it('a file named on the command line and skipped fails the run', async () => {
    const big = path.join(dir, 'big.ts');
    writeFileSync(big, `// gemini\n${'x'.repeat(5_100_000)}`);
    const result = await runCli('validate', '--offline', big);
    assert.match(result.err, /skipped .*big\.ts: too large/);
    assert.equal(result.code, ExitCode.usage);
    const notCode = path.join(dir, 'notes.txt');
    writeFileSync(notCode, 'gemini-1.5-pro');
    assert.equal((await runCli('validate', '--offline', notCode)).code, ExitCode.usage);
    rmSync(big);
    rmSync(notCode);
  });

  it('a named FIFO is skipped without being opened (no hang)', { skip: !posix }, async () => {
    const result = await runCli('validate', '--offline', path.join(dir, 'pipe.ts'));
    assert.match(result.err, /a named pipe/);
    assert.equal(result.code, ExitCode.usage);
  });

  it('an unreadable file is a skip', { skip: !posix || process.getuid?.() === 0 }, async () => {
    const locked = path.join(dir, 'src', 'locked.py');
    writeFileSync(locked, 'gemini');
    chmodSync(locked, 0o000);
    const result = await runCli('validate', '--offline', path.join(dir, 'src'));
    assert.match(result.err, /skipped .*locked\.py: permission denied/);
    chmodSync(locked, 0o600);
  });

  it('a file with no call but a retired model name says so', async () => {
    const result = await runCli('validate', '--offline', path.join(dir, 'src', 'only.py'));
    assert.match(result.out, /no Gemini call found; 1 retired model name/);
  });
});
