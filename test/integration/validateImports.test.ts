import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import { diagnosticCode, eventually, geminiDiagnostics, setSetting, workspaceFile } from './helpers';

describe('Validate: values imported from another file of the workspace', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    // The excludes of the Validate Workspace suite, so this run reports nothing it must not.
    await setSetting('search.exclude', { '**/ignored/**': true });
  });
  after(async () => {
    await setSetting('search.exclude', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('validating the calling file reports the imported config at its definition, with a quick fix there', async () => {
    const chat = workspaceFile('imports/chat.ts');
    const config = workspaceFile('imports/geminiConfig.ts');
    await vscode.window.showTextDocument(chat);
    await vscode.commands.executeCommand(Commands.validateCall);
    const [topP] = await eventually(() => geminiDiagnostics(config).filter((d) => diagnosticCode(d) === 'topP-out-of-range'), (d) => d.length === 1, 'diagnostics of imports/geminiConfig.ts');
    assert.equal(topP!.range.start.line, 3);
    assert.match(topP!.message, /Used by the call at imports\/chat\.ts:9\./);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === config.toString()), 'the imported file was read without opening it');
    await vscode.workspace.openTextDocument(config);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', config, topP!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to 1');
    assert.ok(fix?.edit, `no quick fix: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.deepEqual(fix.edit.entries().map(([uri]) => uri.toString()), [config.toString()]);
  });

  it('reads an imported file from its open editor: unsaved edits count', async () => {
    const chat = workspaceFile('imports/chat.ts');
    const config = workspaceFile('imports/geminiConfig.ts');
    const configEditor = await vscode.window.showTextDocument(config);
    const line = configEditor.document.lineAt(3);
    await configEditor.edit((edit) => edit.replace(line.range, '  topP: 1.6,'));
    await vscode.window.showTextDocument(chat);
    await vscode.commands.executeCommand(Commands.validateCall);
    await eventually(() => geminiDiagnostics(config).map((d) => d.message), (m) => m.some((x) => x.startsWith('topP 1.6 is outside 0–1. Used by the call at imports/chat.ts:9.')), 'diagnostics of the edited config');
    // Fixing the value where it is defined clears the problem the caller's run reported there (as you type, no save).
    const again = await vscode.window.showTextDocument(config);
    await again.edit((edit) => edit.replace(again.document.lineAt(3).range, '  topP: 0.9,'));
    await eventually(() => geminiDiagnostics(config), (d) => d.length === 0, 'diagnostics of the fixed config');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Validate Workspace resolves imports among the files it walks (Python: `from batch_settings import …`)', async () => {
    const settings = workspaceFile('imports/batch_settings.py');
    assert.deepEqual(geminiDiagnostics(settings), [], 'nothing reported before the run');
    await vscode.commands.executeCommand(Commands.validateWorkspace);
    const [temperature] = await eventually(() => geminiDiagnostics(settings).filter((d) => diagnosticCode(d) === 'temperature-out-of-range'), (d) => d.length === 1, 'diagnostics of imports/batch_settings.py');
    assert.equal(temperature!.range.start.line, 1);
    assert.match(temperature!.message, /Used by the call at imports\/batch\.py:9\./);
  });
});
