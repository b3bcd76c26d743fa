/** Which Gemini model names are shut down, since when, and what to use instead. */

export interface RetiredModel {
  /** Matches the model id (without `models/`). */
  readonly pattern: RegExp;
  /** The day the API stopped serving it, when the source gives one. */
  readonly shutdown?: string;
  /** A current model of the same tier: the quick fix offers it. */
  readonly successor: string;
  readonly source: string;
}

const FACTS = 'gemini-facts.md §6';

/** Most specific patterns first. */
export const retiredModels: readonly RetiredModel[] = [
  { pattern: /^gemini-3-pro-preview$/, shutdown: '2026-03-09', successor: 'gemini-3.1-pro-preview', source: `${FACTS} (deprecations page)` },
  { pattern: /^gemini-2\.5-pro-preview-(?:03-25|05-06|06-05)$/, shutdown: '2025-12-02', successor: 'gemini-2.5-pro', source: FACTS },
  { pattern: /^gemini-2\.0-flash-lite\b/, shutdown: '2026-06-01', successor: 'gemini-2.5-flash-lite', source: `${FACTS} (deprecations page)` },
  { pattern: /^gemini-2\.0-flash\b/, shutdown: '2026-06-01', successor: 'gemini-2.5-flash', source: `${FACTS} (deprecations page)` },
  { pattern: /^gemini-1\.5-flash-8b\b/, successor: 'gemini-2.5-flash-lite', source: FACTS },
  { pattern: /^gemini-1\.5-flash\b/, successor: 'gemini-2.5-flash', source: FACTS },
  { pattern: /^gemini-1\.5-pro\b/, successor: 'gemini-2.5-pro', source: FACTS },
  { pattern: /^gemini-1\.0-pro\b/, successor: 'gemini-2.5-flash', source: FACTS },
  { pattern: /^gemini-pro-vision$/, successor: 'gemini-2.5-flash', source: FACTS },
  { pattern: /^gemini-pro$/, successor: 'gemini-2.5-flash', source: FACTS },
];

export function retired(id: string): RetiredModel | undefined {
  return retiredModels.find((r) => r.pattern.test(id.replace(/^models\//, '')));
}

/** `-latest` aliases move to a new model without notice: valid, but worth knowing. */
export function isMovingAlias(id: string): boolean {
  return /^(?:models\/)?gemini-(?:[\d.]+-)?(?:pro|flash|flash-lite)-latest$/.test(id);
}

/** Thinking budgets each model accepts (gemini-facts.md §7); -1 (dynamic) is accepted by all. */
export interface ThinkingRange {
  readonly pattern: RegExp;
  readonly min: number;
  readonly max: number;
  /** 0 turns thinking off where allowed. */
  readonly zeroAllowed: boolean;
  readonly label: string;
}

export const thinkingRanges: readonly ThinkingRange[] = [
  { pattern: /^gemini-2\.5-pro\b/, min: 128, max: 32768, zeroAllowed: false, label: 'Gemini 2.5 Pro' },
  { pattern: /^gemini-2\.5-flash-lite\b/, min: 512, max: 24576, zeroAllowed: true, label: 'Gemini 2.5 Flash-Lite' },
  { pattern: /^gemini-2\.5-flash\b/, min: 0, max: 24576, zeroAllowed: true, label: 'Gemini 2.5 Flash' },
];

export function thinkingRange(id: string): ThinkingRange | undefined {
  return thinkingRanges.find((r) => r.pattern.test(id.replace(/^models\//, '')));
}
