/**
 * Runs the mocha suite in test/integration inside a real VS Code (code-server) in which the packaged
 * .vsix is installed, and returns the counts. The suite is loaded through a tiny harness extension,
 * so Gemini Doctor itself runs as a user gets it: installed from the .vsix, in production mode.
 */
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { CodeServer, HostError, copyWorkspace, createRun, extensionLogErrors, installVsix, launchChromium, removeRun, tail } from './codeServer';
import { INTEGRATION_API_KEY, SUITE_START, parseSuiteSummary } from '../integration/suiteProtocol';
import { readManifest, repoRoot, vsixPath } from './paths';
import { EXTENSION_ID, OUTPUT_CHANNEL_NAME } from '../../src/constants';

export interface LayerCounts {
  passed: number;
  failed: number;
}

const SUITE_TIMEOUT_MS = 300_000;

/** The suite's output, as opposed to the workbench's own errors (offline gallery look-ups and the like). */
function isSuiteOutput(type: string, line: string): boolean {
  if (type === 'info') return true;
  return type === 'error' && !/\/static\/out\/vs\/|open-vsx\.org|^Canceled/.test(line);
}

export async function runIntegration(): Promise<LayerCounts> {
  const run = createRun('integration');
  installVsix(run, vsixPath(readManifest()));
  const workspace = copyWorkspace(run);
  const server = await CodeServer.start(run, {
    testDriver: true,
    // The key the suite's fake Gemini server accepts, seen by the extension as the environment's key.
    env: { GEMINI_DOCTOR_TEST_EXTENSIONS_DIR: run.extensionsDir, GEMINI_API_KEY: INTEGRATION_API_KEY, GOOGLE_API_KEY: '' },
  });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let counts: LayerCounts | undefined;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    // Everything the window logs goes to a file; what the suite prints also goes to the terminal.
    const windowLog = path.join(run.dir, 'window.log');
    let suiteStarted = false;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      appendFileSync(windowLog, `[${type}] ${line}\n`);
      if (line === SUITE_START) suiteStarted = true;
      else if (suiteStarted && isSuiteOutput(type, line)) process.stdout.write(`  ${line}\n`);
      counts = parseSuiteSummary(line) ?? counts;
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const harness = path.join(repoRoot, 'test', 'integration', 'harness');
    const tests = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
    await page.goto(server.url(workspace, [
      ['extensionDevelopmentPath', `vscode-remote://remote${harness}`],
      ['extensionTestsPath', `vscode-remote://remote${tests}`],
    ]));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HostError(`the integration suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (code-server log: ${server.logFile})`)), SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    const logErrors = extensionLogErrors(run, EXTENSION_ID, OUTPUT_CHANNEL_NAME);
    if (logErrors.length > 0) {
      process.stdout.write(`  errors from ${EXTENSION_ID} in the VS Code logs:\n${logErrors.map((l) => `    ${l}`).join('\n')}\n`);
    }
    if (!counts) {
      throw new HostError(`VS Code exited with ${code} before the integration suite reported a result; the window's log ends with:\n${tail(windowLog)}\n(all logs: ${run.dir})`);
    }
    const failed = counts.failed + (logErrors.length > 0 ? 1 : 0) + (code !== 0 && counts.failed === 0 ? 1 : 0);
    if (failed === 0) removeRun(run);
    else process.stdout.write(`  logs of this run: ${run.dir}\n`);
    return { passed: counts.passed, failed };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
