import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, Settings } from '../../src/constants';
import { diagnosticCode, eventually, geminiDiagnostics, setSetting, workspaceFile } from './helpers';

const gemini = geminiDiagnostics;
const codes = (uri: vscode.Uri) => gemini(uri).map(diagnosticCode).sort();

describe('log diagnostics', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('lists the Gemini errors of an open log file in the Problems panel', async () => {
    const uri = workspaceFile('app.log');
    await vscode.window.showTextDocument(uri);
    const found = await eventually(() => codes(uri), (c) => c.length === 3, 'Gemini diagnostics of app.log');
    assert.deepEqual(found, ['finish-reason-max-tokens', 'model-overloaded', 'no-free-tier']);
    const quota = gemini(uri).find((d) => typeof d.code === 'object' && d.code.value === 'no-free-tier')!;
    assert.equal(quota.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(quota.message, /^429 RESOURCE_EXHAUSTED — No free tier for this model/);
    assert.equal(quota.range.start.line, 3);
    assert.equal((quota.code as { target: vscode.Uri }).target.scheme, 'https');
  });

  it('follows edits', async () => {
    const uri = workspaceFile('app.log');
    const editor = await vscode.window.showTextDocument(uri);
    const line = editor.document.lineAt(7);
    await editor.edit((edit) => edit.replace(line.range, '2026-11-27 09:14:11,017 INFO  worker-2 recovered'));
    await eventually(() => codes(uri), (c) => !c.includes('model-overloaded') && c.length === 2, 'diagnostics after removing the 503');
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\nERROR gemini: 404 NOT_FOUND models/gemini-pro is not found for API version v1beta\n'));
    await eventually(() => codes(uri), (c) => c.includes('model-not-found-for-api-version'), 'diagnostics after adding a 404');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('keeps diagnostics on their lines when lines are added above, and finds errors appended to a large log', async () => {
    const uri = workspaceFile('app.log');
    const editor = await vscode.window.showTextDocument(uri);
    const quotaLine = () => gemini(uri).find((d) => typeof d.code === 'object' && d.code.value === 'no-free-tier')?.range.start.line;
    await eventually(quotaLine, (line) => line === 3, 'the 429 on line 4');
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'INFO one\nINFO two\n'));
      await eventually(quotaLine, (line) => line === 5, 'the 429 two lines lower');
      // A log of 30,000 lines, then an error appended at its end: found without a full rescan.
      const filler = Array.from({ length: 30_000 }, (_, i) => `2026-11-27 09:20:00,000 INFO  worker-3 request ${i} served`).join('\n');
      await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), `\n${filler}\n`));
      await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), 'ERROR gemini: 404 NOT_FOUND models/gemini-pro is not found for API version v1beta\n'));
      const last = editor.document.lineCount - 2;
      await eventually(() => gemini(uri).map((d) => d.range.start.line), (lines) => lines.includes(last) && lines.includes(5), 'the appended 404 and the 429 still on its line');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('leaves other files alone unless a setting adds them', async () => {
    const uri = workspaceFile('pasted-dump.txt');
    await vscode.window.showTextDocument(uri);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(codes(uri), []);
    await setSetting(Settings.logDiagnosticsLanguages, ['plaintext']);
    try {
      await eventually(() => codes(uri), (c) => c.includes('api-key-invalid'), 'diagnostics of a plaintext file added by setting');
    } finally {
      await setSetting(Settings.logDiagnosticsLanguages, undefined);
    }
    await eventually(() => codes(uri), (c) => c.length === 0, 'diagnostics after removing the setting');
  });

  it('can be switched off', async () => {
    const uri = workspaceFile('app.log');
    await vscode.window.showTextDocument(uri);
    await eventually(() => codes(uri).length, (n) => n > 0, 'diagnostics before switching off');
    await setSetting(Settings.logDiagnosticsEnabled, false);
    try {
      await eventually(() => codes(uri).length, (n) => n === 0, 'diagnostics after switching off');
    } finally {
      await setSetting(Settings.logDiagnosticsEnabled, undefined);
    }
    await eventually(() => codes(uri).length, (n) => n > 0, 'diagnostics after switching on again');
  });
});
