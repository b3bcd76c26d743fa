import * as vscode from 'vscode';
import { renderMarkdown } from '../core/errors/markdown';
import { explainAt } from '../core/errors/recognize';
import { Settings } from '../constants';
import { documentLines } from './documentLines';

/** Explains the Gemini error under the mouse, in any text document. */
export function registerErrorHover(): vscode.Disposable[] {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      if (!vscode.workspace.getConfiguration().get<boolean>(Settings.hoverEnabled, true)) return undefined;
      const finding = explainAt(documentLines(document), position);
      if (!finding) return undefined;
      const markdown = new vscode.MarkdownString(renderMarkdown(finding));
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, new vscode.Range(finding.line, finding.start, finding.line, finding.end));
    },
  };
  // Every document: logs, plain text, JSON, Markdown, code, untitled buffers, output channels.
  return [vscode.languages.registerHoverProvider('*', provider)];
}
