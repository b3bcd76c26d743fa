/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`): runs every
 * `*.test.js` beside this file with mocha and rejects when a test fails, which makes VS Code exit
 * with a non-zero code. The last line it prints is `integration: N passed, N failed`.
 * GEMINI_DOCTOR_TEST_GREP=PATTERN runs only the tests whose full title matches (mocha's grep).
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { SUITE_START, suiteSummary } from './suiteProtocol';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(process.env.GEMINI_DOCTOR_TEST_GREP ? { grep: process.env.GEMINI_DOCTOR_TEST_GREP } : {}) });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  console.log(SUITE_START);
  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve) => {
    let passes = 0;
    const runner = mocha.run((failures) => resolve({ passed: passes, failed: failures }));
    runner.on('pass', () => passes++);
  });
  console.log(suiteSummary(passed, failed));
  if (failed > 0 || passed === 0) {
    throw new Error(passed === 0 ? 'no integration test ran' : `${failed} integration test(s) failed`);
  }
}
