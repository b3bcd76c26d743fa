import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../src/constants';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace is not open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The position of the nth occurrence of `token` in a document, `offset` characters into it. */
export function positionOf(document: vscode.TextDocument, token: string, offset = 1, nth = 0): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(token, at + 1);
  if (at < 0) throw new Error(`'${token}' is not in ${document.uri.path}`);
  return document.positionAt(at + offset);
}

/** The text of every hover VS Code would show at a position (all providers). */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

/** Waits until `check` holds (diagnostics are debounced), or fails with what was last seen. */
export async function eventually<T>(read: () => T, check: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

/** The code of a diagnostic (a rule or catalog id), whether it carries a link or not. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** The diagnostics Gemini Doctor published for a document. */
export function geminiDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}
