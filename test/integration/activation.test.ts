import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';

describe('the installed extension', () => {
  it('is the packaged .vsix, not the development folder', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
    const installedIn = process.env.GEMINI_DOCTOR_TEST_EXTENSIONS_DIR;
    assert.ok(installedIn, 'the test host did not say where it installed the .vsix (GEMINI_DOCTOR_TEST_EXTENSIONS_DIR)');
    assert.ok(extension.extensionPath.startsWith(installedIn), `loaded from ${extension.extensionPath}, expected under ${installedIn}`);
  });

  it('activates without throwing', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('does not load the Gemini SDK to activate', () => {
    // The SDK bundle loads when models are first listed (the Models view), not before.
    const loaded = Object.keys(require.cache).filter((file) => file.endsWith(`${path.sep}dist${path.sep}geminiApi.js`));
    assert.deepEqual(loaded, []);
  });

  it('registers every command package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Commands) as string[]) {
      assert.ok(registered.has(id), `command ${id} is contributed but not registered`);
    }
  });
});
