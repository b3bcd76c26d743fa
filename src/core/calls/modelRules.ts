/**
 * The rules about a model's lifecycle and its Gemini 3 parameters: model-retired, model-deprecated,
 * model-auto-routed, model-unknown (never suggesting a model of another kind), thinkingLevel-invalid,
 * thinkingBudget-out-of-range on Gemini 3, temperature-low-on-gemini-3. The live list wins over the
 * lifecycle table: an id the API lists for the key is available, one it does not list is not.
 */
import { describeShutdown, isDeprecatedStatus, isMovingAlias, lifecycleOf, statusLabel, type LifecycleEntry } from '../models/lifecycle';
import { idKind } from '../models/present';
import { geminiVersion, isGemini3, thinkingLevelsOf } from '../models/thinking';
import type { ModelInfo } from '../models/types';
import type { Rule } from './rules';
import type { GeminiCall, Value } from './types';
import type { CallFinding, ModelFacts, TextEdit } from './validate';
import { field, lastSegment, suggestions } from './values';

const GEMINI_3 = 'https://ai.google.dev/gemini-api/docs/gemini-3';
const THINKING = 'https://ai.google.dev/gemini-api/docs/thinking';

/** The rules this module adds to the rule set (the rule ids model-retired, model-deprecated and model-unknown stay in rules.ts). */
export const modelRules = [
  { id: 'model-auto-routed', severity: 'info', checks: 'The id is served by another model (a superseded Flash id routed to the newest one): the parameter rules and the price are the other model\'s.', source: 'https://ai.google.dev/gemini-api/docs/models/gemini-3.7-flash' },
  { id: 'thinkingLevel-invalid', severity: 'error', checks: 'A thinkingLevel the model rejects: any level before Gemini 3, `minimal` on 3.7/3.8 Flash, medium on 3 Pro, a name that is no level.', source: `${THINKING}; https://github.com/fishjar/kiss-translator/issues/1048` },
  { id: 'temperature-low-on-gemini-3', severity: 'warning', checks: 'temperature below 1.0 on Gemini 3: Google advises the default 1.0, lower may loop or degrade (a 200 with worse output).', source: GEMINI_3 },
] as const satisfies readonly Rule[];

type Replace = (value: Value, newText: string) => TextEdit;
type StringValue = Value & { readonly kind: 'string' };

const bare = (id: string) => id.replace(/^models\//, '');
/** Keeps the `models/` prefix when the code wrote one. */
const spelled = (value: StringValue, id: string) => (value.value.startsWith('models/') ? `models/${id}` : id);

/** pro, flash, flash-lite…: a successor stays in its tier. */
function tier(id: string): string {
  return /-(pro|flash-lite|flash)\b/.exec(id)?.[1] ?? 'other';
}

const newestFirst = (a: ModelInfo, b: ModelInfo) => (geminiVersion(b.id) ?? 0) - (geminiVersion(a.id) ?? 0) || a.id.localeCompare(b.id);
const isPreviewId = (id: string) => /(?:^|-)(?:preview|exp|experimental)(?:-|$)/.test(id);
const usable = (id: string) => !isDeprecatedStatus(lifecycleOf(id)?.status);

/**
 * The model to move to from `id`: the newest stable model of the same tier and kind in the live list
 * when there is one; else the table's successor, followed past successors that are deprecated
 * themselves; never a model the table calls deprecated.
 */
export function successorFor(id: string, facts: Pick<ModelFacts, 'source' | 'models'>): string | undefined {
  const model = bare(id);
  const live = facts.source !== 'snapshot';
  const own = geminiVersion(model) ?? 0;
  const gone = lifecycleOf(model)?.status === 'shut-down';
  // A newer model of the same kind and tier; an older one only for a model that is gone anyway.
  // The cheap tests first: usable() looks the id up in the lifecycle table.
  const kind = idKind(model);
  const ownTier = tier(model);
  const sameKind = facts.models.filter((m) => m.id !== model && tier(m.id) === ownTier && (geminiVersion(m.id) ?? -1) >= (gone ? 0 : own)
    && idKind(m.id) === kind && usable(m.id));
  if (live) {
    const stable = sameKind.filter((m) => !isPreviewId(m.id)).sort(newestFirst)[0];
    if (stable) return stable.id;
  }
  const seen = new Set<string>([model]);
  let next = lifecycleOf(model)?.successor;
  while (next && !seen.has(next)) {
    seen.add(next);
    if (usable(next) && (!live || facts.models.some((m) => m.id === next))) return next;
    next = lifecycleOf(next)?.successor;
  }
  return sameKind.filter((m) => !isPreviewId(m.id)).sort(newestFirst)[0]?.id ?? sameKind.sort(newestFirst)[0]?.id;
}

function sourceText(entry: LifecycleEntry): string {
  return `source: ${entry.source.title}, ${entry.source.url}`;
}

export interface ModelCheck {
  readonly findings: readonly CallFinding[];
  /** The model's facts, when its parameters can be checked against them. */
  readonly info?: ModelInfo;
  /** Shut down (or not available to the key): the model-specific parameter rules are moot. */
  readonly gone: boolean;
}

/** The closest known ids of the same kind (an image model is never proposed for a text model). */
export function modelSuggestions(id: string, known: readonly string[]): string[] {
  const kind = idKind(id);
  return suggestions(id, known.filter((k) => idKind(k) === kind));
}

/** An id newer than anything the snapshot holds (gemini-3.9-flash, gemini-4-…): the snapshot cannot know it yet. */
function newerThanSnapshot(id: string, models: readonly ModelInfo[]): boolean {
  const version = geminiVersion(id);
  const newest = Math.max(0, ...models.map((m) => geminiVersion(m.id) ?? 0));
  return version !== undefined && version > newest;
}

/**
 * The lifecycle findings of a model id written in `value`. `asCall`: the id is the model of a
 * recognized call, so an unknown id is reported too (a bare string elsewhere is reported only when
 * the table knows it). `successors` keeps the successor of each id across the calls of one file.
 */
export function checkModel(value: StringValue, facts: ModelFacts, replace: Replace, asCall: boolean, successors = new Map<string, string | undefined>()): ModelCheck {
  const id = bare(value.value);
  const successor = (model: string) => {
    if (!successors.has(model)) successors.set(model, successorFor(model, facts));
    return successors.get(model);
  };
  const entry = lifecycleOf(id);
  const info = facts.models.find((m) => m.id === id);
  const live = facts.source !== 'snapshot';
  const findings: CallFinding[] = [];
  const fixTo = (to: string | undefined) => (to ? { title: `Replace with ${to}`, edits: [replace(value, spelled(value, to))] } : undefined);
  const add = (ruleId: CallFinding['ruleId'], severity: CallFinding['severity'], message: string, to?: string, shutdown?: string) => {
    const fix = fixTo(to);
    findings.push({ ruleId, severity, message, range: value.range, ...(fix ? { fix } : {}), ...(shutdown ? { shutdown } : {}) });
  };

  if (live && !info && entry && isDeprecatedStatus(entry.status) && entry.status !== 'shut-down') {
    const to = successor(id);
    const what = describeShutdown(entry, facts.today) ?? statusLabel(entry);
    add('model-retired', 'error', `${id} is not available to your key: the API does not list it (${facts.label}); ${what} (${sourceText(entry)}).${to ? ` Use ${to}.` : ''}`, to);
    return { findings, gone: true };
  }
  if (entry?.status === 'shut-down' && !info) {
    const to = successor(id);
    add('model-retired', 'error', `${id} is retired${entry.shutdown ? ` (shut down ${entry.shutdown})` : ''}: the API answers 404 NOT_FOUND. Use ${to ?? 'a current model'}${to ? ' or another current model' : ''}.`, to);
    return { findings, gone: true };
  }
  if (entry?.status === 'shut-down' && info) {
    add('model-deprecated', 'info', `${id} is listed for your key (${facts.label}), though the ${entry.source.title} reports it ${describeShutdown(entry) ?? 'shut down'}: expect it to go.`, successor(id));
    return { findings, info, gone: false };
  }
  if (entry?.status === 'auto-routed') {
    const to = entry.routedTo ?? successor(id);
    add('model-auto-routed', 'info', `${id} is ${statusLabel(entry)}: requests to it are answered by ${to ?? 'another model'}, with that model's parameter rules and price${entry.note ? ` (${entry.note})` : ''}; ${sourceText(entry)}.${to ? ` Use ${to} directly.` : ''}`, to);
    return { findings, ...(info ? { info } : {}), gone: false };
  }
  if (entry && (entry.status === 'deprecated' || entry.status === 'closed-to-new-users')) {
    const to = successor(id);
    const when = describeShutdown(entry, facts.today);
    const availability = live ? ` Your key still lists it (${facts.label}).` : '';
    add('model-deprecated', when ? 'warning' : 'info',
      `${id} is ${statusLabel(entry)}${when ? `: ${when}` : ''}${entry.note ? `; ${entry.note}` : ''} (${sourceText(entry)}).${availability}${to ? ` Move to ${to}.` : ''}`,
      to, entry.shutdown);
    return { findings, ...(info ? { info } : {}), gone: false };
  }
  if (info || !asCall) return { findings, ...(info ? { info } : {}), gone: false };
  if (isMovingAlias(id)) {
    add('model-deprecated', 'info', `${id} is an alias that moves to newer models without notice; pin a model version for stable behaviour.`);
    return { findings, gone: false };
  }

  // Not in the list: unknown to the key (live), or to the snapshot.
  const snapshot = facts.source === 'snapshot';
  if (snapshot && newerThanSnapshot(id, facts.models)) {
    add('model-unknown', 'info', `${id} is newer than the ${facts.label}: set an API key to check it against the live list.`);
    return { findings, gone: false };
  }
  const near = modelSuggestions(id, facts.models.map((m) => m.id));
  const hint = near.length > 0 ? ` Did you mean ${near.join(', ')}?` : '';
  const where = snapshot ? `is not in the ${facts.label}; set an API key to check it against the live list.` : `is not available to your key: the API does not list it (${facts.label}).`;
  add('model-unknown', snapshot && near.length === 0 ? 'info' : 'warning', `${id} ${where}${hint}`, near[0]);
  return { findings, gone: !snapshot };
}

const LEVELS = ['minimal', 'low', 'medium', 'high'];

/** thinkingLevel-invalid, thinkingBudget 0 on Gemini 3, temperature-low-on-gemini-3. */
export function checkGemini3Params(call: GeminiCall, facts: ModelFacts, replace: Replace): CallFinding[] {
  const config = call.config;
  if (!config || call.model?.kind !== 'string') return [];
  const id = bare(call.model.value);
  const entry = lifecycleOf(id);
  const listed = facts.models.some((m) => m.id === id);
  // A shut-down model answers 404 whatever its parameters; model-retired says so.
  if (entry?.status === 'shut-down' && !listed) return [];
  const findings: CallFinding[] = [];
  const thinking = field(config, 'thinkingConfig')?.value;
  const level = field(thinking, 'thinkingLevel');
  const levelText = level?.value.kind === 'string' ? level.value.value : level?.value.kind === 'unknown' && /^[\w.]+$/.test(level.value.text) ? lastSegment(level.value.text) : undefined;
  if (level && levelText !== undefined) {
    const name = levelText.toLowerCase().replace(/^thinking_?level_?/, '');
    const accepted = thinkingLevelsOf(id);
    if (accepted && accepted.levels.length === 0) {
      findings.push({ ruleId: 'thinkingLevel-invalid', severity: 'error', range: level.keyRange,
        message: `${id} takes no thinkingLevel (only Gemini 3 models do; ${accepted.label} uses thinkingBudget): the API answers 400. Use thinkingBudget, or a Gemini 3 model. Source: ${THINKING}` });
    } else if (!LEVELS.includes(name)) {
      findings.push({ ruleId: 'thinkingLevel-invalid', severity: 'error', range: level.value.range, message: `"${levelText}" is not a thinking level: use ${LEVELS.join(', ')} (source: ${THINKING}).` });
    } else if (accepted && !(accepted.levels as readonly string[]).includes(name)) {
      const fallback = accepted.levels.find((l) => l === 'low') ?? accepted.levels[0];
      const upper = levelText === levelText.toUpperCase();
      const newText = fallback ? (upper ? fallback.toUpperCase() : fallback) : undefined;
      findings.push({
        ruleId: 'thinkingLevel-invalid', severity: 'error', range: level.value.range,
        message: `thinkingLevel "${levelText}" is not accepted by ${id}: it takes ${accepted.levels.join(', ')}; the API answers 400 ("'${name}' is not a supported thinking level for this model"). Source: ${'source' in accepted ? accepted.source : THINKING}`,
        ...(newText && level.value.kind === 'string' ? { fix: { title: `Change to ${newText}`, edits: [replace(level.value, newText)] } } : {}),
      });
    }
  }
  if (!isGemini3(id)) return findings;
  const budget = field(thinking, 'thinkingBudget');
  if (budget?.value.kind === 'number' && budget.value.value === 0) {
    findings.push({ ruleId: 'thinkingBudget-out-of-range', severity: 'error', range: budget.value.range,
      message: `thinkingBudget 0 on ${id}: Gemini 3 models cannot turn thinking off and refuse 0. Use thinkingLevel ("low", or "minimal" where the model takes it) instead of a budget (source: ${THINKING}).` });
  }
  const temperature = field(config, 'temperature');
  if (temperature?.value.kind === 'number' && temperature.value.value >= 0 && temperature.value.value < 1) {
    findings.push({ ruleId: 'temperature-low-on-gemini-3', severity: 'warning', range: temperature.value.range,
      message: `temperature ${temperature.value.value} on ${id}: Google advises keeping Gemini 3 at its default 1.0; lower values may cause looping or degraded answers (the API still answers 200). Source: ${GEMINI_3}`,
      fix: { title: 'Change to 1.0', edits: [replace(temperature.value, '1.0')] } });
  }
  return findings;
}
