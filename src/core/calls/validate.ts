/**
 * Checks extracted Gemini calls against the rules and the models' real limits. Plain data in (the
 * extraction, the document text for fixes, the model facts), findings out; each finding says which
 * model facts it used (live, cached, or the offline snapshot).
 */
import { thinkingRange } from '../models/lifecycle';
import { checkGemini3Params, checkModel } from './modelRules';
import type { ModelInfo, ModelSourceKind } from '../models/types';
import { lineIndex } from './extractRest';
import { fileRequestRules, requestRules } from './requestRules';
import { rule, type RuleId, type Severity } from './rules';
import type { Entry, Extraction, GeminiCall, Position, Range, Value } from './types';
import { camelName, field, lastSegment, normalKey, suggestions } from './values';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface CallFinding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fix?: { readonly title: string; readonly edits: readonly TextEdit[] };
  /** model-deprecated: the announced shutdown day (for `validate --deprecations-within`). */
  readonly shutdown?: string;
}

/** What is known of the models, and from where. */
export interface ModelFacts {
  readonly source: ModelSourceKind;
  /** `live`, `cached at 14:05`, `offline snapshot (2026-11-27)`. */
  readonly label: string;
  readonly models: readonly ModelInfo[];
  /** YYYY-MM-DD, for the days left before a shutdown. */
  readonly today?: string;
}

const HARM_CATEGORIES = new Set(['HARM_CATEGORY_HARASSMENT', 'HARM_CATEGORY_HATE_SPEECH', 'HARM_CATEGORY_SEXUALLY_EXPLICIT', 'HARM_CATEGORY_DANGEROUS_CONTENT', 'HARM_CATEGORY_CIVIC_INTEGRITY', 'HARM_CATEGORY_UNSPECIFIED']);
const THRESHOLDS = new Set(['BLOCK_LOW_AND_ABOVE', 'BLOCK_MEDIUM_AND_ABOVE', 'BLOCK_ONLY_HIGH', 'BLOCK_NONE', 'OFF', 'HARM_BLOCK_THRESHOLD_UNSPECIFIED']);


/** Methods that are the generateContent action of the API (streaming, chats, the REST stream endpoint). */
const GENERATE = new Set(['generateContent', 'generateContentStream', 'streamGenerateContent', 'chats.create', 'sendMessage', 'sendMessageStream', 'interactions.create', 'chat.completions.create']);

/** The API action (as in a model's supportedActions) a method uses; undefined for the Live API, whose models list it unevenly. */
export function actionOf(method: string): string | undefined {
  if (method === 'live.connect') return undefined;
  return GENERATE.has(method) ? 'generateContent' : method;
}


/** The state of one file's validation: findings so far, the model facts, and helpers for fixes. Rules add to it. */
export class Validation {
  readonly findings: CallFinding[] = [];
  /** The successor of each model id met (one file often names the same model many times). */
  private readonly successors = new Map<string, string | undefined>();
  private readonly offsetOf: (p: Position) => number;
  private readonly at: (offset: number) => Position;
  private readonly others = new Map<string, { text: string; offsetAt: (p: Position) => number; positionAt: (offset: number) => Position } | undefined>();

  constructor(private readonly text: string, readonly facts: ModelFacts, private readonly sources: ReadonlyMap<string, string> = new Map()) {
    const index = lineIndex(text);
    this.offsetOf = index.offsetAt;
    this.at = index.positionAt;
  }

  /** Text and positions of the file a range lies in: this file, or another file of the project that defines an imported value. */
  private document(file: string | undefined): { text: string; offsetAt: (p: Position) => number; positionAt: (offset: number) => Position } | undefined {
    if (file === undefined) return { text: this.text, offsetAt: this.offsetOf, positionAt: this.at };
    if (!this.others.has(file)) {
      const text = this.sources.get(file);
      this.others.set(file, text === undefined ? undefined : { text, ...lineIndex(text) });
    }
    return this.others.get(file);
  }

  /** Whether the edits of a fix lie in files whose text is known (this one, or a source handed in). */
  canEdit(fix: CallFinding['fix']): boolean {
    return !fix || fix.edits.every((e) => this.document(e.range.file) !== undefined);
  }

  /** Offset in the text → position. */
  positionAt(offset: number): Position {
    return this.at(offset);
  }

  add(ruleId: RuleId, range: Range, message: string, fix?: CallFinding['fix'], severity?: Severity): void {
    this.findings.push({ ruleId, severity: severity ?? rule(ruleId).severity, message, range, ...(fix ? { fix } : {}) });
  }

  private textOf(range: Range): string {
    const document = this.document(range.file);
    return document ? document.text.slice(document.offsetAt(range.start), document.offsetAt(range.end)) : '';
  }

  /** Replaces a value; a quoted string keeps its quotes. */
  replaceValue(value: Value, newText: string): TextEdit {
    if (value.kind === 'string') {
      const source = this.textOf(value.range);
      const quote = /^["'`]/.test(source) && source.length >= 2 ? 1 : 0;
      if (quote) return { range: { ...value.range, start: { ...value.range.start, character: value.range.start.character + quote }, end: { ...value.range.end, character: value.range.end.character - quote } }, newText };
      // A constant that stands for a model id (Mscc.GenerativeAI `Model.Gemini20Flash`) becomes a string literal.
      if (/^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+$/.test(source)) return { range: value.range, newText: JSON.stringify(newText) };
    }
    return { range: value.range, newText };
  }

  /** Deletes an entry with the comma and spaces after it (or before it, for the last one). */
  private deleteEntry(entry: Entry): TextEdit {
    const { file } = entry.range;
    const document = this.document(file);
    if (!document) return { range: entry.range, newText: '' };
    let start = document.offsetAt(entry.range.start);
    let end = document.offsetAt(entry.range.end);
    const after = /^\s*,[ \t]*\n?[ \t]*/.exec(document.text.slice(end));
    if (after) end += after[0].length;
    else {
      const before = /,\s*$/.exec(document.text.slice(Math.max(0, start - 200), start));
      if (before) start -= before[0].length;
    }
    return { range: { start: document.positionAt(start), end: document.positionAt(end), ...(file !== undefined ? { file } : {}) }, newText: '' };
  }

  model(call: GeminiCall): ModelInfo | undefined {
    const value = call.model;
    if (value?.kind !== 'string') return undefined;
    const id = value.value.replace(/^models\//, '');
    const { findings, info } = checkModel(value, this.facts, (v, t) => this.replaceValue(v, t), true, this.successors);
    this.findings.push(...findings);
    if (!info) return undefined;
    const action = actionOf(call.method);
    if (action && info.supportedActions.length > 0 && !info.supportedActions.includes(action) && !(action === 'countTokens' && info.supportedActions.includes('generateContent'))) {
      this.add('model-unsupported-method', value.range, `${id} does not support ${action} (it supports ${info.supportedActions.join(', ')}; ${this.facts.label}).`);
    }
    return info;
  }

  private number(entry: Entry | undefined): number | undefined {
    return entry?.value.kind === 'number' ? entry.value.value : undefined;
  }

  private clamp(entry: Entry, value: number, low: number, high: number): CallFinding['fix'] {
    const clamped = Math.min(high, Math.max(low, value));
    return { title: `Change to ${clamped}`, edits: [this.replaceValue(entry.value, String(clamped))] };
  }

  params(call: GeminiCall, info: ModelInfo | undefined): void {
    const config = call.config;
    if (!config) return;
    const id = call.model?.kind === 'string' ? call.model.value.replace(/^models\//, '') : undefined;
    const limits = `${this.facts.label}`;
    for (const entry of config.entries) {
      if (entry.value.kind === 'tuple' && entry.value.items.every((i) => i.kind === 'number')) {
        const digits = entry.value.text.replace(/[\s,]/g, '');
        const thousands = /^\d{1,3}(?:\s*,\s*\d{3})+$/.test(entry.value.text.trim());
        this.add('invalid-literal', entry.value.range, `Python reads ${entry.value.text.trim()} as a tuple, not a number.${thousands ? ` Write ${digits}.` : ''}`,
          thousands ? { title: `Change to ${digits}`, edits: [this.replaceValue(entry.value, digits)] } : undefined);
      }
    }
    const get = (name: string) => field(config, name);
    const temperature = get('temperature');
    const t = this.number(temperature);
    const maxTemperature = info?.maxTemperature ?? 2;
    if (temperature && t !== undefined && (t < 0 || t > maxTemperature)) {
      this.add('temperature-out-of-range', temperature.value.range, `temperature ${t} is outside 0–${maxTemperature}${info?.maxTemperature !== undefined ? ` (${id}'s maxTemperature, ${limits})` : ''}.`, this.clamp(temperature, t, 0, maxTemperature));
    }
    const topP = get('topP');
    const p = this.number(topP);
    if (topP && p !== undefined && (p < 0 || p > 1)) this.add('topP-out-of-range', topP.value.range, `topP ${p} is outside 0–1.`, this.clamp(topP, p, 0, 1));
    const topK = get('topK');
    const k = this.number(topK);
    if (topK && k !== undefined) {
      if (k < 1 || !Number.isInteger(k)) this.add('topK-unsupported', topK.value.range, `topK ${k} must be a positive integer.`);
      else if (info && this.facts.source !== 'snapshot' && info.topK === undefined) this.add('topK-unsupported', topK.key ? topK.keyRange : topK.value.range, `${id} takes no topK (it samples by topP only; ${limits}).`);
    }
    const candidates = get('candidateCount');
    const c = this.number(candidates);
    if (candidates && c !== undefined && (c < 1 || c > 8 || !Number.isInteger(c))) {
      this.add('candidateCount-out-of-range', candidates.value.range, `candidateCount ${c} must be an integer from 1 to 8.`, this.clamp(candidates, Math.round(c), 1, 8));
    }
    const maxOutput = get('maxOutputTokens');
    const m = this.number(maxOutput);
    if (maxOutput && m !== undefined) {
      if (m < 1 || !Number.isInteger(m)) this.add('maxOutputTokens-invalid', maxOutput.value.range, `maxOutputTokens ${m} must be a positive integer.`);
      else if (info?.outputTokenLimit !== undefined && m > info.outputTokenLimit) {
        this.add('maxOutputTokens-over-limit', maxOutput.value.range, `maxOutputTokens ${m} is above ${id}'s output limit of ${info.outputTokenLimit} (${limits}).`, this.clamp(maxOutput, m, 1, info.outputTokenLimit));
      }
    }
    const stops = get('stopSequences');
    if (stops?.value.kind === 'array' && stops.value.items.length > 5) this.add('stopSequences-too-many', stops.value.range, `${stops.value.items.length} stop sequences: the API takes at most 5.`);
    this.thinking(get('thinkingConfig')?.value, id, info);
    const schema = get('responseSchema') ?? get('responseJsonSchema');
    if (schema && schema.value.kind !== 'null') {
      const mime = get('responseMimeType');
      const mimeText = mime?.value.kind === 'string' ? mime.value.value : undefined;
      if (!mime) this.add('responseSchema-without-json-mime', schema.keyRange, `${camelName(schema.key)} needs responseMimeType "application/json" (or "text/x.enum" for an enum schema).`);
      else if (mimeText !== undefined && mimeText !== 'application/json' && mimeText !== 'text/x.enum') {
        this.add('responseSchema-without-json-mime', mime.value.range, `responseMimeType "${mimeText}" with ${camelName(schema.key)}: the schema needs "application/json".`, { title: 'Change to application/json', edits: [this.replaceValue(mime.value, 'application/json')] });
      }
    }
    const logprobs = get('logprobs');
    if (logprobs && logprobs.value.kind !== 'null') {
      const enabled = get('responseLogprobs');
      if (!(enabled?.value.kind === 'boolean' && enabled.value.value) && enabled?.value.kind !== 'unknown') {
        this.add('logprobs-without-responseLogprobs', logprobs.keyRange, 'logprobs needs responseLogprobs: true.');
      }
    }
  }

  private thinking(thinking: Value | undefined, id: string | undefined, info: ModelInfo | undefined): void {
    if (thinking?.kind !== 'object') return;
    const budget = field(thinking, 'thinkingBudget');
    const level = field(thinking, 'thinkingLevel');
    if (budget && level) this.add('thinkingBudget-and-thinkingLevel', level.keyRange, 'thinkingBudget and thinkingLevel together: the API answers 400. Keep one (Gemini 3 uses thinkingLevel).');
    if (info?.thinking === false && this.facts.source !== 'snapshot') this.add('thinking-unsupported', (budget ?? level)?.keyRange ?? thinking.range, `${id} does not think (${this.facts.label}): drop thinkingConfig.`);
    const b = budget?.value.kind === 'number' ? budget.value.value : undefined;
    if (!budget || b === undefined || !id) return;
    if (/^gemini-3/.test(id)) {
      this.add('thinking-unsupported', budget.keyRange, `Gemini 3 models use thinkingLevel (low, high…); thinkingBudget is kept only for compatibility.`, undefined, 'info');
      return;
    }
    const range = thinkingRange(id);
    if (!range || b === -1) return;
    if (b === 0 && !range.zeroAllowed) {
      this.add('thinkingBudget-out-of-range', budget.value.range, `${range.label} only works in thinking mode: a thinkingBudget of 0 is refused ("Budget 0 is invalid"). Use ${range.min}–${range.max}, or -1 for dynamic.`,
        { title: 'Change to -1 (dynamic)', edits: [this.replaceValue(budget.value, '-1')] });
    } else if ((b < range.min && !(b === 0 && range.zeroAllowed)) || b > range.max) {
      this.add('thinkingBudget-out-of-range', budget.value.range, `thinkingBudget ${b} is outside ${range.label}'s ${range.min}–${range.max}${range.zeroAllowed ? ' (0 turns thinking off)' : ''}; -1 is dynamic.`, this.clamp(budget, b, range.min, range.max));
    }
  }

  misplaced(call: GeminiCall): void {
    for (const entry of call.misplaced) {
      const name = camelName(entry.key);
      const entryText = this.textOf(entry.range);
      let fix: CallFinding['fix'];
      if (call.config) {
        const source = this.textOf(call.config.range);
        const open = source.search(/[{(]/);
        const { file } = call.config.range;
        const document = this.document(file);
        if (open >= 0 && document) {
          const insertAt = document.positionAt(document.offsetAt(call.config.range.start) + open + 1);
          fix = { title: 'Move into config', edits: [this.deleteEntry(entry), { range: { start: insertAt, end: insertAt, ...(file !== undefined ? { file } : {}) }, newText: ` ${entryText},` }] };
        }
      } else if (call.api === 'genai') {
        fix = { title: 'Move into config', edits: [{ range: entry.range, newText: `config: { ${entryText} }` }] };
      }
      this.add('config-misplaced', entry.keyRange, `${name} beside config is ignored by @google/genai: it belongs inside config.`, fix);
    }
  }

  /** Model names anywhere in the code, outside the calls already checked: retired, deprecated, auto-routed. */
  modelNames(extraction: Extraction): void {
    const key = (r: Range) => `${r.file ?? ''}:${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
    const checked = new Set(extraction.calls.flatMap((c) => (c.model ? [key(c.model.range)] : [])));
    for (const literal of extraction.modelLiterals) {
      if (checked.has(key(literal.range))) continue;
      checked.add(key(literal.range));
      this.findings.push(...checkModel(literal, this.facts, (value, newText) => this.replaceValue(value, newText), false, this.successors).findings);
    }
  }

  safety(value: Value | undefined): void {
    if (value?.kind !== 'array') return;
    for (const item of value.items) {
      for (const [name, allowed, what] of [['category', HARM_CATEGORIES, 'HarmCategory'], ['threshold', THRESHOLDS, 'HarmBlockThreshold']] as const) {
        const entry = field(item, name);
        const text = entry?.value.kind === 'string' ? entry.value.value : entry?.value.kind === 'unknown' && /^[\w.]+$/.test(entry.value.text) ? entry.value.text : undefined;
        if (!entry || text === undefined) continue;
        const last = lastSegment(text);
        if (!/^[A-Z_]+$/.test(last) || allowed.has(last)) continue;
        const near = suggestions(last, [...allowed]);
        this.add('safety-setting-invalid', entry.value.range, `${last} is not a ${what}.${near[0] ? ` Did you mean ${near[0]}?` : ''}`);
      }
    }
  }
}

/** What a call rule sees: the call, and the model facts of its model when they are known. */
export interface CallContext {
  readonly call: GeminiCall;
  /** The model's facts; undefined for an unknown, retired or non-literal model. */
  readonly info: ModelInfo | undefined;
  /** The model id without `models/`, when it is a literal. */
  readonly modelId: string | undefined;
}

/** A rule over one call. */
export type CallRule = (v: Validation, context: CallContext) => void;
/** A rule over the whole file (its text and everything extracted). */
export type FileRule = (v: Validation, extraction: Extraction, text: string) => void;

/**
 * The call rules, in order. A new rule is a function here: it reads the call (`context.call.config`,
 * `context.info` for the model's limits) and reports with `v.add(ruleId, range, message, fix?)`; its id
 * and source go in rules.ts.
 */
export const callRules: readonly CallRule[] = [
  (v, { call, info }) => v.params(call, info),
  (v, { call }) => v.findings.push(...checkGemini3Params(call, v.facts, (value, newText) => v.replaceValue(value, newText))),
  (v, { call }) => v.misplaced(call),
  (v, { call }) => v.safety(call.safetySettings),
  ...requestRules,
];

/** The file rules, in order (problems found while reading the file come first, then these). */
export const fileRules: readonly FileRule[] = [
  (v, extraction) => v.modelNames(extraction),
  ...fileRequestRules,
];

/** What validation may be given beside the file: the files its imported values come from. */
export interface ValidateOptions {
  /** The texts of the other files whose values the calls use, by the `file` their ranges carry (for fixes there). */
  readonly sources?: ReadonlyMap<string, string>;
  /** How messages name this file, on findings reported in another file (`src/main.ts`). */
  readonly name?: string;
}

/**
 * Every finding for the file: its calls, the model names anywhere in its code, and problems of the
 * file itself. A value imported from another file is reported there, at its definition (the
 * finding's `range.file`), with the call that uses it named in the message; its fix edits that file.
 */
export function validate(extraction: Extraction, text: string, facts: ModelFacts, options: ValidateOptions = {}): CallFinding[] {
  const v = new Validation(text, facts, options.sources);
  for (const problem of extraction.problems) v.add(problem.ruleId as RuleId, problem.range, problem.message, undefined, problem.severity);
  for (const call of extraction.calls) {
    const first = v.findings.length;
    const info = v.model(call);
    const context: CallContext = { call, info, modelId: call.model?.kind === 'string' ? call.model.value.replace(/^models\//, '') : undefined };
    for (const rule of callRules) rule(v, context);
    for (let i = first; i < v.findings.length; i++) {
      const finding = v.findings[i]!;
      if (finding.range.file === undefined && v.canEdit(finding.fix)) continue;
      const { fix, ...rest } = finding;
      const used = finding.range.file === undefined ? '' : ` Used by the call at ${options.name ?? 'another file'}:${call.range.start.line + 1}.`;
      v.findings[i] = { ...rest, message: `${finding.message}${used}`, ...(fix && v.canEdit(fix) ? { fix } : {}) };
    }
  }
  for (const rule of fileRules) rule(v, extraction, text);
  return v.findings;
}

/** A call as the CLI reports it: the generation settings resolved, by camelCase name. */
export function callParams(call: GeminiCall): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const plain = (value: Value): unknown => {
    switch (value.kind) {
      case 'string':
      case 'number':
      case 'boolean':
        return value.value;
      case 'null':
        return null;
      case 'array':
        return value.items.map(plain);
      case 'object':
        return Object.fromEntries(value.entries.map((e) => [camelName(e.key), plain(e.value)]));
      default:
        return `<${value.kind === 'tuple' ? value.text : value.text}>`;
    }
  };
  for (const entry of [...(call.config?.entries ?? []), ...call.misplaced]) {
    if (normalKey(entry.key) === 'thinkingconfig' && entry.value.kind === 'object') {
      for (const inner of entry.value.entries) params[camelName(inner.key)] = plain(inner.value);
    } else params[camelName(entry.key)] = plain(entry.value);
  }
  return params;
}
