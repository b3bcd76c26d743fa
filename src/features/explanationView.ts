import * as vscode from 'vscode';
import type { Explanation } from '../core/errors/explain';
import { Commands, ContextKeys, EXPLANATION_SCHEME } from '../constants';

/** Explanations kept for the preview to read; older ones are dropped. */
const MAX_KEPT = 20;

/**
 * The explanation view: each explanation is a read-only virtual Markdown document, shown in VS
 * Code's own Markdown preview (no webview of ours, no script). Every text from a log in it is
 * escaped by the core, so the preview renders it as text.
 */
export class ExplanationView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registrations: vscode.Disposable[];
  readonly onDidChange = this.changed.event;
  private shown = 0;
  private last: vscode.Uri | undefined;

  constructor() {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, this),
      vscode.commands.registerCommand(Commands.copyExplanation, (uri?: unknown) => this.copy(uri instanceof vscode.Uri ? uri : undefined)),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '# Gemini errors\n\nThis explanation is no longer kept. Run **Gemini: Explain Error** again.\n';
  }

  /** Opens the explanation in the Markdown preview and returns the URI of its document. */
  async show(explanation: Explanation): Promise<vscode.Uri> {
    this.shown++;
    const uri = vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${this.shown}/Gemini errors.md` });
    this.documents.set(uri.toString(), explanation.markdown);
    for (const key of [...this.documents.keys()].slice(0, Math.max(0, this.documents.size - MAX_KEPT))) this.documents.delete(key);
    this.last = uri;
    this.changed.fire(uri);
    await vscode.commands.executeCommand('setContext', ContextKeys.explanationShown, true);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // Without the built-in Markdown extension the document itself is shown, read-only.
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'markdown'), { preview: true });
    }
    return uri;
  }

  /** The Markdown of an explanation (the given one, else the one shown last). */
  markdownOf(uri?: vscode.Uri): string | undefined {
    const target = uri ?? this.last;
    return target ? this.documents.get(target.toString()) : undefined;
  }

  private async copy(uri: vscode.Uri | undefined): Promise<void> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const markdown = this.markdownOf(uri ?? (active?.scheme === EXPLANATION_SCHEME ? active : undefined));
    if (markdown === undefined) {
      void vscode.window.showInformationMessage('No Gemini error explanation to copy. Run Gemini: Explain Error first.');
      return;
    }
    await vscode.env.clipboard.writeText(markdown);
    vscode.window.setStatusBarMessage('$(check) Explanation copied as Markdown', 3000);
  }

  dispose(): void {
    this.registrations.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
