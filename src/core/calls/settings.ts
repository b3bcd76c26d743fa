/**
 * Settings kept apart from the call: a module-level object or dict that names a Gemini model and the
 * generation settings (`export const GEMINI_CONFIG = { model: 'gemini-2.0-flash', temperature: 0.7 }`,
 * a `config.py` with `MODEL_ID = "…"` and `DEFAULT_PARAMS = {"temperature": …}`). Read only in files
 * with no recognized call, where they are the configuration the calls elsewhere use.
 */
import type { GeminiCall, Value } from './types';
import { MODEL_ID, normalKey } from './values';

const MODEL_KEYS = new Set(['model', 'modelname', 'modelid', 'defaultmodel', 'geminimodel', 'llmmodel', 'modelversion']);
const GENERATION_KEYS = new Set(['temperature', 'topp', 'topk', 'maxoutputtokens', 'candidatecount', 'stopsequences', 'responsemimetype', 'thinkingconfig', 'generationconfig']);

/** A module-level binding: its name and value. */
export interface Binding {
  readonly name: string;
  readonly value: Value;
}

function isModel(value: Value | undefined): value is Value & { kind: 'string' } {
  return value?.kind === 'string' && MODEL_ID.test(value.value);
}

/** The configurations among a module's top-level bindings, as calls of api `config`. */
export function settingsCalls(bindings: readonly Binding[], language: string): GeminiCall[] {
  const calls: GeminiCall[] = [];
  const config = (model: Value, object: Value & { kind: 'object' }): GeminiCall => ({ api: 'config', language, method: 'generateContent', range: object.range, model, config: object, misplaced: [] });
  for (const { value } of bindings) {
    if (value.kind !== 'object') continue;
    const model = value.entries.find((e) => MODEL_KEYS.has(normalKey(e.key)) && isModel(e.value));
    if (model) calls.push(config(model.value, value));
  }
  if (calls.length > 0) return calls;
  // A settings module: one model constant and the dicts of generation settings beside it.
  const models = bindings.filter((b) => /model/i.test(b.name) && isModel(b.value));
  const settings = bindings.filter((b): b is Binding & { value: Value & { kind: 'object' } } => b.value.kind === 'object' && b.value.entries.some((e) => GENERATION_KEYS.has(normalKey(e.key))));
  if (models.length === 1 && settings.length > 0) return settings.map((s) => config(models[0]!.value, s.value));
  return [];
}
