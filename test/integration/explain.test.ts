import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXPLANATION_SCHEME, EXTENSION_ID, Settings } from '../../src/constants';
import type { GeminiDoctorApi } from '../../src/extension';
import type { GeminiTerminalLink } from '../../src/features/terminalLinks';
import { diagnosticCode, eventually, geminiDiagnostics, hoverText, positionOf, setSetting, workspaceFile } from './helpers';

/** Test data of the repository (the compiled suite runs from out/test/integration). */
const repoFile = (...parts: string[]) => readFileSync(path.join(__dirname, '..', '..', '..', ...parts), 'utf8');
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

const geminiLines = [
  ...lines(repoFile('test', 'fixtures', 'errors', 'python-genai-client-error.txt')).filter((l) => l.includes('ClientError')),
  ...lines(repoFile('test', 'fixtures', 'errors', 'go-genai.txt')),
  ...lines(repoFile('test', 'fixtures', 'errors', 'js-genai-got-status.txt')),
];
const lookalikes = lines(repoFile('test', 'fixtures', 'errors', 'lookalikes.txt'));

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  vscode.window.terminals.forEach((t) => t.dispose());
  await eventually(() => vscode.window.terminals.length, (n) => n === 0, 'terminals after disposing them');
}

/** The text of the explanation document a command returned. */
async function explanationOf(uri: unknown): Promise<string> {
  assert.ok(uri instanceof vscode.Uri, `expected the explanation's URI, got ${String(uri)}`);
  assert.equal(uri.scheme, EXPLANATION_SCHEME);
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

const previewShown = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((tab) => tab.label.includes('Gemini errors'));

describe('explain errors where they are printed', () => {
  let api: GeminiDoctorApi;
  before(async () => {
    api = await vscode.extensions.getExtension<GeminiDoctorApi>(EXTENSION_ID)!.activate();
  });
  afterEach(closeAll);

  it('links Gemini errors written to a terminal, and nothing of look-alikes', async () => {
    const write = new vscode.EventEmitter<string>();
    const opened = new Promise<void>((resolve) => {
      const terminal = vscode.window.createTerminal({ name: 'gemini test', pty: { onDidWrite: write.event, open: () => resolve(), close: () => undefined } });
      terminal.show();
    });
    await opened;
    const terminal = vscode.window.terminals.find((t) => t.name === 'gemini test')!;
    const token = new vscode.CancellationTokenSource().token;
    const linksOf = async (line: string) => (await api.terminalLinks.provideTerminalLinks({ terminal, line }, token)) ?? [];
    for (const line of [...geminiLines, ...lookalikes]) write.fire(`${line}\r\n`);

    const found: GeminiTerminalLink[] = [];
    for (const line of geminiLines) {
      const links = await linksOf(line);
      assert.equal(links.length, 1, `one link in: ${line.slice(0, 120)}`);
      assert.ok(links[0]!.length > 0 && links[0]!.startIndex >= 0);
      found.push(...links);
    }
    assert.equal(found[0]!.tooltip, '429 RESOURCE_EXHAUSTED — No free tier for this model');
    assert.match(found[1]!.tooltip!, /^404 NOT_FOUND — /);
    for (const line of lookalikes) assert.deepEqual(await linksOf(line), [], `no link in: ${line}`);

    await api.terminalLinks.handleTerminalLink(found[0]!);
    assert.match(api.explanationMarkdown() ?? '', /## 1\. 429 RESOURCE\\_EXHAUSTED — No free tier for this model/);
    await eventually(previewShown, Boolean, 'the explanation preview');
    write.dispose();
  });

  it('Explain Error explains the selection', async () => {
    const editor = await vscode.window.showTextDocument(workspaceFile('app.log'));
    const line = editor.document.lineAt(3);
    assert.match(line.text, /ClientError: 429/);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    const text = await explanationOf(await vscode.commands.executeCommand(Commands.explainError));
    assert.match(text, /One distinct error: `429 RESOURCE_EXHAUSTED`/);
    assert.match(text, /No free tier for this model/);
    assert.match(text, /Line 4;/);
    for (const heading of ['This error says', 'What to do', 'Retry?', 'What it means', 'Likely cause', 'Sources']) assert.ok(text.includes(`**${heading}`), heading);
    assert.doesNotMatch(text, /503/);
    await eventually(previewShown, Boolean, 'the explanation preview');
  });

  it('Copy Explanation as Markdown copies the explanation shown', async () => {
    const editor = await vscode.window.showTextDocument(workspaceFile('app.log'));
    editor.selection = new vscode.Selection(7, 0, 7, editor.document.lineAt(7).text.length);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.explainError);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(Commands.copyExplanation);
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, api.explanationMarkdown(uri));
    assert.match(copied, /## 1\. 503 UNAVAILABLE/);
  });

  it('a hover on any word of a recognized message explains it', async () => {
    const uri = workspaceFile('app.log');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(document, 'billing details', 2));
    assert.match(text, /429 RESOURCE\\_EXHAUSTED — No free tier for this model/);
    // Title and specifics first, meaning and cause after.
    assert.ok(text.indexOf('This error says') < text.indexOf('What it means'), text);
  });

  it('Explain Error with no selection explains the block at the cursor', async () => {
    const editor = await vscode.window.showTextDocument(workspaceFile('app.log'));
    editor.selection = new vscode.Selection(7, 5, 7, 5);
    const text = await explanationOf(await vscode.commands.executeCommand(Commands.explainError));
    assert.match(text, /503 UNAVAILABLE/);
  });

  it('Explain Error with nothing selected anywhere offers the clipboard', async () => {
    const go = lines(repoFile('test', 'fixtures', 'errors', 'go-genai.txt'))[0]!;
    await vscode.env.clipboard.writeText(go);
    const running = vscode.commands.executeCommand(Commands.explainError);
    let done = false;
    void running.then(() => (done = true), () => (done = true));
    // Accept the offer once the pick list is up.
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const text = await explanationOf(await running);
    assert.match(text, /# Gemini errors in the clipboard/);
    assert.match(text, /404 NOT\\_FOUND/);
    assert.match(text, /gemini-1\.5-pro/);
  });

  it('Explain Gemini Errors in Output reads the saved outputs of a notebook', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('gemini.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const text = await explanationOf(await vscode.commands.executeCommand(Commands.explainNotebookOutput));
    assert.match(text, /# Gemini errors in the output of cell 2 of gemini\.ipynb/);
    assert.match(text, /429 RESOURCE\\_EXHAUSTED — No free tier for this model/);
    assert.ok(!text.includes('\u001b'));
    // The cell's own menu passes the cell.
    const cell = notebook.cellAt(1);
    assert.match(await explanationOf(await vscode.commands.executeCommand(Commands.explainNotebookOutput, cell)), /No free tier/);
  });

  it('Explain Gemini Errors in Output reads a notebook open as JSON text', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('gemini.ipynb')));
    const text = await explanationOf(await vscode.commands.executeCommand(Commands.explainNotebookOutput));
    assert.match(text, /No free tier for this model/);
  });

  it('log findings are warnings by default, and the severity is a setting', async () => {
    const uri = workspaceFile('app.log');
    await vscode.window.showTextDocument(uri);
    const quota = () => geminiDiagnostics(uri).find((d) => diagnosticCode(d) === 'no-free-tier');
    await eventually(() => quota()?.severity, (s) => s === vscode.DiagnosticSeverity.Warning, 'severity by default');
    await setSetting(Settings.logDiagnosticsSeverity, 'error');
    try {
      await eventually(() => quota()?.severity, (s) => s === vscode.DiagnosticSeverity.Error, 'severity with the setting at error');
      const reason = geminiDiagnostics(uri).find((d) => diagnosticCode(d) === 'finish-reason-max-tokens');
      assert.equal(reason?.severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      await setSetting(Settings.logDiagnosticsSeverity, undefined);
    }
    // Leave the Problems panel as the next suite expects it: the rescan with the default has published.
    await eventually(() => quota()?.severity, (s) => s === vscode.DiagnosticSeverity.Warning, 'severity back to the default');
  });
});
