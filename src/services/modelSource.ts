/**
 * Where the model list comes from: the API (live) when a key is set, else the cache of an earlier
 * call, else the bundled snapshot. Knows nothing of VS Code: the cache, the key and the settings come
 * in as functions, so the extension and the tests supply their own.
 */
import { explainListError, noKeyError, type ListError } from '../core/models/listError';
import { snapshotModels } from '../core/models/snapshot';
import type { ModelInfo, ModelSourceKind } from '../core/models/types';
import { failureFacts, redactKey } from './failure';
import type { ApiConfig } from './geminiApi';

export interface ApiSettings {
  readonly apiVersion: 'v1' | 'v1beta';
  readonly baseUrl?: string;
  /** How long a listing is served from the cache without asking the API; 0 asks every time. */
  readonly cacheMinutes: number;
  readonly timeoutMs: number;
}

export interface CachedList {
  readonly fetchedAt: number;
  readonly apiVersion: string;
  readonly baseUrl: string;
  readonly models: readonly ModelInfo[];
}

export interface ModelCache {
  get(): CachedList | undefined;
  set(value: CachedList | undefined): PromiseLike<void>;
}

export interface ModelList {
  readonly models: readonly ModelInfo[];
  readonly source: ModelSourceKind;
  /** When the models were fetched (live or cache). */
  readonly fetchedAt?: number;
  /** Why the API was not the source, when it was asked and failed, or could not be asked. */
  readonly error?: ListError;
}

export interface ModelSourceDeps {
  readonly cache: ModelCache;
  readonly apiKey: () => Promise<string | undefined>;
  readonly settings: () => ApiSettings;
  readonly listModels: (config: ApiConfig, options?: { pageSize?: number; firstPageOnly?: boolean }) => Promise<ModelInfo[]>;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

export class ModelSource {
  constructor(private readonly deps: ModelSourceDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private usable(settings: ApiSettings): CachedList | undefined {
    const cached = this.deps.cache.get();
    return cached && cached.apiVersion === settings.apiVersion && cached.baseUrl === (settings.baseUrl ?? '') ? cached : undefined;
  }

  private fallback(settings: ApiSettings, error: ListError): ModelList {
    const cached = this.usable(settings);
    return cached ? { models: cached.models, source: 'cache', fetchedAt: cached.fetchedAt, error } : { models: snapshotModels, source: 'snapshot', error };
  }

  /** What can be shown at once, without the network: the cache of any age, else the snapshot. */
  peek(): ModelList {
    const cached = this.usable(this.deps.settings());
    return cached ? { models: cached.models, source: 'cache', fetchedAt: cached.fetchedAt } : { models: snapshotModels, source: 'snapshot' };
  }

  /** The models, from the fastest source that is fresh enough; `refresh` skips the cache. Never rejects. */
  async load(refresh = false): Promise<ModelList> {
    const settings = this.deps.settings();
    const key = await this.deps.apiKey();
    if (!key) return this.fallback(settings, noKeyError());
    const cached = this.usable(settings);
    if (!refresh && cached && this.now() - cached.fetchedAt < settings.cacheMinutes * 60_000) {
      return { models: cached.models, source: 'cache', fetchedAt: cached.fetchedAt };
    }
    try {
      const models = await this.deps.listModels(this.config(key, settings));
      const fetchedAt = this.now();
      await this.deps.cache.set({ fetchedAt, apiVersion: settings.apiVersion, baseUrl: settings.baseUrl ?? '', models });
      this.deps.log?.(`listed ${models.length} models (${settings.apiVersion}${settings.baseUrl ? `, endpoint ${settings.baseUrl}` : ''})`);
      return { models, source: 'live', fetchedAt };
    } catch (error) {
      const facts = failureFacts(error);
      const explained = explainListError({ ...facts, message: redactKey(facts.message, key) });
      this.deps.log?.(`listing models failed: ${explained.title}`);
      return this.fallback(settings, explained);
    }
  }

  /** Checks a key with one real models.list call; resolves to why it is not usable, or undefined when it is. */
  async checkKey(key: string): Promise<ListError | undefined> {
    try {
      await this.deps.listModels(this.config(key, this.deps.settings()), { pageSize: 1, firstPageOnly: true });
      return undefined;
    } catch (error) {
      const facts = failureFacts(error);
      return explainListError({ ...facts, message: redactKey(facts.message, key) });
    }
  }

  private config(apiKey: string, settings: ApiSettings): ApiConfig {
    return { apiKey, apiVersion: settings.apiVersion, ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}), timeoutMs: settings.timeoutMs };
  }
}

/** The key the SDKs would use from the environment: GOOGLE_API_KEY wins over GEMINI_API_KEY. */
export function environmentKey(env: Record<string, string | undefined>): { key: string; variable: string } | undefined {
  for (const variable of ['GOOGLE_API_KEY', 'GEMINI_API_KEY']) {
    const key = env[variable]?.trim();
    if (key) return { key, variable };
  }
  return undefined;
}
