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
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // @google/genai and what it pulls in, loaded on first use by the extension and the CLI.
  { ...common, entryPoints: ['src/services/geminiApi.ts'], outfile: 'dist/geminiApi.js' },
];

async function main() {
  require('node:fs').rmSync('dist', { recursive: true, force: true });
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
