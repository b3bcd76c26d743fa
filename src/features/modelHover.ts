import * as vscode from 'vscode';
import { successorFor } from '../core/calls/modelRules';
import { modelCard, modelCardMarkdown, modelCompletions, type ModelCatalog } from '../core/models/modelCard';
import { mentionsGemini, modelIdAt, modelStringStart } from '../core/models/modelText';
import { Settings } from '../constants';

export interface ModelHoverDeps {
  /** The models at hand (the view's list when loaded, else the cache or the snapshot); never asks the network. */
  readonly catalog: () => ModelCatalog;
}

const enabled = () => vscode.workspace.getConfiguration().get<boolean>(Settings.modelHoverEnabled, true);

/** Hover on a Gemini model id in any file: limits, thinking, lifecycle with dates and source, where the facts came from. */
export function registerModelHover(deps: ModelHoverDeps): vscode.Disposable[] {
  const hover: vscode.HoverProvider = {
    provideHover(document, position) {
      if (!enabled()) return undefined;
      const line = document.lineAt(position.line).text;
      const mention = modelIdAt(line, position.character, position.line);
      if (!mention) return undefined;
      const catalog = deps.catalog();
      const card = modelCard(mention.id, catalog);
      const markdown = new vscode.MarkdownString(modelCardMarkdown(card, catalog, card.deprecated ? successorFor(card.id, catalog) : undefined));
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, new vscode.Range(position.line, mention.start, position.line, mention.end));
    },
  };

  const completion: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      if (!enabled()) return undefined;
      const line = document.lineAt(position.line).text;
      const start = modelStringStart(line.slice(0, position.character));
      // Only in a model string of a file that talks to Gemini: never in unrelated `model = "..."` code.
      if (start === undefined || !mentionsGemini(document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 2000), 0)))) return undefined;
      const end = /^[\w.-]*/.exec(line.slice(position.character))?.[0].length ?? 0;
      const range = new vscode.Range(position.line, start, position.line, position.character + end);
      const catalog = deps.catalog();
      return modelCompletions(catalog).map((model) => {
        const item = new vscode.CompletionItem({ label: model.id, description: model.detail }, vscode.CompletionItemKind.Value);
        item.range = range;
        item.filterText = model.id;
        item.insertText = model.id;
        item.detail = model.detail;
        item.sortText = model.sortText;
        if (model.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
        const card = modelCard(model.id, catalog);
        const docs = new vscode.MarkdownString(modelCardMarkdown(card, catalog, card.deprecated ? successorFor(card.id, catalog) : undefined));
        docs.isTrusted = false;
        item.documentation = docs;
        return item;
      });
    },
  };

  return [
    vscode.languages.registerHoverProvider('*', hover),
    vscode.languages.registerCompletionItemProvider('*', completion, '"', "'", '`', '=', '/', '-', '.'),
  ];
}
