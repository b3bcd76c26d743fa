/** Two ways the CLI tests run `gemini-doctor` (in this process, fast, or as a user does, in its own), and what it prints of a finding in JSON. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { toJson } from '../../src/cli/findingOutput';
import { main } from '../../src/cli/main';
import { safeJson } from '../../src/cli/output';
import type { Finding } from '../../src/core/errors/types';
import { repoRoot } from '../host/paths';

/** The compiled CLI entry point. */
export const cliPath = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');

/** Runs the CLI's main() in this process, collecting what it prints. */
export async function runMain(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const utf8 = new TextDecoder();
  const code = await main(argv, { out: (t) => (out += typeof t === 'string' ? t : utf8.decode(t)), err: (t) => (err += t) });
  return { code, out, err };
}

/** Runs the CLI in its own process with only PATH and `env` (a fake server in this process stays responsive). */
export function runProcess(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A finding as `--json-lines` prints it, without the line break: its JSON (`toJson`) in one line. */
export function jsonLine(file: string, finding: Finding): string {
  return safeJson(toJson(file, finding));
}

/** A finding as an element of the `--json` array: its JSON with two spaces per level, indented under the `[`. */
export function jsonElement(file: string, finding: Finding): string {
  return `  ${safeJson(toJson(file, finding), 2).replaceAll('\n', '\n  ')}`;
}
