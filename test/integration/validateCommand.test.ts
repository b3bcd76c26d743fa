import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import { diagnosticCode, eventually, geminiDiagnostics, workspaceFile } from './helpers';

const codeOf = diagnosticCode;
const gemini = geminiDiagnostics;

describe('Validate Gemini Call', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('reports the problems of the calls in the active editor', async () => {
    const uri = workspaceFile('summarize.ts');
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand(Commands.validateCall);
    // A retired model has no limits to check maxOutputTokens against: that comes after the fix.
    const codes = await eventually(() => gemini(uri).map(codeOf).sort(), (c) => c.length >= 3, 'diagnostics of summarize.ts');
    assert.deepEqual(codes, ['config-misplaced', 'model-retired', 'temperature-out-of-range']);
    const retired = gemini(uri).find((d) => codeOf(d) === 'model-retired')!;
    assert.equal(retired.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(retired.range.start.line, 6);
    assert.match(retired.message, /gemini-1\.5-pro is retired/);
  });

  it('quick fixes replace the retired model and move the misplaced field into config', async () => {
    const uri = workspaceFile('summarize.ts');
    const editor = await vscode.window.showTextDocument(uri);
    for (const [rule, title] of [['model-retired', 'Replace with gemini-3.1-pro-preview'], ['config-misplaced', 'Move into config']] as const) {
      const diagnostic = gemini(uri).find((d) => codeOf(d) === rule)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === title);
      assert.ok(fix?.edit, `no quick fix for ${rule}: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await vscode.commands.executeCommand(Commands.validateCall);
    }
    const text = editor.document.getText();
    assert.match(text, /model: "gemini-3\.1-pro-preview"/);
    assert.match(text, /config: \{ systemInstruction: "Answer in one paragraph\.",/);
    await eventually(() => gemini(uri).map(codeOf).sort(), (c) => !c.includes('model-retired') && !c.includes('config-misplaced') && c.includes('maxOutputTokens-over-limit'), 'diagnostics after the fixes');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the cachedContent quick fix moves systemInstruction into the cache creation of the same file', async () => {
    const content = [
      'const ai = new GoogleGenAI({});',
      'const cache = await ai.caches.create({ model: "gemini-2.5-flash-lite", config: { contents: [doc], ttl: "300s" } });',
      'await ai.models.generateContent({ model: "gemini-2.5-flash-lite", contents: "Summarize", config: { cachedContent: cache.name, systemInstruction: "Answer briefly." } });',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content });
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand(Commands.validateCall);
    const diagnostic = (await eventually(() => gemini(document.uri).filter((d) => codeOf(d) === 'cachedContent-conflict'), (d) => d.length === 1, 'cachedContent-conflict'))[0]!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Move systemInstruction into the cache creation');
    assert.ok(fix?.edit, `no quick fix: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = editor.document.getText();
    assert.match(text, /config: \{ systemInstruction: "Answer briefly\.", contents: \[doc\], ttl: "300s" \}/);
    assert.match(text, /config: \{ cachedContent: cache\.name \}/);
    await vscode.commands.executeCommand(Commands.validateCall);
    await eventually(() => gemini(document.uri).map(codeOf), (c) => !c.includes('cachedContent-conflict'), 'diagnostics after the fix');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('validates as you type: problems follow the edits before any save, and only for the current text', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const ai = new GoogleGenAI({});\n' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi", config: { temperature: 2.5 } });\n'));
    await eventually(() => gemini(document.uri).map(codeOf), (c) => c.includes('temperature-out-of-range'), 'diagnostics while typing');
    // Several quick edits: only the last text counts.
    for (const value of ['2.4', '2.3', '0.5']) {
      const at = editor.document.getText().indexOf('temperature: ') + 'temperature: '.length;
      const end = editor.document.getText().indexOf(' }', at);
      await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(end)), value));
    }
    assert.equal(document.isDirty, true);
    await eventually(() => gemini(document.uri).map(codeOf), (c) => !c.includes('temperature-out-of-range'), 'diagnostics after fixing the temperature');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('validates on open: a file with Gemini calls gets its problems without the command', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'from google import genai\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.0-flash", contents="hi")\n' });
    await eventually(() => gemini(document.uri).map(codeOf), (c) => c.includes('model-retired'), 'diagnostics of an opened Python file');
  });
});
