import * as vscode from 'vscode';
import { successorFor } from '../core/calls/modelRules';
import type { ListError } from '../core/models/listError';
import { isDocUrl, plain } from '../core/errors/markdown';
import { describeLifecycle, escapeMarkdown, lifecycleBadge, modelCard, modelCardMarkdown, type ModelCatalog } from '../core/models/modelCard';
import { describeLimits, filterModels, groupModels, modelDocsUrl, modelKind, modelTooltip, shortLimits, type ModelGroup } from '../core/models/present';
import { SNAPSHOT_DATE } from '../core/models/snapshot';
import type { ModelInfo } from '../core/models/types';
import { Commands, ContextKeys, Settings, Views } from '../constants';
import type { ModelList, ModelSource } from '../services/modelSource';
import type { ModelInventory, ModelPlace, ModelUse } from './modelInventory';

type Node =
  | { readonly kind: 'group'; readonly group: ModelGroup }
  | { readonly kind: 'model'; readonly model: ModelInfo }
  | { readonly kind: 'inventory' }
  | { readonly kind: 'use'; readonly use: ModelUse }
  | { readonly kind: 'place'; readonly place: ModelPlace }
  | { readonly kind: 'problem'; readonly error: ListError }
  | { readonly kind: 'no-match'; readonly filter: string };

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "live (generativelanguage.googleapis.com)", "cached at 14:05", "offline snapshot (2026-11-27)". */
export function sourceLabel(list: Pick<ModelList, 'source' | 'fetchedAt' | 'endpoint'>): string {
  if (list.source === 'live') return list.endpoint ? `live (${list.endpoint})` : 'live';
  if (list.source === 'cache') return `cached at ${time(list.fetchedAt ?? 0)}`;
  return `offline snapshot (${SNAPSHOT_DATE})`;
}

/** Today as YYYY-MM-DD, for the days left before a shutdown. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The models a list holds, as the core's catalog. */
export function catalogOf(list: ModelList): ModelCatalog {
  return { source: list.source, label: sourceLabel(list), models: list.models, today: today() };
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

const INVENTORY_TITLE = 'Used in this workspace';

class ModelsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  list: ModelList | undefined;
  filter = '';

  constructor(private readonly inventory: ModelInventory) {}

  private catalog(): ModelCatalog {
    return catalogOf(this.list ?? { models: [], source: 'snapshot' });
  }

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
        const card = modelCard(model.id, this.catalog());
        const badge = lifecycleBadge(card.lifecycle);
        // Short limits stay readable beside the name in a narrow sidebar; the tooltip has the exact numbers.
        item.description = [shortLimits(model), badge].filter(Boolean).join(' · ');
        item.iconPath = card.deprecated ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : icon(model);
        item.contextValue = 'model';
        const lifecycle = card.lifecycle ? `\n\n**Lifecycle:** ${escapeMarkdown(describeLifecycle(card.lifecycle, today()))} ([source](${card.lifecycle.source.url}), read ${card.lifecycle.source.read})` : '';
        item.tooltip = new vscode.MarkdownString(`${modelTooltip(model, this.list ? `Source: ${sourceLabel(this.list)}` : '')}${lifecycle}`);
        item.accessibilityInformation = { label: `${model.displayName ?? model.id}, ${describeLimits(model).replace('·', ',')} tokens${badge ? `, ${badge}` : ''}` };
        return item;
      }
      case 'inventory': {
        const item = new vscode.TreeItem(INVENTORY_TITLE, vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'inventory';
        item.iconPath = new vscode.ThemeIcon('search');
        const uses = this.inventory.uses();
        item.description = this.inventory.state === 'building' ? `scanning… ${this.inventory.scanned} files` : this.inventory.state === 'failed' ? 'could not scan (see Output)' : `${uses.length} model${uses.length === 1 ? '' : 's'}`;
        item.tooltip = 'Gemini model ids found in the workspace\'s files (files.exclude, search.exclude and .gitignore respected); updated on save.';
        return item;
      }
      case 'use': {
        const { use } = node;
        const card = modelCard(use.id, this.catalog());
        const status = card.availableToKey === false ? 'not available to your key' : lifecycleBadge(card.lifecycle) ?? (card.info ? undefined : this.list?.source === 'snapshot' ? 'not in the snapshot' : undefined);
        const item = new vscode.TreeItem(use.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `use:${use.id}`;
        item.description = [`${use.places.length} place${use.places.length === 1 ? '' : 's'}`, status].filter(Boolean).join(' · ');
        const bad = card.deprecated || card.availableToKey === false;
        item.iconPath = bad ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('symbol-constant');
        const catalog = this.catalog();
        item.tooltip = new vscode.MarkdownString(modelCardMarkdown(card, catalog, card.deprecated ? successorFor(card.id, catalog) : undefined));
        item.contextValue = 'modelUse';
        return item;
      }
      case 'place': {
        const { place } = node;
        const item = new vscode.TreeItem(`${vscode.workspace.asRelativePath(place.uri)}:${place.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.description = place.text;
        item.resourceUri = place.uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.command = { title: 'Open', command: 'vscode.open', arguments: [place.uri, { selection: place.range } satisfies vscode.TextDocumentShowOptions] };
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
    if (node?.kind === 'inventory') return this.inventory.uses().map((use) => ({ kind: 'use', use }));
    if (node?.kind === 'use') return node.use.places.map((place) => ({ kind: 'place', place }));
    if (node || !this.list) return [];
    const roots: Node[] = this.list.error ? [{ kind: 'problem', error: this.list.error }] : [];
    const inventory: Node[] = vscode.workspace.workspaceFolders?.length ? [{ kind: 'inventory' }] : [];
    const shown = filterModels(this.list.models, this.filter);
    if (shown.length === 0 && this.filter) return [...roots, { kind: 'no-match', filter: this.filter }, ...inventory];
    return [...roots, ...groupModels(shown).map((group): Node => ({ kind: 'group', group })), ...inventory];
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
  readonly inventory: ModelInventory;
}

/** The Models view: a sidebar tree of the Gemini models with their limits, and its commands. */
export function registerModelsView(deps: ModelsViewDeps): { disposables: vscode.Disposable[]; refresh: () => Promise<void>; current: () => ModelList | undefined } {
  const tree = new ModelsTree(deps.inventory);
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
    if (deps.inventory.state === 'idle') void deps.inventory.build();
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
    deps.inventory.onDidChange(() => tree.update()),
    view.onDidChangeVisibility((event) => {
      if (event.visible) ensureLoaded();
    }),
    vscode.commands.registerCommand(Commands.refreshModels, async () => {
      // Refresh asks the API again and reads the workspace again (the inventory also follows saves).
      if (deps.inventory.state !== 'idle') void deps.inventory.build(true);
      await load(true);
    }),
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
