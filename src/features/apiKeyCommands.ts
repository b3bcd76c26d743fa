import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ApiKeyStore } from '../services/apiKeyStore';
import type { ModelSource } from '../services/modelSource';

export interface ApiKeyCommandsDeps {
  readonly keys: ApiKeyStore;
  readonly source: ModelSource;
  readonly log: vscode.LogOutputChannel;
}

/** "Gemini: Set API Key" (checked with the API before it is stored) and "Gemini: Clear API Key". */
export function registerApiKeyCommands(deps: ApiKeyCommandsDeps): vscode.Disposable[] {
  const setKey = async (): Promise<void> => {
    const entered = await vscode.window.showInputBox({
      title: 'Gemini API Key',
      prompt: 'Paste a Gemini API key (Google AI Studio → Get API key). It is checked with the Gemini API, then kept in VS Code\'s secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape to cancel.' : /\s/.test(value.trim()) ? 'An API key has no spaces.' : undefined),
    });
    const key = entered?.trim();
    if (!key) return;
    const problem = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking the API key with the Gemini API…' },
      () => deps.source.checkKey(key),
    );
    if (!problem) {
      await deps.keys.store(key);
      deps.log.info('API key checked and saved in secret storage');
      void vscode.window.showInformationMessage('Gemini API key checked and saved in VS Code\'s secret storage.');
      return;
    }
    deps.log.warn(`API key not saved: ${problem.title}`);
    if (problem.id === 'network' || problem.id === 'timeout' || problem.id === 'malformed-response') {
      const choice = await vscode.window.showWarningMessage(`The key could not be checked: ${problem.title}. ${problem.detail}`, { modal: true }, 'Save Without Checking');
      if (choice === 'Save Without Checking') {
        await deps.keys.store(key);
        deps.log.info('API key saved in secret storage without a check');
      }
      return;
    }
    const choice = await vscode.window.showErrorMessage(`The key was not saved. ${problem.title}: ${problem.detail}`, 'Try Another Key');
    if (choice === 'Try Another Key') await setKey();
  };

  const clearKey = async (): Promise<void> => {
    const resolved = await deps.keys.resolve();
    const variable = deps.keys.environmentVariable();
    const fallback = variable ? ` Gemini Doctor now uses ${variable} from the environment.` : '';
    if (resolved?.origin !== 'secret storage') {
      void vscode.window.showInformationMessage(`No API key is stored in VS Code.${fallback}`);
      return;
    }
    await deps.keys.clear();
    deps.log.info('API key removed from secret storage');
    void vscode.window.showInformationMessage(`Gemini API key removed from VS Code's secret storage.${fallback}`);
  };

  return [vscode.commands.registerCommand(Commands.setApiKey, setKey), vscode.commands.registerCommand(Commands.clearApiKey, clearKey)];
}
