/**
 * `npm run bench` (models): what loading the extension costs next to loading the SDK bundle (which
 * activation must not load), and how long the Models view takes to paint its first items in a real
 * VS Code, from the offline snapshot and from the cache. Prints numbers; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { modelCard, modelCardMarkdown, modelCompletions, type ModelCatalog } from '../../src/core/models/modelCard';
import { findModelIds, modelIdAt } from '../../src/core/models/modelText';
import { SNAPSHOT_DATE, snapshotModels } from '../../src/core/models/snapshot';
import { FakeGemini, makeModels } from '../fakeGemini/server';
import { repoRoot } from '../host/paths';
import { Workbench } from '../ui/workbench';

/** Milliseconds to `require` a bundle in a fresh Node process (`vscode` stubbed), median of runs. */
function requireCost(bundle: string, runs = 9): number {
  const script = `
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? request : resolve.call(this, request, ...rest); };
    // Any property of the stub is the stub again: module-level uses such as vscode.DiagnosticSeverity.Error resolve.
    const names = ['DiagnosticSeverity', 'window', 'workspace', 'languages', 'commands', 'env', 'Uri', 'Range', 'EventEmitter', 'ThemeIcon', 'ProgressLocation', 'CodeActionKind'];
    const stub = new Proxy({}, {
      get: (_, key) => (key === Symbol.toPrimitive ? () => 0 : stub),
      ownKeys: () => names,
      getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: stub }),
    });
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
    const t = process.hrtime.bigint();
    require(${JSON.stringify(bundle)});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const sdkLoaded = Object.keys(require.cache).some((f) => f.endsWith('geminiApi.js'));
    process.stdout.write(JSON.stringify({ ms, sdkLoaded }));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const { ms, sdkLoaded } = JSON.parse(result.stdout) as { ms: number; sdkLoaded: boolean };
    if (sdkLoaded && !bundle.endsWith('geminiApi.js')) throw new Error(`${bundle} loaded the SDK`);
    times.push(ms);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function firstPaint(workbench: Workbench): Promise<number> {
  const { page } = workbench;
  const t = performance.now();
  await page.locator('.part.activitybar .action-item a[aria-label^="Gemini"], .part.activitybar .action-item[aria-label^="Gemini"]').first().click();
  await page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'Gemini 2.5 Pro' }).first().waitFor({ timeout: 30_000 });
  return performance.now() - t;
}

/** Median milliseconds of `runs` calls of `work`. */
function median(work: () => unknown, runs = 201): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** The model hover, completion and the workspace inventory's scan, in the core (no VS Code). */
function coreNumbers(): void {
  const catalog: ModelCatalog = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels, today: '2026-11-30' };
  const hover = (line: string, at: number) => {
    const mention = modelIdAt(line, at);
    return mention && modelCardMarkdown(modelCard(mention.id, catalog), catalog);
  };
  const short = 'model: "gemini-2.5-flash",';
  const long = `${'x'.repeat(1_000_000)} "gemini-2.5-flash" ${'y'.repeat(1_000_000)}`;
  console.log(`  model hover, a short line                            ${(median(() => hover(short, 12)) * 1000).toFixed(0).padStart(5)} µs (median)`);
  console.log(`  model hover, a 2,000,000-character line              ${(median(() => hover(long, 1_000_005)) * 1000).toFixed(0).padStart(5)} µs (median)`);
  console.log(`  model completion list (${snapshotModels.length} models)                     ${(median(() => modelCompletions(catalog)) * 1000).toFixed(0).padStart(5)} µs (median)`);
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) lines.push(i % 100 === 0 ? `  const model${i} = "gemini-3.8-flash"; // and models/gemini-2.5-pro` : `  const value${i} = compute(${i}, "some text", options.generation);`);
  const text = lines.join('\n');
  let found = 0;
  const scan = median(() => (found = findModelIds(text).length), 9);
  console.log(`  inventory scan of a 100,000-line file (${(text.length / 1e6).toFixed(1)} MB)      ${scan.toFixed(0).padStart(5)} ms (${found} ids, ${(text.length / 1e6 / (scan / 1000)).toFixed(0)} MB/s)`);
}

async function main(): Promise<void> {
  console.log('\nModels');
  coreNumbers();
  for (const name of ['extension.js', 'geminiApi.js']) {
    const file = path.join(repoRoot, 'dist', name);
    console.log(`  require dist/${name.padEnd(14)} ${(statSync(file).size / 1024).toFixed(0).padStart(5)} KB   ${requireCost(file).toFixed(1).padStart(6)} ms (median of 9 fresh processes)`);
  }

  const KEY = 'bench-key-2e7f';
  const fake = await FakeGemini.start({ apiKey: KEY, models: makeModels(50) });
  try {
    const noKey = await Workbench.open();
    try {
      console.log(`  Models view, first items from the offline snapshot   ${(await firstPaint(noKey)).toFixed(0).padStart(5)} ms (click to painted rows, activation included)`);
      await noKey.page.locator('.part.activitybar .action-item a[aria-label^="Explorer"], .part.activitybar .action-item[aria-label^="Explorer"]').first().click();
      await noKey.page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'Gemini 2.5 Pro' }).first().waitFor({ state: 'detached' });
      console.log(`  Models view, shown again                             ${(await firstPaint(noKey)).toFixed(0).padStart(5)} ms`);
    } finally {
      await noKey.close();
    }
    const withKey = await Workbench.open({}, { machineSettings: { 'geminiDoctor.endpoint': fake.url }, env: { GEMINI_API_KEY: KEY } });
    try {
      await firstPaint(withKey); // live, fills the cache
      await withKey.page.locator('.part.sidebar', { hasText: 'Source: live' }).waitFor({ timeout: 30_000 });
      await withKey.page.reload();
      await withKey.page.waitForSelector('.explorer-folders-view .monaco-list-row, .part.sidebar', { timeout: 60_000 });
      const requests = fake.requests.length;
      console.log(`  Models view, first items from the cache (reloaded)   ${(await firstPaint(withKey)).toFixed(0).padStart(5)} ms (${fake.requests.length - requests} API requests)`);
    } finally {
      await withKey.close();
    }
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
