import * as vscode from 'vscode';
import { explainText, ipynbOutputs, lineBlock, outputText, type Explanation, type OutputItem } from '../core/errors/explain';
import { Commands } from '../constants';
import { documentLines } from './documentLines';
import type { ExplanationView } from './explanationView';

export interface ExplainDeps {
  readonly view: ExplanationView;
  readonly log: vscode.LogOutputChannel;
}

const nameOf = (uri: vscode.Uri) => (uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false));

/**
 * The terminal's selection. VS Code offers no API for it, so it goes through the clipboard, which
 * is put back as it was (its text; a clipboard holding only an image loses it).
 */
async function terminalSelection(): Promise<string | undefined> {
  if (!vscode.window.activeTerminal) return undefined;
  const saved = await vscode.env.clipboard.readText();
  try {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
    const selected = await vscode.env.clipboard.readText();
    return selected.trim() === '' ? undefined : selected;
  } finally {
    await vscode.env.clipboard.writeText(saved);
  }
}

function summary(explanation: Explanation): string {
  const n = explanation.errors.length;
  return n === 1 ? 'one Gemini error' : `${n} Gemini errors`;
}

/** "Gemini: Explain Error" and "Explain Gemini Errors in Output": the explanation of what is selected, printed or copied. */
export function registerExplainCommands(deps: ExplainDeps): vscode.Disposable[] {
  const show = async (explanation: Explanation): Promise<vscode.Uri> => {
    deps.log.info(`Explaining ${summary(explanation)}`);
    return deps.view.show(explanation);
  };

  const nothingFound = (where: string) => {
    void vscode.window.showInformationMessage(`No Gemini API error found in ${where}. Gemini Doctor explains statuses such as 429 RESOURCE_EXHAUSTED, SDK exceptions, well-known messages and finish or block reasons.`);
  };

  /** With nothing selected anywhere: offer the clipboard when it holds a Gemini error. */
  const offerClipboard = async (): Promise<vscode.Uri | undefined> => {
    const text = await vscode.env.clipboard.readText();
    const explanation = text.trim() === '' ? undefined : explainText(text, { origin: 'the clipboard' });
    if (!explanation || explanation.errors.length === 0) {
      void vscode.window.showInformationMessage('Select a Gemini error in an editor or a terminal (or copy one) and run Gemini: Explain Error again.');
      return undefined;
    }
    const first = explanation.errors[0]!.finding;
    const pick = await vscode.window.showQuickPick(
      [{ label: '$(clippy) Explain the clipboard', description: `${summary(explanation)}: ${first.httpCode ?? ''} ${first.status}`.replace(/\s+/g, ' '), detail: 'Nothing is selected in an editor or a terminal.' }],
      { title: 'Gemini: Explain Error', placeHolder: 'Nothing is selected. Explain the Gemini error on the clipboard?' },
    );
    return pick ? show(explanation) : undefined;
  };

  /** The terminal's selection explained; `selected` false when the terminal has no selection. */
  const explainTerminal = async (): Promise<{ selected: boolean; uri?: vscode.Uri }> => {
    const selected = await terminalSelection().catch((error: unknown) => {
      // A clipboard the window may not read (a browser without the permission): as if nothing were selected.
      deps.log.warn(`Reading the terminal's selection failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (selected === undefined) return { selected: false };
    const explanation = explainText(selected, { origin: `the selection in the terminal “${vscode.window.activeTerminal?.name ?? ''}”` });
    if (explanation.errors.length === 0) {
      nothingFound('the terminal selection');
      return { selected: true };
    }
    return { selected: true, uri: await show(explanation) };
  };

  const explainError = async (): Promise<vscode.Uri | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.selections.some((s) => !s.isEmpty)) {
      const selections = editor.selections.filter((s) => !s.isEmpty);
      const text = selections.map((s) => editor.document.getText(s)).join('\n');
      const explanation = explainText(text, { origin: `the selection in ${nameOf(editor.document.uri)}`, ...(selections.length === 1 ? { firstLine: selections[0]!.start.line } : {}) });
      if (explanation.errors.length > 0) return show(explanation);
      nothingFound('the selection');
      return undefined;
    }
    if (editor) {
      const { first, last } = lineBlock(documentLines(editor.document), editor.selection.active.line);
      const range = new vscode.Range(first, 0, last, editor.document.lineAt(last).text.length);
      const explanation = explainText(editor.document.getText(range), { origin: `${nameOf(editor.document.uri)}, lines ${first + 1}–${last + 1}`, firstLine: first });
      if (explanation.errors.length > 0) return show(explanation);
    }
    const terminal = await explainTerminal();
    return terminal.selected ? terminal.uri : offerClipboard();
  };

  const cellOutputs = (cell: vscode.NotebookCell): string => {
    const decoder = new TextDecoder();
    const items: OutputItem[] = cell.outputs.flatMap((output) => output.items.map((item) => ({ mime: item.mime, text: decoder.decode(item.data) })));
    return outputText(items);
  };

  const explainNotebook = async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const notebookEditor = vscode.window.activeNotebookEditor;
    let parts: { cell: number; text: string }[];
    let name: string;
    if (arg && typeof arg === 'object' && 'outputs' in arg && 'notebook' in arg) {
      const cell = arg as vscode.NotebookCell;
      parts = [{ cell: cell.index, text: cellOutputs(cell) }];
      name = nameOf(cell.notebook.uri);
    } else if (notebookEditor) {
      const notebook = notebookEditor.notebook;
      const selected = notebookEditor.selections.flatMap((range) => notebook.getCells(range)).filter((cell) => cell.outputs.length > 0);
      const cells = selected.length > 0 ? selected : notebook.getCells();
      parts = cells.map((cell) => ({ cell: cell.index, text: cellOutputs(cell) }));
      name = nameOf(notebook.uri);
    } else if (vscode.window.activeTextEditor && /\.ipynb$/i.test(vscode.window.activeTextEditor.document.uri.path)) {
      // A notebook opened as its JSON text: its saved outputs.
      const document = vscode.window.activeTextEditor.document;
      try {
        parts = ipynbOutputs(document.getText());
      } catch (error) {
        void vscode.window.showErrorMessage(`Gemini Doctor cannot read the outputs of ${nameOf(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      name = nameOf(document.uri);
    } else {
      void vscode.window.showInformationMessage('Open a notebook to explain the Gemini errors in its cells\u2019 outputs.');
      return undefined;
    }
    const withText = parts.filter((p) => p.text.trim() !== '');
    const label = withText.length === 1 ? `the output of cell ${withText[0]!.cell + 1} of ${name}` : `the cell outputs of ${name}`;
    const explanation = explainText(withText.map((p) => p.text).join('\n\n'), { origin: label });
    if (explanation.errors.length === 0) {
      nothingFound(withText.length === 0 ? `${name} (no cell has output)` : label);
      return undefined;
    }
    return show(explanation);
  };

  return [
    vscode.commands.registerCommand(Commands.explainError, explainError),
    vscode.commands.registerCommand(Commands.explainTerminalSelection, async () => {
      const terminal = await explainTerminal();
      // Nothing selected in the terminal: the same offer as with nothing selected anywhere.
      return terminal.selected ? terminal.uri : offerClipboard();
    }),
    vscode.commands.registerCommand(Commands.explainNotebookOutput, explainNotebook),
  ];
}
