/** Which thinkingLevel values each Gemini 3 model accepts, with the source; pre-3 models take none. */

export type ThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';

export interface ThinkingLevels {
  readonly pattern: RegExp;
  readonly levels: readonly ThinkingLevel[];
  readonly defaultLevel?: ThinkingLevel;
  readonly label: string;
  readonly source: string;
}

const THINKING = 'https://ai.google.dev/gemini-api/docs/thinking';

/** Most specific first. Gemini 3 models missing here take thinkingLevel, with levels the sources do not give. */
export const thinkingLevelTable = [
  { pattern: /^gemini-3\.8-flash$/, levels: ['low', 'medium', 'high'], defaultLevel: 'medium', label: 'Gemini 3.8 Flash', source: 'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-8-flash' },
  { pattern: /^gemini-3\.7-flash$/, levels: ['low', 'medium', 'high'], label: 'Gemini 3.7 Flash', source: 'https://github.com/fishjar/kiss-translator/issues/1048' },
  { pattern: /^gemini-3\.5-flash$/, levels: ['minimal', 'low', 'medium', 'high'], defaultLevel: 'medium', label: 'Gemini 3.5 Flash', source: THINKING },
  { pattern: /^gemini-3\.1-pro-preview$/, levels: ['low', 'medium', 'high'], defaultLevel: 'high', label: 'Gemini 3.1 Pro Preview', source: THINKING },
  { pattern: /^gemini-3-flash-preview$/, levels: ['minimal', 'low', 'medium', 'high'], label: 'Gemini 3 Flash Preview', source: THINKING },
  { pattern: /^gemini-3-pro-preview$/, levels: ['low', 'high'], label: 'Gemini 3 Pro Preview', source: THINKING },
] as const satisfies readonly ThinkingLevels[];

const bare = (id: string) => id.replace(/^models\//, '');

/** The major version of a Gemini model id: `gemini-3.8-flash` → 3.8; undefined for other names. */
export function geminiVersion(id: string): number | undefined {
  const match = /^gemini-(?:live-)?(\d+(?:\.\d+)?)-/.exec(bare(id));
  return match ? Number(match[1]) : undefined;
}

/** Gemini 3 and later: thinkingLevel, temperature 1.0 advised. */
export function isGemini3(id: string): boolean {
  const version = geminiVersion(id);
  return version !== undefined && version >= 3;
}

/** The levels a model takes: a list, `[]` for a model before Gemini 3, undefined when unknown. */
export function thinkingLevelsOf(id: string): ThinkingLevels | { readonly levels: readonly []; readonly label: string } | undefined {
  const model = bare(id);
  const known = (thinkingLevelTable as readonly ThinkingLevels[]).find((t) => t.pattern.test(model));
  if (known) return known;
  const version = geminiVersion(model);
  if (version !== undefined && version < 3) return { levels: [], label: `Gemini ${version}` };
  return undefined;
}
