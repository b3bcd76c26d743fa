/**
 * The only module that imports @google/genai. esbuild bundles it on its own (dist/geminiApi.js) and
 * the extension and the CLI load it on first use (loadGeminiApi.ts), so activation never pays for the SDK.
 */
import type { GoogleGenAI as GoogleGenAIClient, Model } from '@google/genai' with { 'resolution-mode': 'import' };
import { modelId } from '../core/models/present';
import type { ModelInfo } from '../core/models/types';
import { parseEndpoint } from './endpoint';

export interface ApiConfig {
  readonly apiKey: string;
  readonly apiVersion: 'v1' | 'v1beta';
  /** An endpoint override (proxy); the Gemini API itself when absent. Never taken from the environment. */
  readonly baseUrl?: string;
  /** Bound of each request. */
  readonly timeoutMs: number;
  /** Bound of a whole listing, all pages (default: three times `timeoutMs`). */
  readonly deadlineMs?: number;
}

/** Pages of models.list read at most (the real API answers in one page of 1000). */
export const MAX_PAGES = 20;
/** The largest answer read, in bytes (a real models.list page is about 100 KB). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Redirects followed at most, all within the configured origin. */
const MAX_REDIRECTS = 5;

/** A refusal that protects the key or the process: the message says what happened and what to do. */
export class ListingRefused extends Error {
  override name = 'ListingRefused';
}

type Sdk = typeof import('@google/genai', { with: { 'resolution-mode': 'import' } });
type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Reads a body up to `maxBytes`; refuses a larger one without reading the rest. */
async function boundedBody(response: Response, maxBytes: number): Promise<Response> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = () => new ListingRefused(`The endpoint's answer is larger than ${maxBytes / (1024 * 1024)} MB, more than a model list can be; it was not read. Check the endpoint`);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  const headers = new Headers(response.headers);
  headers.delete('content-encoding'); // fetch has decoded it already
  headers.delete('content-length');
  return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A fetch that sends requests to `origin` only: redirects are followed by hand within that origin and
 * refused to any other (another host, port or scheme, https to http included), so the
 * `x-goog-api-key` header never leaves it; answers over `maxBytes` are refused.
 */
export function guardedFetch(origin: string, maxBytes = MAX_RESPONSE_BYTES): Fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    let url = new URL(request ? request.url : input.toString());
    let options: RequestInit = request ? { method: request.method, headers: request.headers, body: await request.text(), ...init } : { ...init };
    for (let hop = 0; ; hop++) {
      if (url.origin !== origin) {
        // An origin has no user name, password, path or query: safe to show.
        const where = hop === 0 ? `A request to ${url.origin}` : `The endpoint ${origin} redirected to ${url.origin}`;
        throw new ListingRefused(`${where}, not the configured endpoint ${origin}: refused, the API key was not sent there. If that origin is right, set it as the endpoint`);
      }
      const response = await fetch(url, { ...options, redirect: 'manual' });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) return boundedBody(response, maxBytes);
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new ListingRefused(`The endpoint ${origin} redirected more than ${MAX_REDIRECTS} times; stopped`);
      url = new URL(location, url);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && options.method === 'POST')) {
        options = { ...options, method: 'GET', body: null };
      }
    }
  };
}

function client(config: ApiConfig): GoogleGenAIClient {
  // The package is ESM-first but ships a CommonJS build for Node, which `require` picks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GoogleGenAI } = require('@google/genai') as Sdk;
  const endpoint = parseEndpoint(config.baseUrl);
  return new GoogleGenAI({
    apiKey: config.apiKey,
    vertexai: false, // never let GOOGLE_GENAI_USE_VERTEXAI from the environment redirect the key
    apiVersion: config.apiVersion,
    // An explicit base URL always: without one the SDK would take GOOGLE_GEMINI_BASE_URL from the environment.
    httpOptions: { baseUrl: endpoint.url, timeout: config.timeoutMs, fetch: guardedFetch(endpoint.origin) },
  });
}

export function toModelInfo(model: Model): ModelInfo {
  return {
    id: modelId(model.name ?? ''),
    ...(model.displayName ? { displayName: model.displayName } : {}),
    ...(model.description ? { description: model.description } : {}),
    ...(model.version ? { version: model.version } : {}),
    ...(model.inputTokenLimit !== undefined ? { inputTokenLimit: model.inputTokenLimit } : {}),
    ...(model.outputTokenLimit !== undefined ? { outputTokenLimit: model.outputTokenLimit } : {}),
    supportedActions: model.supportedActions ?? [],
    ...(model.temperature !== undefined ? { temperature: model.temperature } : {}),
    ...(model.maxTemperature !== undefined ? { maxTemperature: model.maxTemperature } : {}),
    ...(model.topP !== undefined ? { topP: model.topP } : {}),
    ...(model.topK !== undefined ? { topK: model.topK } : {}),
    ...(model.thinking !== undefined ? { thinking: model.thinking } : {}),
  };
}

/**
 * Every model the key can use, all pages: at most MAX_PAGES, stopping at a page token seen before,
 * within the deadline. Throws the SDK's error (ApiError, fetch failure) as is, ListingRefused for
 * what the guards refuse.
 */
export async function listModels(config: ApiConfig, options: { pageSize?: number; firstPageOnly?: boolean } = {}): Promise<ModelInfo[]> {
  const deadlineMs = config.deadlineMs ?? config.timeoutMs * 3;
  const deadline = Date.now() + deadlineMs;
  const pager = await client(config).models.list({ config: { pageSize: options.pageSize ?? 1000 } });
  if (options.firstPageOnly) return pager.page.map(toModelInfo);
  const models = new Map<string, ModelInfo>();
  const seen = new Set<string>();
  for (let pages = 1; ; pages++) {
    for (const model of pager.page) {
      const info = toModelInfo(model);
      if (info.id !== '' && !models.has(info.id)) models.set(info.id, info);
    }
    const token = pager.params.config?.pageToken;
    if (!pager.hasNextPage() || token === undefined || seen.has(token)) break; // a repeated token would loop forever
    seen.add(token);
    if (pages >= MAX_PAGES) throw new ListingRefused(`The endpoint answered more than ${MAX_PAGES} pages of models; stopped (the Gemini API answers in one)`);
    if (Date.now() > deadline) throw new ListingRefused(`Listing the models took longer than ${deadlineMs / 1000} s (${pages} pages read); stopped`);
    await pager.nextPage();
  }
  return [...models.values()];
}
