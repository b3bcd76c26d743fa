/** What the suite inside VS Code prints for the runner outside to read (through the window's log). */

/** Printed before the first test: what the window logged before it is the workbench's, not the suite's. */
export const SUITE_START = 'integration: suite starting';

/** The suite's last line. */
export function suiteSummary(passed: number, failed: number): string {
  return `integration: ${passed} passed, ${failed} failed`;
}

export function parseSuiteSummary(line: string): { passed: number; failed: number } | undefined {
  const match = /^integration: (\d+) passed, (\d+) failed$/m.exec(line);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

/** The API key the runner puts in the extension host's environment (GEMINI_API_KEY) for the fake server. */
export const INTEGRATION_API_KEY = 'integration-test-key-5b7e';
