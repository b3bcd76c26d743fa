import type * as vscode from 'vscode';
import type { LineSource } from '../core/errors/types';

/** A TextDocument as the core reads it; `lineAt(n).text` shares the document's string, no copy. */
export function documentLines(document: vscode.TextDocument): LineSource {
  return { lineCount: document.lineCount, lineText: (line) => document.lineAt(line).text };
}
