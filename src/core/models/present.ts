/** How models are grouped, described and filtered in the Models view (and the CLI's table). */
import type { ModelInfo } from './types';

export type ModelKind = 'generation' | 'embedding' | 'media' | 'other';

/** What a model id produces, read from its name: suggestions never cross these. */
export type IdKind = 'text' | 'image' | 'speech' | 'live-audio' | 'video' | 'embedding';

export function idKind(id: string): IdKind {
  const model = id.replace(/^models\//, '');
  // Loose on purpose: a misspelt id (`-imag`, `-embeding`) keeps its kind.
  if (/embed/.test(model)) return 'embedding';
  if (/imag/.test(model)) return 'image';
  if (/tts\b/.test(model)) return 'speech';
  if (/audio|\blive\b/.test(model)) return 'live-audio';
  if (/^veo/.test(model)) return 'video';
  return 'text';
}
export type ModelGroupId = 'stable' | 'preview' | 'embedding' | 'other';

export const groupTitles: Record<ModelGroupId, string> = {
  stable: 'Stable',
  preview: 'Preview and experimental',
  embedding: 'Embedding',
  other: 'Images, video, audio and other',
};

/** `models/gemini-2.5-pro` → `gemini-2.5-pro`. */
export function modelId(name: string): string {
  return name.replace(/^models\//, '');
}

export function modelKind(model: ModelInfo): ModelKind {
  const actions = model.supportedActions;
  if (actions.includes('generateContent')) return 'generation';
  if (actions.includes('embedContent') || actions.includes('embedText')) return 'embedding';
  if (actions.includes('predict') || actions.includes('predictLongRunning') || actions.includes('bidiGenerateContent')) return 'media';
  return 'other';
}

export function isPreview(model: ModelInfo): boolean {
  return /(?:^|-)(?:preview|exp|experimental)(?:-|$)|-\d{2}-\d{2}$/.test(model.id);
}

/**
 * Groups by what a developer picks first: stable generation models, then previews (which change and
 * are shut down at short notice), then embedding models, then the rest. Names already carry the
 * family, so grouping by family would repeat them.
 */
export function groupOf(model: ModelInfo): ModelGroupId {
  const kind = modelKind(model);
  if (kind === 'embedding' || idKind(model.id) === 'embedding') return 'embedding';
  if (kind !== 'generation' || idKind(model.id) !== 'text') return 'other';
  return isPreview(model) ? 'preview' : 'stable';
}

export interface ModelGroup {
  readonly id: ModelGroupId;
  readonly title: string;
  readonly models: readonly ModelInfo[];
}

/** Newer versions first within a group (gemini-3.1 before gemini-2.5), then by name. */
function compare(a: ModelInfo, b: ModelInfo): number {
  const version = (m: ModelInfo) => Number(/^gemini-(\d+(?:\.\d+)?)/.exec(m.id)?.[1] ?? 0);
  return version(b) - version(a) || a.id.localeCompare(b.id);
}

export function groupModels(models: readonly ModelInfo[]): ModelGroup[] {
  const order: ModelGroupId[] = ['stable', 'preview', 'embedding', 'other'];
  return order
    .map((id) => ({ id, title: groupTitles[id], models: models.filter((m) => groupOf(m) === id).sort(compare) }))
    .filter((group) => group.models.length > 0);
}

const number = (n: number) => n.toLocaleString('en-US');

/** `1,048,576 in · 65,536 out`; only the limits that are known. */
export function describeLimits(model: ModelInfo): string {
  const parts: string[] = [];
  if (model.inputTokenLimit !== undefined) parts.push(`${number(model.inputTokenLimit)} in`);
  if (model.outputTokenLimit !== undefined) parts.push(`${number(model.outputTokenLimit)} out`);
  return parts.join(' · ');
}

/** Models whose id, name or description contain every word of the filter (case-insensitive). */
export function filterModels(models: readonly ModelInfo[], filter: string): ModelInfo[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...models];
  return models.filter((m) => {
    const text = `${m.id} ${m.displayName ?? ''} ${m.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Text from the API as Markdown prose: no markup, and web addresses as code so they never become links. */
function escape(text: string): string {
  return text.replace(/\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/|www\.)[^\s`|]+|([\\`*_{}[\]<>()#+!|~&])/gi, (m, c: string | undefined) => (c ? `\\${c}` : code(m)));
}

/** Text from the API as inline code in a table cell: no backtick, pipe or line break can end it early. */
function code(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `\`${text.replace(/[`|\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 200)}\``;
}

/** The tooltip: everything the API returned for the model. */
export function modelTooltip(model: ModelInfo, origin: string): string {
  const rows: [string, string | undefined][] = [
    ['Id', code(model.id)],
    ['Version', model.version && escape(model.version)],
    ['Input tokens', model.inputTokenLimit === undefined ? 'unknown' : number(model.inputTokenLimit)],
    ['Output tokens', model.outputTokenLimit === undefined ? 'unknown' : number(model.outputTokenLimit)],
    ['Supported actions', model.supportedActions.length > 0 ? model.supportedActions.slice(0, 30).map(code).join(', ') : 'unknown'],
    ['Temperature (default)', model.temperature?.toString()],
    ['Max temperature', model.maxTemperature?.toString()],
    ['topP (default)', model.topP?.toString()],
    ['topK (default)', model.topK?.toString()],
    ['Thinking', model.thinking === undefined ? undefined : model.thinking ? 'yes' : 'no'],
  ];
  const lines = [`**${escape(model.displayName ?? model.id)}**`, ''];
  if (model.description) lines.push(escape(model.description), '');
  lines.push('| | |', '|---|---|', ...rows.filter(([, v]) => v !== undefined).map(([k, v]) => `| ${k} | ${v} |`), '');
  lines.push(`_${escape(origin)}${model.source ? `; ${escape(model.source)}` : ''}_`);
  return lines.join('\n');
}

/** The documentation page of a model (the models page, anchored by its id). */
export function modelDocsUrl(model: ModelInfo): string {
  const family = /^(gemini-\d+(?:\.\d+)?-[a-z]+(?:-lite)?)/.exec(model.id)?.[1];
  return family ? `https://ai.google.dev/gemini-api/docs/models#${family}` : 'https://ai.google.dev/gemini-api/docs/models';
}

const compact = (n: number) => (n >= 1_000_000 && n % 1_048_576 === 0 ? `${n / 1_048_576}M` : n >= 1000 && n % 1024 === 0 ? `${n / 1024}K` : n >= 10_000 ? `${Math.round(n / 1000)}K` : number(n));

/** `1M in · 64K out`: the limits short enough to stay readable beside a name in a narrow sidebar. */
export function shortLimits(model: ModelInfo): string {
  const parts: string[] = [];
  if (model.inputTokenLimit !== undefined) parts.push(`${compact(model.inputTokenLimit)} in`);
  if (model.outputTokenLimit !== undefined) parts.push(`${compact(model.outputTokenLimit)} out`);
  return parts.join(' · ');
}
