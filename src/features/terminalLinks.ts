import * as vscode from 'vscode';
import { explainText, lineLinks } from '../core/errors/explain';
import type { ExplanationView } from './explanationView';

/** A link over a Gemini error in a terminal line; it carries the line, so activating it needs nothing else. */
export interface GeminiTerminalLink extends vscode.TerminalLink {
  readonly line: string;
  readonly terminalName: string;
}

/**
 * Gemini errors printed in any terminal become links: the core recognizer on the one line VS Code
 * hands in (bounded), no state between calls. The tooltip is the error's title; activating the
 * link opens the full explanation.
 */
export function terminalLinkProvider(view: ExplanationView): vscode.TerminalLinkProvider<GeminiTerminalLink> {
  return {
    provideTerminalLinks(context) {
      return lineLinks(context.line).map((link) => ({
        startIndex: link.start,
        length: link.length,
        tooltip: link.tooltip,
        line: context.line,
        terminalName: context.terminal.name,
      }));
    },
    async handleTerminalLink(link) {
      await view.show(explainText(link.line, { origin: `the terminal “${link.terminalName}”` }));
    },
  };
}

export function registerTerminalLinks(provider: vscode.TerminalLinkProvider<GeminiTerminalLink>): vscode.Disposable[] {
  return [vscode.window.registerTerminalLinkProvider(provider)];
}
