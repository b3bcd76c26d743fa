/** The rules "Validate Gemini Call" checks, each with a stable id and the source of its fact. */
import { modelRules } from './modelRules';

export type Severity = 'error' | 'warning' | 'info';

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly checks: string;
  readonly source: string;
}

const FACTS_6 = 'gemini-facts.md §6';
const FACTS_7 = 'gemini-facts.md §7';
const GUIDE = 'gemini-troubleshooting-guide.txt: "Check your API calls for model parameter errors"';

export const rules = [
  { id: 'model-unknown', severity: 'warning', checks: 'The model name is not a model the API lists (with the closest names).', source: `${FACTS_6}; gemini-troubleshooting-guide.txt: "Check if you have the right model"` },
  { id: 'model-retired', severity: 'error', checks: 'The model was shut down (404 today); the quick fix puts a current model of the same tier.', source: `${FACTS_6} (deprecations page)` },
  { id: 'model-deprecated', severity: 'warning', checks: 'The model has a scheduled shutdown date, or is a `-latest` alias that moves without notice.', source: FACTS_6 },
  { id: 'model-unsupported-method', severity: 'error', checks: 'The model does not support the method called (an embedding model in generateContent).', source: `${FACTS_6} (supportedActions)` },
  { id: 'temperature-out-of-range', severity: 'error', checks: 'temperature within 0 and the model\'s maxTemperature (else 2).', source: `${FACTS_7}; ${GUIDE}` },
  { id: 'topP-out-of-range', severity: 'error', checks: 'topP within 0 and 1.', source: `${FACTS_7}; ${GUIDE}` },
  { id: 'topK-unsupported', severity: 'warning', checks: 'topK on a model that has no topK (nucleus-only), or below 1.', source: FACTS_7 },
  { id: 'candidateCount-out-of-range', severity: 'error', checks: 'candidateCount an integer from 1 to 8.', source: `${FACTS_7}; ${GUIDE}` },
  { id: 'maxOutputTokens-over-limit', severity: 'error', checks: 'maxOutputTokens at most the model\'s outputTokenLimit.', source: `${FACTS_7}; ${GUIDE}` },
  { id: 'maxOutputTokens-invalid', severity: 'error', checks: 'maxOutputTokens a positive integer.', source: FACTS_7 },
  { id: 'stopSequences-too-many', severity: 'error', checks: 'At most 5 stop sequences.', source: FACTS_7 },
  { id: 'thinkingBudget-out-of-range', severity: 'error', checks: 'thinkingBudget within the model\'s range (2.5 Pro 128–32768, no 0; 2.5 Flash 0–24576; 2.5 Flash-Lite 512–24576 or 0; -1 dynamic).', source: `${FACTS_7}; gemini-facts.md §3 ("Budget 0 is invalid")` },
  { id: 'thinking-unsupported', severity: 'warning', checks: 'Thinking settings on a model that does not think; thinkingBudget on Gemini 3, which uses thinkingLevel.', source: `${FACTS_6} (thinking); ${FACTS_7}` },
  { id: 'thinkingBudget-and-thinkingLevel', severity: 'error', checks: 'thinkingBudget and thinkingLevel together (the API answers 400).', source: FACTS_7 },
  { id: 'responseSchema-without-json-mime', severity: 'error', checks: 'responseSchema / responseJsonSchema need responseMimeType application/json (text/x.enum for enums).', source: FACTS_7 },
  { id: 'logprobs-without-responseLogprobs', severity: 'error', checks: 'logprobs only with responseLogprobs: true.', source: FACTS_7 },
  { id: 'config-misplaced', severity: 'error', checks: 'Generation settings or systemInstruction beside `config` in @google/genai, where they are ignored; the quick fix moves them in.', source: `${FACTS_7}; gemini-facts.md §8` },
  { id: 'invalid-literal', severity: 'error', checks: 'A value that is not what it looks like: Python `8,192` is a tuple, a number written as a string.', source: FACTS_7 },
  { id: 'safety-setting-invalid', severity: 'error', checks: 'An unknown HarmCategory or HarmBlockThreshold name.', source: 'gemini-facts.md §5' },
  { id: 'invalid-json', severity: 'error', checks: 'A request body the API cannot parse: comments, trailing commas, broken JSON.', source: 'gemini-facts.md §3 ("Invalid JSON payload received")' },
  { id: 'sdk-mismatch', severity: 'error', checks: 'Legacy google.generativeai calls (configure, GenerativeModel) on the new `from google import genai`.', source: 'gemini-facts.md §4, §8' },
  ...modelRules,
] as const satisfies readonly Rule[];

export type RuleId = (typeof rules)[number]['id'];

const DOCS = {
  models: 'https://ai.google.dev/gemini-api/docs/models',
  deprecations: 'https://ai.google.dev/gemini-api/docs/deprecations',
  parameters: 'https://ai.google.dev/gemini-api/docs/troubleshooting#check-api',
  thinking: 'https://ai.google.dev/gemini-api/docs/thinking',
  structured: 'https://ai.google.dev/gemini-api/docs/structured-output',
  safety: 'https://ai.google.dev/gemini-api/docs/safety-settings',
  reference: 'https://ai.google.dev/api/generate-content',
  migrate: 'https://ai.google.dev/gemini-api/docs/migrate',
} as const;

/** The official page that explains what a rule checks. */
export function ruleDocs(id: RuleId): string {
  if (id === 'model-retired' || id === 'model-deprecated' || id === 'model-auto-routed') return DOCS.deprecations;
  if (id === 'temperature-low-on-gemini-3') return 'https://ai.google.dev/gemini-api/docs/gemini-3';
  if (id.startsWith('model-')) return DOCS.models;
  if (id.startsWith('thinking')) return DOCS.thinking;
  if (id === 'responseSchema-without-json-mime') return DOCS.structured;
  if (id === 'safety-setting-invalid') return DOCS.safety;
  if (id === 'sdk-mismatch') return DOCS.migrate;
  if (id === 'config-misplaced' || id === 'invalid-json' || id === 'logprobs-without-responseLogprobs') return DOCS.reference;
  return DOCS.parameters;
}

export function rule(id: RuleId): Rule {
  return rules.find((r) => r.id === id)!;
}
