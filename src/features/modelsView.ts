import * as vscode from 'vscode';
import type { ListError } from '../core/models/listError';
import { isDocUrl, plain } from '../core/errors/markdown';
import { describeLimits, filterModels, groupModels, modelDocsUrl, modelKind, modelTooltip, shortLimits, type ModelGroup } from '../core/models/present';
import { SNAPSHOT_DATE } from '../core/models/snapshot';
import type { ModelInfo } from '../core/models/types';
import { Commands, ContextKeys, Settings, Views } from '../constants';
import type { ModelList, ModelSource } from '../services/modelSource';

type Node =
  | { readonly kind: 'group'; readonly group: ModelGroup }
  | { readonly kind: 'model'; readonly model: ModelInfo }
  | { readonly kind: 'problem'; readonly error: ListError }
  | { readonly kind: 'no-match'; readonly filter: string };

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "live (generativelanguage.googleapis.com)", "cached at 14:05", "offline snapshot (2026-11-27)". */
export function sourceLabel(list: Pick<ModelList, 'source' | 'fetchedAt' | 'endpoint'>): string {
  if (list.source === 'live') return list.endpoint ? `live (${list.endpoint})` : 'live';
  if (list.source === 'cache') return `cached at ${time(list.fetchedAt ?? 0)}`;
  return `offline snapshot (${SNAPSHOT_DATE})`;
}

function icon(model: ModelInfo): vscode.ThemeIcon {
  switch (modelKind(model)) {
    case 'generation':
      return new vscode.ThemeIcon(model.thinking ? 'lightbulb-sparkle' : 'sparkle');
    case 'embedding':
      return new vscode.ThemeIcon('symbol-array');
    case 'media':
      return new vscode.ThemeIcon('file-media');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

function problemCommand(error: ListError): vscode.Command {
  switch (error.action) {
    case 'setKey':
      return { title: 'Set API Key', command: Commands.setApiKey };
    case 'openSettings':
      return { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: [Settings.endpoint] };
    default:
      return { title: 'Refresh', command: Commands.refreshModels };
  }
}

const actionHint: Record<ListError['action'], string> = { setKey: 'Click to set an API key.', retry: 'Click to try again.', openSettings: 'Click to open the endpoint setting.' };

class ModelsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  list: ModelList | undefined;
  filter = '';

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.group.title, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.group.id}`;
        item.description = String(node.group.models.length);
        return item;
      }
      case 'model': {
        const { model } = node;
        const item = new vscode.TreeItem(model.displayName ?? model.id, vscode.TreeItemCollapsibleState.None);
        item.id = `model:${model.id}`;
        // Short limits stay readable beside the name in a narrow sidebar; the tooltip has the exact numbers.
        item.description = shortLimits(model);
        item.iconPath = icon(model);
        item.contextValue = 'model';
        item.tooltip = new vscode.MarkdownString(modelTooltip(model, this.list ? `Source: ${sourceLabel(this.list)}` : ''));
        item.accessibilityInformation = { label: `${model.displayName ?? model.id}, ${describeLimits(model).replace('·', ',')} tokens` };
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.error.title, vscode.TreeItemCollapsibleState.None);
        item.id = 'problem';
        item.iconPath = new vscode.ThemeIcon(node.error.action === 'setKey' ? 'key' : 'warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.description = node.error.retryDelay ? `retry after ${node.error.retryDelay}` : actionHint[node.error.action];
        // The detail may quote the server's answer: escaped, and only a documentation link.
        item.tooltip = new vscode.MarkdownString(`**${plain(node.error.title)}**\n\n${plain(node.error.detail, 600)}\n\n${actionHint[node.error.action]}${node.error.docsUrl && isDocUrl(node.error.docsUrl) ? ` [Documentation](${node.error.docsUrl})` : ''}`);
        item.command = problemCommand(node.error);
        return item;
      }
      case 'no-match': {
        const item = new vscode.TreeItem(`No model matches "${node.filter}"`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('filter');
        item.description = 'Click to clear the filter';
        item.command = { title: 'Clear Filter', command: Commands.clearModelFilter };
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'group') return node.group.models.map((model) => ({ kind: 'model', model }));
    if (node || !this.list) return [];
    const roots: Node[] = this.list.error ? [{ kind: 'problem', error: this.list.error }] : [];
    const shown = filterModels(this.list.models, this.filter);
    if (shown.length === 0 && this.filter) return [...roots, { kind: 'no-match', filter: this.filter }];
    return [...roots, ...groupModels(shown).map((group): Node => ({ kind: 'group', group }))];
  }

  update(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface ModelsViewDeps {
  readonly source: ModelSource;
  readonly log: vscode.LogOutputChannel;
}

/** The Models view: a sidebar tree of the Gemini models with their limits, and its commands. */
export function registerModelsView(deps: ModelsViewDeps): { disposables: vscode.Disposable[]; refresh: () => Promise<void>; current: () => ModelList | undefined } {
  const tree = new ModelsTree();
  const view = vscode.window.createTreeView(Views.models, { treeDataProvider: tree, showCollapseAll: true });
  let loading: Promise<void> | undefined;

  // The source shows as the view's message: a view's description is hidden when it is alone in its container.
  const describe = () => {
    if (!tree.list) return;
    const text = `Source: ${sourceLabel(tree.list)}${tree.filter ? ` · filter: ${tree.filter}` : ''}`;
    view.message = text;
    view.description = undefined;
  };
  const load = async (refresh: boolean): Promise<void> => {
    const run = (async () => {
      await vscode.window.withProgress({ location: { viewId: Views.models } }, async () => {
        tree.list = await deps.source.load(refresh);
        describe();
        tree.update();
      });
    })();
    loading = run.catch((error: unknown) => deps.log.error(`Models view: ${error instanceof Error ? error.message : String(error)}`));
    await loading;
  };
  const ensureLoaded = () => {
    if (!tree.list && !loading) {
      // Paint what is at hand at once, then ask the API in the background.
      tree.list = deps.source.peek();
      describe();
      tree.update();
      void load(false);
    }
  };
  if (view.visible) ensureLoaded();

  const modelOf = (node: unknown): ModelInfo | undefined => ((node as Node | undefined)?.kind === 'model' ? (node as { model: ModelInfo }).model : undefined);
  const setFilter = async (filter: string) => {
    tree.filter = filter.trim();
    await vscode.commands.executeCommand('setContext', ContextKeys.modelsFiltered, tree.filter !== '');
    describe();
    tree.update();
  };

  const disposables: vscode.Disposable[] = [
    tree,
    view,
    view.onDidChangeVisibility((event) => {
      if (event.visible) ensureLoaded();
    }),
    vscode.commands.registerCommand(Commands.refreshModels, () => load(true)),
    vscode.commands.registerCommand(Commands.filterModels, async () => {
      const filter = await vscode.window.showInputBox({ title: 'Filter Gemini models', prompt: 'Words the model id, name or description must contain, e.g. "flash lite"', value: tree.filter });
      if (filter !== undefined) await setFilter(filter);
    }),
    vscode.commands.registerCommand(Commands.clearModelFilter, () => setFilter('')),
    vscode.commands.registerCommand(Commands.copyModelId, async (node?: unknown) => {
      const model = modelOf(node);
      if (!model) return;
      await vscode.env.clipboard.writeText(model.id);
      vscode.window.setStatusBarMessage(`$(check) Copied ${model.id} to the clipboard`, 3000);
    }),
    vscode.commands.registerCommand(Commands.insertModelId, async (node?: unknown) => {
      const model = modelOf(node);
      const editor = vscode.window.activeTextEditor;
      if (!model) return;
      if (!editor) {
        void vscode.window.showInformationMessage(`Open an editor to insert ${model.id} at the cursor.`);
        return;
      }
      await editor.edit((edit) => editor.selections.forEach((selection) => edit.replace(selection, model.id)));
    }),
    vscode.commands.registerCommand(Commands.openModelDocs, async (node?: unknown) => {
      const model = modelOf(node);
      if (model) await vscode.env.openExternal(vscode.Uri.parse(modelDocsUrl(model)));
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (tree.list && (event.affectsConfiguration(Settings.apiVersion) || event.affectsConfiguration(Settings.endpoint))) void load(false);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (tree.list) void load(false); // the endpoint setting applies from now on
    }),
  ];
  return { disposables, refresh: () => load(true), current: () => tree.list };
}
