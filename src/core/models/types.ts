/** What Gemini Doctor knows of a model, from models.list or from the bundled snapshot. */
export interface ModelInfo {
  /** `gemini-2.5-pro` (without the `models/` prefix). */
  readonly id: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly version?: string;
  readonly inputTokenLimit?: number;
  readonly outputTokenLimit?: number;
  /** REST `supportedGenerationMethods`, @google/genai `supportedActions`. */
  readonly supportedActions: readonly string[];
  readonly temperature?: number;
  readonly maxTemperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly thinking?: boolean;
  /** Where a snapshot entry's facts come from (absent for live data: the API is the source). */
  readonly source?: string;
}

/** Where a list of models came from: the API now, the cache of an earlier call, or the snapshot. */
export type ModelSourceKind = 'live' | 'cache' | 'snapshot';
