import * as vscode from 'vscode';
import { StorageKeys } from '../constants';
import { environmentKey } from './modelSource';

export interface ResolvedKey {
  readonly key: string;
  /** Where it came from, for messages: never the key itself. */
  readonly origin: 'secret storage' | 'GOOGLE_API_KEY' | 'GEMINI_API_KEY';
}

/** The API key: VS Code's SecretStorage first, then the environment as the SDKs read it. */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly env: Record<string, string | undefined> = process.env) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === StorageKeys.apiKey) this.changed.fire();
    });
  }

  async resolve(): Promise<ResolvedKey | undefined> {
    const stored = await this.secrets.get(StorageKeys.apiKey);
    if (stored) return { key: stored, origin: 'secret storage' };
    const fromEnv = environmentKey(this.env);
    return fromEnv ? { key: fromEnv.key, origin: fromEnv.variable as ResolvedKey['origin'] } : undefined;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(StorageKeys.apiKey, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(StorageKeys.apiKey);
  }

  environmentVariable(): string | undefined {
    return environmentKey(this.env)?.variable;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
