/**
 * Where the model list comes from: the API (live) when a key is set, else the cache of an earlier
 * call, else the bundled snapshot. Knows nothing of VS Code: the cache, the key and the settings come
 * in as functions, so the extension and the tests supply their own.
 */
import { explainListError, noKeyError, type ListError } from '../core/models/listError';
import { snapshotModels } from '../core/models/snapshot';
import type { ModelInfo, ModelSourceKind } from '../core/models/types';
import { EndpointError, ignoredEndpointVariables, parseEndpoint, type Endpoint } from './endpoint';
import { failureFacts, redactKey } from './failure';
import type { ApiConfig } from './geminiApi';

export interface ApiSettings {
  readonly apiVersion: 'v1' | 'v1beta';
  readonly baseUrl?: string;
  /** How long a listing is served from the cache without asking the API; 0 asks every time. */
  readonly cacheMinutes: number;
  readonly timeoutMs: number;
  /** What the user should know about these settings (an endpoint setting ignored), logged once. */
  readonly notes?: readonly string[];
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
  /** The endpoint the models came from (live, cache): its host and path, for labels. */
  readonly endpoint?: string;
}

export interface ModelSourceDeps {
  readonly cache: ModelCache;
  readonly apiKey: () => Promise<string | undefined>;
  readonly settings: () => ApiSettings;
  readonly listModels: (config: ApiConfig, options?: { pageSize?: number; firstPageOnly?: boolean }) => Promise<ModelInfo[]>;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
  /** The environment, for the endpoint variables the SDK would read and Gemini Doctor ignores. */
  readonly env?: Record<string, string | undefined>;
}

/** Bounds of what the cache (VS Code's globalState) keeps: models, characters per text field, serialized size. */
export const CACHE_LIMITS = { models: 2000, text: 2000, actions: 32, bytes: 2 * 1024 * 1024 } as const;

/** The models as the cache may keep them: at most CACHE_LIMITS, or undefined when they do not fit. */
export function cacheable(models: readonly ModelInfo[]): ModelInfo[] | undefined {
  const cut = (text: string) => text.slice(0, CACHE_LIMITS.text);
  const kept = models.slice(0, CACHE_LIMITS.models).map((model): ModelInfo => {
    const { displayName, description, version } = model;
    return {
      ...model,
      id: model.id.slice(0, 200),
      ...(displayName !== undefined ? { displayName: cut(displayName) } : {}),
      ...(description !== undefined ? { description: cut(description) } : {}),
      ...(version !== undefined ? { version: version.slice(0, 200) } : {}),
      supportedActions: model.supportedActions.slice(0, CACHE_LIMITS.actions).map((action) => action.slice(0, 200)),
    };
  });
  return JSON.stringify(kept).length <= CACHE_LIMITS.bytes ? kept : undefined;
}

export class ModelSource {
  private readonly said = new Set<string>();

  constructor(private readonly deps: ModelSourceDeps) {}

  /** Logs each note once per session. */
  private note(message: string): void {
    if (this.said.has(message)) return;
    this.said.add(message);
    this.deps.log?.(message);
  }

  /** The endpoint of these settings, checked; notes what is ignored or unsafe. */
  private endpoint(settings: ApiSettings): Endpoint {
    for (const note of [...ignoredEndpointVariables(this.deps.env ?? {}), ...(settings.notes ?? [])]) this.note(note);
    const endpoint = parseEndpoint(settings.baseUrl, 'the endpoint setting');
    if (endpoint.warning) this.note(endpoint.warning);
    return endpoint;
  }

  private endpointError(error: unknown): ListError | undefined {
    if (!(error instanceof EndpointError)) return undefined;
    return { id: 'endpoint-invalid', title: 'The endpoint setting cannot be used', detail: `${error.message}. The API key was not sent.`, action: 'openSettings' };
  }

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
    let endpoint: Endpoint;
    try {
      endpoint = this.endpoint(settings);
    } catch (error) {
      return this.fallback(settings, this.endpointError(error)!);
    }
    const cached = this.usable(settings);
    if (!refresh && cached && this.now() - cached.fetchedAt < settings.cacheMinutes * 60_000) {
      return { models: cached.models, source: 'cache', fetchedAt: cached.fetchedAt, endpoint: endpoint.label };
    }
    try {
      const models = await this.deps.listModels(this.config(key, settings, endpoint));
      const fetchedAt = this.now();
      const kept = cacheable(models);
      if (kept) await this.deps.cache.set({ fetchedAt, apiVersion: settings.apiVersion, baseUrl: settings.baseUrl ?? '', models: kept });
      else this.deps.log?.(`the model list is too large to cache (${models.length} models)`);
      this.deps.log?.(`listed ${models.length} models (${settings.apiVersion}, ${endpoint.label})`);
      return { models, source: 'live', fetchedAt, endpoint: endpoint.label };
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
      const settings = this.deps.settings();
      await this.deps.listModels(this.config(key, settings, this.endpoint(settings)), { pageSize: 1, firstPageOnly: true });
      return undefined;
    } catch (error) {
      const invalid = this.endpointError(error);
      if (invalid) return invalid;
      const facts = failureFacts(error);
      return explainListError({ ...facts, message: redactKey(facts.message, key) });
    }
  }

  private config(apiKey: string, settings: ApiSettings, endpoint: Endpoint): ApiConfig {
    return { apiKey, apiVersion: settings.apiVersion, baseUrl: endpoint.url, timeoutMs: settings.timeoutMs };
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
