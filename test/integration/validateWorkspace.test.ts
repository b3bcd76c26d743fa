import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import { diagnosticCode, eventually, geminiDiagnostics, setSetting, workspaceFile } from './helpers';

describe('Gemini: Validate Workspace', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await setSetting('search.exclude', { '**/ignored/**': true });
  });
  after(async () => {
    await setSetting('search.exclude', undefined);
  });

  it('puts the problems of every supported file into Problems, without opening them, and respects the excludes', async () => {
    const settings = workspaceFile('calls/settings.py');
    const java = workspaceFile('calls/Chat.java');
    const ignored = workspaceFile('calls/ignored/old.ts');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === java.toString()), 'Chat.java is not open before the run');
    await vscode.commands.executeCommand(Commands.validateWorkspace);
    await eventually(() => geminiDiagnostics(settings).map(diagnosticCode), (c) => c.includes('model-retired'), 'diagnostics of calls/settings.py');
    await eventually(() => geminiDiagnostics(java).map(diagnosticCode), (c) => c.includes('temperature-out-of-range'), 'diagnostics of calls/Chat.java');
    assert.deepEqual(geminiDiagnostics(ignored), []);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === java.toString()), 'the run read Chat.java without opening a document');
  });
});
