/**
 * What the editor says about a model id: its name, limits, thinking, lifecycle with dates and
 * source, and where the facts came from (live, cached, the snapshot). The hover, the completion
 * items and the Models view's tooltips all read this.
 */
import { describeShutdown, isDeprecatedStatus, lifecycleOf, statusLabel, thinkingRange, type LifecycleEntry } from './lifecycle';
import { describeLimits } from './present';
import { isGemini3, thinkingLevelsOf } from './thinking';
import type { ModelInfo, ModelSourceKind } from './types';

/** The models at hand and where they came from. */
export interface ModelCatalog {
  readonly source: ModelSourceKind;
  /** `live`, `cached at 14:05`, `offline snapshot (2026-11-30)`. */
  readonly label: string;
  readonly models: readonly ModelInfo[];
  /** YYYY-MM-DD, for the days left before a shutdown. */
  readonly today?: string;
}

const number = (n: number) => n.toLocaleString('en-US');

/** Markdown-escapes text from the API or a file. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}

const link = (title: string, url: string) => `[${escapeMarkdown(title)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;

/** Thinking in words: "thinkingLevel low, medium, high (default medium)", "thinkingBudget 128–32,768 (-1 dynamic)". */
export function describeThinking(id: string, info: ModelInfo | undefined): string | undefined {
  const levels = thinkingLevelsOf(id);
  if (levels && levels.levels.length > 0) {
    return `thinkingLevel ${levels.levels.join(', ')}${'defaultLevel' in levels && levels.defaultLevel ? ` (default ${levels.defaultLevel})` : ''}`;
  }
  if (isGemini3(id)) return 'thinkingLevel (levels not published for this model; the API names them in its 400)';
  const range = thinkingRange(id);
  if (range) {
    const zero = !range.zeroAllowed ? ', no 0' : range.min > 0 ? ' or 0 (off)' : ' (0 turns it off)';
    return `thinkingBudget ${number(range.min)}–${number(range.max)}${zero}; -1 dynamic; no thinkingLevel`;
  }
  if (info?.thinking === true) return 'yes';
  if (info?.thinking === false) return 'no';
  return undefined;
}

/** The lifecycle line: "deprecated: shutdown announced for 2026-12-01, 1 day left — …". */
export function describeLifecycle(entry: LifecycleEntry, today?: string): string {
  const parts = [statusLabel(entry)];
  if (entry.released) parts.push(`released ${entry.released}`);
  const shutdown = describeShutdown(entry, today);
  if (shutdown && entry.status !== 'shut-down') parts.push(shutdown);
  else if (shutdown) parts[0] = shutdown;
  if (entry.note) parts.push(entry.note);
  return parts.join('; ');
}

export interface ModelCard {
  readonly id: string;
  readonly info?: ModelInfo;
  readonly lifecycle?: LifecycleEntry;
  /** false: the live list does not hold it; undefined: nothing live to say. */
  readonly availableToKey?: boolean;
  readonly deprecated: boolean;
}

export function modelCard(id: string, catalog: ModelCatalog): ModelCard {
  const model = id.replace(/^models\//, '');
  const info = catalog.models.find((m) => m.id === model);
  const lifecycle = lifecycleOf(model);
  const live = catalog.source !== 'snapshot';
  return {
    id: model,
    ...(info ? { info } : {}),
    ...(lifecycle ? { lifecycle } : {}),
    ...(live ? { availableToKey: info !== undefined } : {}),
    deprecated: isDeprecatedStatus(lifecycle?.status) && !(live && info && lifecycle?.status === 'shut-down'),
  };
}

/** A short badge for lists: "deprecated · shutdown 2026-12-01", "auto-routed to gemini-3.8-flash", "preview". */
export function lifecycleBadge(entry: LifecycleEntry | undefined): string | undefined {
  if (!entry) return undefined;
  if (entry.status === 'stable') return entry.shutdown ? `planned shutdown ${entry.shutdown}` : undefined;
  return `${statusLabel(entry)}${entry.shutdown && entry.status !== 'shut-down' ? ` · shutdown ${entry.shutdown}` : entry.shutdown ? ` ${entry.shutdown}` : ''}`;
}

/** The hover's Markdown (trusted: no command links, every text from outside escaped). */
export function modelCardMarkdown(card: ModelCard, catalog: ModelCatalog, successor?: string): string {
  const { info, lifecycle } = card;
  const title = info?.displayName ? `**${escapeMarkdown(info.displayName)}** \`${card.id}\`` : `**\`${card.id}\`**`;
  const lines = [title, ''];
  if (card.availableToKey === false) {
    lines.push(`**Not available to your key**: the API does not list it (${escapeMarkdown(catalog.label)}).`, '');
  } else if (!info && catalog.source === 'snapshot') {
    lines.push(`Not in the ${escapeMarkdown(catalog.label)}${lifecycle ? '' : ': it may be newer than the snapshot, or misspelt. Set an API key to check it against the live list'}.`, '');
  }
  const rows: [string, string][] = [];
  if (info) rows.push(['Limits', describeLimits(info) || 'unknown']);
  const thinking = describeThinking(card.id, info);
  if (thinking) rows.push(['Thinking', escapeMarkdown(thinking)]);
  if (isGemini3(card.id)) rows.push(['Temperature', 'keep the default 1.0 (lower may loop)']);
  if (lifecycle) rows.push(['Lifecycle', `${isDeprecatedStatus(lifecycle.status) ? '⚠ ' : ''}${escapeMarkdown(describeLifecycle(lifecycle, catalog.today))}`]);
  if (successor && card.deprecated) rows.push(['Move to', `\`${successor}\``]);
  if (card.availableToKey === true) rows.push(['Your key', 'listed by the API: available']);
  if (rows.length > 0) lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  const facts: string[] = [];
  if (info) {
    const where = catalog.source === 'live' ? 'the API, live for your key' : catalog.source === 'cache' ? `the API, ${escapeMarkdown(catalog.label)}` : escapeMarkdown(catalog.label);
    const url = info.source && /^https:\/\/\S+/.exec(info.source)?.[0];
    facts.push(`Limits: ${where}${url ? `, from ${link(url.replace(/^https:\/\//, '').replace(/[?#].*$/, ''), url)}` : ''}`);
  }
  if (lifecycle) {
    const also = [...(lifecycle.conflicting ?? []).map((a) => link(`${a.date}: ${a.by}`, a.source.url)), ...(lifecycle.seeAlso ?? []).map((s) => link(s.title, s.url))];
    facts.push(`Lifecycle: ${link(lifecycle.source.title, lifecycle.source.url)}, read ${lifecycle.source.read}${also.length > 0 ? `; see also ${also.join(', ')}` : ''}. Dates move: the live list decides.`);
  }
  for (const fact of facts) lines.push(`_${fact}_`, '');
  return lines.join('\n').trimEnd();
}

/** A completion item as data: the feature turns it into a CompletionItem. */
export interface ModelCompletion {
  readonly id: string;
  readonly detail: string;
  readonly deprecated: boolean;
  /** Deprecated models last; newer versions first within each. */
  readonly sortText: string;
}

export function modelCompletions(catalog: ModelCatalog): ModelCompletion[] {
  const version = (id: string) => Number(/^gemini-(\d+(?:\.\d+)?)/.exec(id)?.[1] ?? 0);
  const sorted = [...catalog.models].sort((a, b) => version(b.id) - version(a.id) || a.id.localeCompare(b.id));
  return sorted.map((model, index) => {
    const card = modelCard(model.id, catalog);
    const badge = lifecycleBadge(card.lifecycle);
    const limits = describeLimits(model);
    return {
      id: model.id,
      detail: [limits || 'limits unknown', badge].filter(Boolean).join(' · '),
      deprecated: card.deprecated,
      sortText: `${card.deprecated ? 1 : 0}-${String(index).padStart(4, '0')}`,
    };
  });
}
