import { readFileSync } from 'node:fs';
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

/** The repository's copy of the real error and call samples (test/corpus/errors, test/corpus/calls). */
export function corpusDir(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'corpus', ...parts);
}

/** The repository's copy of the facts the catalog and snapshot are checked against (test/reference). */
export function referenceDir(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'reference', ...parts);
}
