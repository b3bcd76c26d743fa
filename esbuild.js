// Bundles the extension (Node, `vscode` external), the CLI and the SDK module they share into dist/.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       development build, rebuilt on change
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  // jsonc-parser's UMD build requires its parts at run time; its ES module build bundles.
  mainFields: ['module', 'main'],
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The CLI's scan threads for logs dense with errors (src/cli/parallelScan.ts), started from dist/cli.js.
  { ...common, entryPoints: ['src/cli/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  // @google/genai and what it pulls in, loaded on first use by the extension and the CLI.
  { ...common, entryPoints: ['src/services/geminiApi.ts'], outfile: 'dist/geminiApi.js' },
];

/** Tree-sitter's runtime and the grammars of Gemini call code, loaded at run time from dist/wasm. */
function copyParsers() {
  const fs = require('node:fs');
  const path = require('node:path');
  const from = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  fs.mkdirSync('dist/wasm', { recursive: true });
  for (const file of ['tree-sitter.js', 'tree-sitter.wasm', ...['typescript', 'tsx', 'javascript', 'python', 'go', 'bash', 'java', 'c-sharp'].map((l) => `tree-sitter-${l}.wasm`)]) {
    fs.copyFileSync(path.join(from, file), path.join('dist/wasm', file));
  }
}

async function main() {
  require('node:fs').rmSync('dist', { recursive: true, force: true });
  copyParsers();
  if (watch) {
    for (const options of targets) {
      const context = await esbuild.context(options);
      await context.watch();
    }
    console.log('esbuild: watching src/ for changes');
    return;
  }
  await Promise.all(targets.map((options) => esbuild.build(options)));
  console.log(`esbuild: built dist/ (${production ? 'production' : 'development'})`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
