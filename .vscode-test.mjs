// @vscode/test-electron (through @vscode/test-cli) runs the same integration suite in desktop VS Code
// wherever VS Code can be downloaded: `npm run test:electron`. As in the code-server run, the packaged
// .vsix is installed and the suite is loaded through the harness extension, so what is tested is
// what users install.
import { defineConfig } from '@vscode/test-cli';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const extensionsDir = resolve('.vscode-test/extensions');

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: 'stable',
  extensionDevelopmentPath: resolve('test/integration/harness'),
  workspaceFolder: resolve('test/fixtures/workspace'),
  installExtensions: [resolve(`${manifest.name}-${manifest.version}.vsix`)],
  env: { GEMINI_DOCTOR_TEST_EXTENSIONS_DIR: extensionsDir },
  launchArgs: ['--disable-workspace-trust', '--disable-extension', 'vscode.git'],
  // test-electron keeps installed extensions in .vscode-test/extensions (runTests and the CLI alike).
  mocha: { ui: 'bdd', timeout: 30000, color: true },
});
