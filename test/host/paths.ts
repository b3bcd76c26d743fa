import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file compiles to out/test/host/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The git-ignored folder that holds the VS Code host (code-server, its Node) and each run's profile. */
export const hostCache = process.env.GEMINI_DOCTOR_HOST_CACHE ?? path.join(repoRoot, '.vscode-host');

/** Where tests leave what a person may want to look at: screenshots, host logs. */
export const resultsDir = path.join(repoRoot, 'test-results');

export interface Manifest {
  name: string;
  publisher: string;
  version: string;
  displayName: string;
  description: string;
  icon: string;
  main: string;
  bin: Record<string, string>;
  engines: { vscode: string };
  activationEvents?: string[];
  contributes: Record<string, unknown>;
  [key: string]: unknown;
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

/** The .vsix that `npm run package` writes. */
export function vsixPath(manifest = readManifest()): string {
  return path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
}

/**
 * The shared reference and corpus the tests read (real errors, real calls, the facts): the folder
 * `shared/` next to the repository, or GEMINI_DOCTOR_SHARED.
 */
export function sharedDir(...parts: string[]): string {
  const root = process.env.GEMINI_DOCTOR_SHARED ?? path.join(repoRoot, '..', 'shared');
  if (!existsSync(root)) throw new Error(`the shared corpus and reference are not at ${root}: put shared/ next to the repository or set GEMINI_DOCTOR_SHARED`);
  return path.join(root, ...parts);
}
