import * as vscode from 'vscode';
import { findingNear } from '../core/errors/hoverTarget';
import { renderMarkdown } from '../core/errors/markdown';
import { Settings } from '../constants';
import { documentLines } from './documentLines';

/** Explains the Gemini error under the mouse (its status, its code or any word of its message), in any text document. */
export function registerErrorHover(): vscode.Disposable[] {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      if (!vscode.workspace.getConfiguration().get<boolean>(Settings.hoverEnabled, true)) return undefined;
      const finding = findingNear(documentLines(document), position);
      if (!finding) return undefined;
      const markdown = new vscode.MarkdownString(renderMarkdown(finding));
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      // The range covers the error's anchor and the hovered word, so the hover stays while the mouse is on either.
      const word = document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position);
      const anchor = new vscode.Range(finding.line, finding.start, finding.line, finding.end);
      return new vscode.Hover(markdown, anchor.union(word));
    },
  };
  // Every document: logs, plain text, JSON, Markdown, code, untitled buffers, output channels.
  return [vscode.languages.registerHoverProvider('*', provider)];
}
