import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readManifest, vsixPath } from '../host/paths';
import { readZip } from './zip';

const manifest = readManifest();
const entries = readZip(vsixPath(manifest));
const names = entries.map((e) => e.name);
const entry = (name: string) => {
  const found = entries.find((e) => e.name === name);
  assert.ok(found, `${name} is not in the package`);
  return found;
};

describe(`${path.basename(vsixPath(manifest))}`, () => {
  it('holds the bundles, the parsers, the icon and the docs', () => {
    for (const name of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/scanWorker.js', 'extension/dist/geminiApi.js', 'extension/dist/wasm/tree-sitter.js',
      'extension/dist/wasm/tree-sitter-python.wasm', `extension/${manifest.icon}`,
      'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) {
      assert.ok(names.includes(name), `${name} is missing; the package holds:\n${names.join('\n')}`);
    }
  });

  it('credits the Gemini API troubleshooting guide it adapts (CC BY 4.0)', () => {
    const readme = entry('extension/readme.md').read().toString('utf8');
    assert.match(readme, /Gemini API troubleshooting guide\]\(https:\/\/ai\.google\.dev\/gemini-api\/docs\/troubleshooting\)/);
    assert.match(readme, /CC BY 4\.0/);
    assert.match(readme, /adapted/);
  });

    it('holds no sources, tests, source maps, dependencies or local folders', () => {
    const forbidden = /^extension\/(src|test|out|node_modules|\.vscode-host|\.vscode-test|test-results|\.ci|\.git)\/|\.map$|\.ts$|\.vsix$|tsconfig|eslint|esbuild\.js$/;
    assert.deepEqual(names.filter((n) => forbidden.test(n)), []);
  });

  it('ships only files under dist/ and media/ besides the manifest and docs', () => {
    const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/.+\.js|dist\/wasm\/[\w-]+\.wasm|media\/.+))$/;
    assert.deepEqual(names.filter((n) => !allowed.test(n)), []);
  });

  it('ships the production build: minified, without a source map link', () => {
    const extension = entry('extension/dist/extension.js').read().toString('utf8');
    assert.doesNotMatch(extension, /sourceMappingURL/);
    // esbuild keeps the newlines of template literals (Markdown texts), so a few short lines remain; an
    // unminified bundle has thousands of lines of a few dozen characters.
    const lines = extension.split('\n').length;
    assert.ok(lines < 200 && extension.length / lines > 1000, `dist/extension.js is not minified (${lines} lines)`);
  });

  it('carries the manifest of this version', () => {
    const packaged = JSON.parse(entry('extension/package.json').read().toString('utf8')) as { version: string; main: string };
    assert.equal(packaged.version, manifest.version);
    assert.equal(packaged.main, manifest.main);
  });

  describe('its CLI', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-vsix-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    it('runs from the package and prints the version', () => {
      writeFileSync(path.join(dir, 'package.json'), entry('extension/package.json').read());
      const cli = path.join(dir, 'dist', 'cli.js');
      mkdirSync(path.dirname(cli), { recursive: true });
      writeFileSync(cli, entry('extension/dist/cli.js').read());
      const result = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), manifest.version);
    });

    it('scans a log dense with errors in its worker threads, printing what one thread prints', () => {
      writeFileSync(path.join(dir, 'dist', 'scanWorker.js'), entry('extension/dist/scanWorker.js').read());
      const log = path.join(dir, 'dense.log');
      const line = "ERROR google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota.', 'status': 'RESOURCE_EXHAUSTED', 'details': [{'@type': 'type.googleapis.com/google.rpc.RetryInfo', 'retryDelay': '7s'}]}}";
      writeFileSync(log, `${Array.from({ length: 6000 }, (_, i) => `${i} ${line}`).join('\n')}\n`);
      const run = (threads: string) => spawnSync(process.execPath, [path.join(dir, 'dist', 'cli.js'), 'explain', '--json-lines', '--threads', threads, log], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const one = run('1');
      const two = run('2');
      assert.equal(two.status, 0, two.stderr);
      assert.equal(two.stdout, one.stdout);
      assert.ok(one.stdout.split('\n').length > 6000);
    });
  });
});
