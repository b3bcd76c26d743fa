import type { ModelInfo } from './types';

/** The day the snapshot was compiled; the UI calls it "offline snapshot (2026-11-27)". */
export const SNAPSHOT_DATE = '2026-11-27';

const LIST = 'gemini-facts.md §6 (a real models.list response)';
const MODEL_PAGE = 'gemini-facts.md §6 (model page)';
const MODELS_JSON = 'gemini-facts.md §6 (models.json)';
const GENERATE = ['generateContent', 'countTokens'];

/**
 * The current Gemini models with their limits, for when the API cannot be asked (no key, offline).
 * Only what the cited source gives is filled in: unknown values stay unknown. Models shut down
 * before the snapshot date (gemini-2.0-flash, gemini-3-pro-preview, 1.x) are not in it.
 */
export const snapshotModels = [
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedActions: GENERATE,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true, source: LIST },
  { id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedActions: GENERATE,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true, source: LIST },
  { id: 'gemini-2.5-flash-lite', displayName: 'Gemini 2.5 Flash-Lite', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedActions: GENERATE, source: LIST },
  { id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedActions: GENERATE, source: MODEL_PAGE },
  { id: 'gemini-embedding-001', displayName: 'Gemini Embedding 001', inputTokenLimit: 2_048, supportedActions: ['embedContent'], source: MODEL_PAGE },
  { id: 'text-embedding-004', displayName: 'Text Embedding 004', inputTokenLimit: 2_048, outputTokenLimit: 1, supportedActions: ['embedContent'], source: MODELS_JSON },
] as const satisfies readonly ModelInfo[];
