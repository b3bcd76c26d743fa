import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME, StorageKeys, Views } from './constants';
import { registerApiKeyCommands } from './features/apiKeyCommands';
import { registerErrorHover } from './features/errorHover';
import { registerExplainCommands } from './features/explainCommand';
import { ExplanationView } from './features/explanationView';
import { registerLogDiagnostics } from './features/logDiagnostics';
import { registerModelHover } from './features/modelHover';
import { ModelInventory } from './features/modelInventory';
import { catalogOf, registerModelsView } from './features/modelsView';
import { registerTerminalLinks, terminalLinkProvider, type GeminiTerminalLink } from './features/terminalLinks';
import { registerValidateCommand } from './features/validateCommand';
import { registerWalkthrough } from './features/walkthrough';
import { CallParser } from './services/parsers';
import { ApiKeyStore } from './services/apiKeyStore';
import { loadGeminiApi } from './services/loadGeminiApi';
import { ModelSource, type CachedList, type ModelList } from './services/modelSource';
import { apiSettings } from './services/settings';

/**
 * Builds what the features share once and registers them. Nothing here may do work that can wait
 * for first use: the SDK loads when models are first listed, model data when the view first shows.
 */
/** What the extension offers other extensions (and its own integration tests). */
export interface GeminiDoctorApi {
  /** The model list the Models view shows, once it has loaded: models, source, and why the API was not the source. */
  modelList(): ModelList | undefined;
  /** The links Gemini Doctor puts on terminal lines, and what activating one does. */
  readonly terminalLinks: vscode.TerminalLinkProvider<GeminiTerminalLink>;
  /** The Markdown of an explanation document (the last one shown when no URI is given). */
  explanationMarkdown(uri?: vscode.Uri): string | undefined;
  /** The model ids used in the workspace's files (builds the inventory if needed): id → places as `path:line`. */
  workspaceModels(): Promise<{ id: string; places: string[] }[]>;
}

export function activate(context: vscode.ExtensionContext): GeminiDoctorApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const source = new ModelSource({
    cache: {
      get: () => context.globalState.get<CachedList>(StorageKeys.modelsCache),
      set: (value) => context.globalState.update(StorageKeys.modelsCache, value),
    },
    apiKey: async () => (await keys.resolve())?.key,
    settings: apiSettings,
    listModels: (config, options) => loadGeminiApi().listModels(config, options),
    log: (message) => log.info(message),
    env: process.env,
  });
  const inventory = new ModelInventory(Views.models, log);
  const models = registerModelsView({ source, log, inventory });
  let parser: CallParser | undefined;
  const explanations = new ExplanationView();
  const terminalLinks = terminalLinkProvider(explanations);
  context.subscriptions.push(
    explanations,
    ...registerTerminalLinks(terminalLinks),
    ...registerExplainCommands({ view: explanations, log }),
    ...registerWalkthrough({ extensionUri: context.extensionUri, log }),
    log,
    keys,
    ...registerErrorHover(),
    ...registerLogDiagnostics(log),
    inventory,
    ...models.disposables,
    ...registerModelHover({ catalog: () => catalogOf(models.current() ?? source.peek()) }),
    ...registerApiKeyCommands({ keys, source, log }),
    ...registerValidateCommand({ source, parser: () => (parser ??= new CallParser()), log }),
    keys.onDidChange(() => void models.refresh()),
  );
  log.info(`Gemini Doctor ${String(context.extension.packageJSON.version)} activated in ${Date.now() - started} ms`);
  return {
    modelList: models.current,
    terminalLinks,
    explanationMarkdown: (uri) => explanations.markdownOf(uri),
    workspaceModels: async () => {
      await inventory.build();
      return inventory.uses().map((use) => ({ id: use.id, places: use.places.map((p) => `${vscode.workspace.asRelativePath(p.uri)}:${p.range.start.line + 1}`) }));
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
