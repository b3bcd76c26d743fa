/**
 * Runs the test layers and prints one summary. `npm test` runs them all; `npm run test:<layer>`
 * runs one. Layers: unit (node:test, no VS Code), package (the built .vsix), integration (mocha
 * inside a real VS Code with the .vsix installed), ui (Chromium driving that VS Code).
 * The last line is `total: N passed, N failed`; the exit code is 1 when anything failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { HostError, ensureHost } from './host/codeServer';
import { repoRoot } from './host/paths';
import { runIntegration, type LayerCounts } from './host/runIntegration';

interface Layer {
  name: string;
  needsPackage: boolean;
  needsHost: boolean;
  run(): Promise<LayerCounts>;
}

/** Runs node's test runner on a folder of compiled tests and reads its closing counts. */
async function nodeTests(folder: string): Promise<LayerCounts> {
  const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', path.join(repoRoot, 'out', 'test', folder)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const count = (label: string): number => Number(new RegExp(`^\\S* ?${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  // A crash before the summary still fails the layer.
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed };
}

const layers: Layer[] = [
  { name: 'unit', needsPackage: false, needsHost: false, run: () => nodeTests('unit') },
  { name: 'package', needsPackage: true, needsHost: false, run: () => nodeTests('package') },
  { name: 'integration', needsPackage: true, needsHost: true, run: runIntegration },
  { name: 'ui', needsPackage: true, needsHost: true, run: () => nodeTests('ui') },
];

function buildPackage(): void {
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run package failed (its errors are above)');
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !layers.some((layer) => layer.name === name));
  if (unknown.length > 0) {
    console.error(`unknown test layer: ${unknown.join(', ')} (layers: ${layers.map((l) => l.name).join(', ')})`);
    return 2;
  }
  const selected = wanted.length > 0 ? layers.filter((l) => wanted.includes(l.name)) : layers;
  const rows: string[] = [];
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  try {
    if (selected.some((l) => l.needsPackage)) {
      const t = Date.now();
      buildPackage();
      rows.push(`  build + package  ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    if (selected.some((l) => l.needsHost)) ensureHost();
  } catch (error) {
    console.error(`\nCannot run the tests: ${error instanceof Error ? error.message : String(error)}`);
    console.log('total: 0 passed, 1 failed');
    return 1;
  }
  for (const layer of selected) {
    console.log(`\n=== ${layer.name} ===`);
    const t = Date.now();
    let counts: LayerCounts;
    try {
      counts = await layer.run();
    } catch (error) {
      const reason = error instanceof HostError ? `the test host failed: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`\nThe ${layer.name} layer could not run: ${reason}`);
      counts = { passed: 0, failed: 1 };
    }
    passed += counts.passed;
    failed += counts.failed;
    rows.push(`  ${layer.name.padEnd(15)}  ${((Date.now() - t) / 1000).toFixed(1)} s  ${counts.passed} passed, ${counts.failed} failed`);
  }
  console.log(`\nTest layers (${((Date.now() - started) / 1000).toFixed(1)} s):\n${rows.join('\n')}`);
  console.log(`total: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
