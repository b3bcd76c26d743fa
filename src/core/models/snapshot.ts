import type { ModelInfo } from './types';

/** The day the snapshot was compiled; the UI calls it "offline snapshot (2026-11-30)". */
export const SNAPSHOT_DATE = '2026-11-30';

/** Public pages the values come from; the hover and the tooltip show them. */
const LIST = 'https://ai.google.dev/api/models#method:-models.list (a models.list response)';
const MODELS = 'https://ai.google.dev/gemini-api/docs/models';
const FLASH_38 = 'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-8-flash';
const FLASH_37 = 'https://ai.google.dev/gemini-api/docs/models/gemini-3.7-flash';
const DEPRECATIONS = 'https://ai.google.dev/gemini-api/docs/deprecations';
const EMBEDDINGS = 'https://ai.google.dev/gemini-api/docs/embeddings';
const GENERATE = ['generateContent', 'countTokens'];
const M = 1_048_576;
const OUT = 65_536;

/**
 * The current Gemini models with their limits, for when the API cannot be asked (no key, offline).
 * Only what the cited source gives is filled in: unknown values stay unknown. Models shut down
 * before the snapshot date (gemini-2.0-flash, gemini-3-pro-preview, 1.x) are not in it.
 */
export const snapshotModels = [
  { id: 'gemini-3.8-flash', displayName: 'Gemini 3.8 Flash', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: FLASH_38 },
  { id: 'gemini-3.7-flash', displayName: 'Gemini 3.7 Flash', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: FLASH_37 },
  { id: 'gemini-3.6-flash', displayName: 'Gemini 3.6 Flash', supportedActions: GENERATE, thinking: true, source: DEPRECATIONS },
  { id: 'gemini-3.5-flash', displayName: 'Gemini 3.5 Flash', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: MODELS },
  { id: 'gemini-3.5-flash-lite', displayName: 'Gemini 3.5 Flash-Lite', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: MODELS },
  { id: 'gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash-Lite', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: DEPRECATIONS },
  { id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: MODELS },
  { id: 'gemini-3-flash-preview', displayName: 'Gemini 3 Flash Preview', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: MODELS },
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true, source: LIST },
  { id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true, source: LIST },
  { id: 'gemini-2.5-flash-lite', displayName: 'Gemini 2.5 Flash-Lite', inputTokenLimit: M, outputTokenLimit: OUT, supportedActions: GENERATE, thinking: true, source: LIST },
  { id: 'gemini-2.5-flash-image', displayName: 'Gemini 2.5 Flash Image', supportedActions: GENERATE, source: MODELS },
  { id: 'gemini-2.5-flash-preview-tts', displayName: 'Gemini 2.5 Flash Preview TTS', supportedActions: GENERATE, source: MODELS },
  { id: 'gemini-2.5-pro-preview-tts', displayName: 'Gemini 2.5 Pro Preview TTS', supportedActions: GENERATE, source: MODELS },
  { id: 'gemini-2.5-flash-native-audio-preview-12-2025', displayName: 'Gemini 2.5 Flash Native Audio Preview', supportedActions: ['bidiGenerateContent'], source: DEPRECATIONS },
  { id: 'gemini-embedding-001', displayName: 'Gemini Embedding 001', inputTokenLimit: 2_048, supportedActions: ['embedContent'], source: MODELS },
  { id: 'text-embedding-004', displayName: 'Text Embedding 004', inputTokenLimit: 2_048, outputTokenLimit: 1, supportedActions: ['embedContent'], source: EMBEDDINGS },
] as const satisfies readonly ModelInfo[];
