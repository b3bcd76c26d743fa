/**
 * The only module that imports @google/genai. esbuild bundles it on its own (dist/geminiApi.js) and
 * the extension and the CLI load it on first use (loadGeminiApi.ts), so activation never pays for the SDK.
 */
import type { GoogleGenAI as GoogleGenAIClient, Model } from '@google/genai' with { 'resolution-mode': 'import' };
import { modelId } from '../core/models/present';
import type { ModelInfo } from '../core/models/types';

export interface ApiConfig {
  readonly apiKey: string;
  readonly apiVersion: 'v1' | 'v1beta';
  /** An endpoint override (proxy); the SDK's default host when absent. */
  readonly baseUrl?: string;
  readonly timeoutMs: number;
}

type Sdk = typeof import('@google/genai', { with: { 'resolution-mode': 'import' } });

function client(config: ApiConfig): GoogleGenAIClient {
  // The package is ESM-first but ships a CommonJS build for Node, which `require` picks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GoogleGenAI } = require('@google/genai') as Sdk;
  return new GoogleGenAI({
    apiKey: config.apiKey,
    vertexai: false, // never let GOOGLE_GENAI_USE_VERTEXAI from the environment redirect the key
    apiVersion: config.apiVersion,
    httpOptions: { ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}), timeout: config.timeoutMs },
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

/** Every model the key can use, all pages. Throws the SDK's error (ApiError, fetch failure) as is. */
export async function listModels(config: ApiConfig, options: { pageSize?: number; firstPageOnly?: boolean } = {}): Promise<ModelInfo[]> {
  const pager = await client(config).models.list({ config: { pageSize: options.pageSize ?? 1000 } });
  if (options.firstPageOnly) return pager.page.map(toModelInfo);
  const models: ModelInfo[] = [];
  for await (const model of pager) models.push(toModelInfo(model));
  return models.filter((m) => m.id !== '');
}
