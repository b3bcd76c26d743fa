/**
 * Call forms shared by the script languages: the openai SDK pointed at Gemini's OpenAI-compatible
 * endpoint, wrappers (LangChain, LlamaIndex, Vertex) that take the model and settings as arguments,
 * and REST URLs written in strings (httpx, fetch).
 */
import { URL_RE } from './extractRest';
import type { Entry, FileProblem, GeminiCall, Range, Value } from './types';
import { normalKey } from './values';

/** Gemini's OpenAI-compatible base URL: https://ai.google.dev/gemini-api/docs/openai */
export const OPENAI_COMPAT_DOCS = 'https://ai.google.dev/gemini-api/docs/openai';
const GEMINI_HOST = /generativelanguage\.googleapis\.com/;

/** OpenAI parameter names → the Gemini setting the compatibility layer maps them to. */
const OPENAI_NAMES: Record<string, string> = {
  temperature: 'temperature', topp: 'topP', maxtokens: 'maxOutputTokens', maxcompletiontokens: 'maxOutputTokens', n: 'candidateCount', stop: 'stopSequences',
  reasoningeffort: 'reasoningEffort', responseformat: 'responseFormat', tools: 'tools', seed: 'seed', extrabody: 'extraBody',
};
/** OpenAI parameters the compatibility layer refuses ("Invalid JSON payload received. Unknown name …"). */
const OPENAI_UNSUPPORTED = new Set(['websearchoptions']);

/** Is this base URL Gemini's? Then the problem of a base URL that misses `/openai/`, if it does. */
export function openAiBaseUrl(value: Value | undefined): { gemini: boolean; problem?: FileProblem } {
  if (value?.kind !== 'string' || !GEMINI_HOST.test(value.value)) return { gemini: false };
  if (/\/openai\/?$/.test(value.value)) return { gemini: true };
  return {
    gemini: true,
    problem: { ruleId: 'openai-compat-unsupported', range: value.range, message: `The openai SDK needs Gemini's OpenAI-compatible base URL, https://generativelanguage.googleapis.com/v1beta/openai/ (this one misses /openai/, so every request answers 404). See ${OPENAI_COMPAT_DOCS}.` },
  };
}

/** A `chat.completions.create(…)` on the compatibility endpoint: the model, the settings by their Gemini names, and refused parameters. */
export function openAiCall(language: string, range: Range, entries: readonly Entry[], problems: FileProblem[]): GeminiCall {
  const model = entries.find((e) => e.key === 'model')?.value;
  const settings: Entry[] = [];
  for (const e of entries) {
    const name = OPENAI_NAMES[normalKey(e.key)];
    if (name) settings.push({ ...e, key: name });
    if (OPENAI_UNSUPPORTED.has(normalKey(e.key))) {
      problems.push({ ruleId: 'openai-compat-unsupported', range: e.keyRange, message: `${e.key} is not supported by Gemini's OpenAI compatibility layer: the API answers 400 "Invalid JSON payload received. Unknown name". See ${OPENAI_COMPAT_DOCS}.` });
    }
  }
  return {
    api: 'openai-compat', language, method: 'chat.completions.create', range, ...(model ? { model } : {}),
    config: { kind: 'object', entries: settings, range, open: false }, misplaced: [],
  };
}

/** Settings of a wrapper's constructor (`ChatGoogleGenerativeAI(model=…, temperature=…, max_output_tokens=…)`). */
export function wrapperCall(language: string, range: Range, entries: readonly Entry[]): GeminiCall | undefined {
  const model = entries.find((e) => normalKey(e.key) === 'model' || normalKey(e.key) === 'modelname')?.value;
  if (model?.kind !== 'string' || !/gemini/i.test(model.value)) return undefined;
  const settings = entries.filter((e) => !['model', 'modelname', 'apikey', 'googleapikey', 'project', 'location', 'credentials', 'client'].includes(normalKey(e.key)));
  return { api: 'langchain', language, method: 'generateContent', range, model, config: { kind: 'object', entries: settings, range, open: false }, misplaced: [] };
}

/**
 * A REST call written as a URL in a string (`"https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent"`):
 * the model and method from the URL. `text` is the string's content, `start` the position of its first character (one line).
 */
export function urlCall(language: string, text: string, start: Range['start'], range: Range): GeminiCall | undefined {
  if (!GEMINI_HOST.test(text) && !/aiplatform\.googleapis\.com/.test(text)) return undefined;
  const match = URL_RE.exec(text);
  if (!match) return undefined;
  const at = match.index + match[0].lastIndexOf(`${match[2]!}:`);
  const oneLine = !text.slice(0, at).includes('\n');
  const modelRange: Range = oneLine ? { start: { line: start.line, character: start.character + at }, end: { line: start.line, character: start.character + at + match[2]!.length } } : range;
  return { api: 'rest', language, method: match[3]!, range, model: { kind: 'string', value: match[2]!, range: modelRange }, apiVersion: match[1]!, misplaced: [] };
}
