/**
 * A fake Gemini API on 127.0.0.1 for tests: the REST paths and bodies the real API uses for models
 * (`GET /{version}/models`, `GET /{version}/models/{id}`, `POST /{version}/models/{id}:countTokens`),
 * the `x-goog-api-key` check, and the real error bodies for the faults a client must survive.
 * Not shipped. The real @google/genai client is pointed at it through `httpOptions.baseUrl`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'ok' | 'invalid-key' | 'leaked-key' | 'rate-limited' | 'internal' | 'unavailable' | 'slow' | 'malformed'
  // Hostile servers: a next page forever (new tokens, or the same one), an answer of `hugeBytes`,
  // an error that echoes the key (a prefix, URL-encoded, base64) and terminal escapes.
  | 'endless-pages' | 'repeated-page-token' | 'huge' | 'echo-key' | 'escapes';

export interface RestModel {
  name: string;
  version?: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
  temperature?: number;
  maxTemperature?: number;
  topP?: number;
  topK?: number;
  thinking?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Models as models.list returns them (shapes of a real response). */
export const realisticModels: RestModel[] = [
  { name: 'models/gemini-2.5-pro', version: '2.5', displayName: 'Gemini 2.5 Pro', description: 'Stable release (June 17th, 2025) of Gemini 2.5 Pro',
    inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true },
  { name: 'models/gemini-2.5-flash', version: '001', displayName: 'Gemini 2.5 Flash', description: 'Stable version of Gemini 2.5 Flash',
    inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true },
  { name: 'models/gemini-3.1-pro-preview', version: '3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', description: 'Gemini 3.1 Pro Preview',
    inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens'], temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true },
  { name: 'models/gemini-embedding-001', version: '001', displayName: 'Gemini Embedding 001', description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048, outputTokenLimit: 1, supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'] },
  { name: 'models/imagen-4.0-generate-001', version: '001', displayName: 'Imagen 4', description: 'Vertex served Imagen 4.0 model',
    inputTokenLimit: 480, outputTokenLimit: 8192, supportedGenerationMethods: ['predict'] },
];

/** `count` models: the realistic ones, then numbered test models (for paging). */
export function makeModels(count: number): RestModel[] {
  const models = realisticModels.slice(0, count);
  for (let i = models.length; i < count; i++) {
    models.push({ name: `models/gemini-test-${String(i).padStart(3, '0')}`, version: '001', displayName: `Gemini Test ${i}`, inputTokenLimit: 32768, outputTokenLimit: 8192,
      supportedGenerationMethods: ['generateContent', 'countTokens'], temperature: 1, topP: 0.95, topK: 40, maxTemperature: 2 });
  }
  return models;
}

const errorBodies: Record<Exclude<FakeMode, 'ok' | 'slow' | 'malformed' | 'endless-pages' | 'repeated-page-token' | 'huge' | 'echo-key' | 'escapes'>, [number, unknown]> = {
  'invalid-key': [400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' }] } }],
  'leaked-key': [403, { error: { code: 403, message: 'Your API key was reported as leaked. Please use another API key.', status: 'PERMISSION_DENIED' } }],
  'rate-limited': [429, { error: { code: 429, message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 15, model: gemini-2.5-flash\nPlease retry in 26.5s.', status: 'RESOURCE_EXHAUSTED', details: [
    { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' }, quotaValue: '15' }] },
    { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '26s' }] } }],
  internal: [500, { error: { code: 500, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', status: 'INTERNAL' } }],
  unavailable: [503, { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }],
};

export interface FakeGeminiOptions {
  /** The key requests must carry in `x-goog-api-key`; other keys get 400 API_KEY_INVALID. */
  apiKey?: string;
  models?: RestModel[];
  mode?: FakeMode;
  /** Delay of the `slow` mode. */
  slowMs?: number;
  /** The largest page it serves (the real API: 1000); smaller forces paging. */
  maxPageSize?: number;
  /** Where it listens: 127.0.0.1, or another loopback address to play a second origin. */
  host?: string;
}

export class FakeGemini {
  readonly requests: RecordedRequest[] = [];
  mode: FakeMode;
  models: RestModel[];
  apiKey: string;
  slowMs: number;
  maxPageSize: number;
  /** When set, every request is answered with `redirectStatus` to this origin (same path). */
  redirectTo: string | undefined;
  redirectStatus = 302;
  /** Size of the `huge` answer. */
  hugeBytes = 6 * 1024 * 1024;
  /** How long each page of `endless-pages` and `repeated-page-token` takes (ms). */
  pageDelayMs = 0;

  private constructor(private readonly server: Server, options: FakeGeminiOptions) {
    this.mode = options.mode ?? 'ok';
    this.models = options.models ?? realisticModels;
    this.apiKey = options.apiKey ?? 'test-key';
    this.slowMs = options.slowMs ?? 3000;
    this.maxPageSize = options.maxPageSize ?? 1000;
  }

  static async start(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
    const server = createServer((request, response) => {
      fake.handle(request, response).catch(() => response.destroy());
    });
    const fake = new FakeGemini(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, options.host ?? '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  /** Requests that carried this key in any header or in the URL. */
  requestsWithKey(key: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(key) || JSON.stringify(r.headers).includes(key) || r.body.includes(key));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    this.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: { ...request.headers }, body });
    const url = new URL(request.url ?? '/', 'http://fake');
    const send = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(json));
    };
    if (url.pathname.startsWith('/moved/')) {
      // A proxy path that moved: a redirect within the same origin.
      response.writeHead(307, { location: (request.url ?? '/').slice('/moved'.length) });
      response.end();
      return;
    }
    if (this.redirectTo) {
      response.writeHead(this.redirectStatus, { location: `${this.redirectTo}${request.url ?? '/'}` });
      response.end();
      return;
    }
    const match = /^\/(v1|v1beta|v1alpha)\/models(?:\/([^/:]+))?(?::(\w+))?$/.exec(url.pathname);
    if (!match) return send(404, { error: { code: 404, message: `Method not found: ${url.pathname}`, status: 'NOT_FOUND' } });
    if (request.headers['x-goog-api-key'] !== this.apiKey && url.searchParams.get('key') !== this.apiKey) return send(...errorBodies['invalid-key']);
    switch (this.mode) {
      case 'ok':
        break;
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, this.slowMs));
        break;
      case 'malformed':
        response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        response.end('{"models": [{"name": "models/gemini-2.5-pro", "displayName": "Gemini 2.5');
        return;
      case 'endless-pages':
      case 'repeated-page-token': {
        const token = this.mode === 'endless-pages' ? `page-${this.requests.length}` : 'again';
        if (this.pageDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pageDelayMs));
        return send(200, { models: [{ ...realisticModels[this.requests.length % realisticModels.length] }], nextPageToken: token });
      }
      case 'huge': {
        // Streamed without a content-length, as a chunked answer: the client must count what it reads.
        response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        const filler = 'x'.repeat(64 * 1024);
        response.write('{"models": [{"name": "models/gemini-2.5-pro", "description": "');
        for (let sent = 0; sent < this.hugeBytes && !response.destroyed; sent += filler.length) {
          if (!response.write(filler)) await new Promise((resolve) => response.once('drain', resolve));
        }
        response.end('"}]}');
        return;
      }
      case 'echo-key': {
        const key = this.apiKey;
        const message = `API key not valid: ${key.slice(0, 12)}… (url ${encodeURIComponent(key)}, header ${Buffer.from(`x-goog-api-key: ${key}`).toString('base64')}, raw ${Buffer.from(key).toString('base64')})`;
        return send(418, { error: { code: 418, message, status: 'UNKNOWN' } }); // a status nothing explains, so the message is shown
      }
      case 'escapes':
        return send(200, { models: [{ ...realisticModels[0], name: 'models/gemini-2.5-pro\u001b]0;pwned\u0007\u001b[2J', displayName: 'Gemini\u009b31m 2.5 Pro' }] });
      default:
        return send(...errorBodies[this.mode]);
    }
    const [, , id, action] = match;
    if (!id) {
      const pageSize = Math.min(this.maxPageSize, Number(url.searchParams.get('pageSize') ?? 50) || 50);
      const start = Number(url.searchParams.get('pageToken') ?? 0) || 0;
      const page = this.models.slice(start, start + pageSize);
      const next = start + pageSize < this.models.length ? String(start + pageSize) : undefined;
      return send(200, { models: page, ...(next ? { nextPageToken: next } : {}) });
    }
    const model = this.models.find((m) => m.name === `models/${id}`);
    if (!model) {
      return send(404, { error: { code: 404, message: `models/${id} is not found for API version ${match[1]}, or is not supported for ${action ?? 'get'}. Call ListModels to see the list of available models and their supported methods.`, status: 'NOT_FOUND' } });
    }
    if (action === 'countTokens' && request.method === 'POST') return send(200, { totalTokens: Math.max(1, Math.ceil(body.length / 4)) });
    if (!action && request.method === 'GET') return send(200, model);
    return send(400, { error: { code: 400, message: `Invalid request: ${request.method ?? ''} ${url.pathname}`, status: 'INVALID_ARGUMENT' } });
  }
}
