/**
 * The lifecycle of Gemini model ids: released, preview, deprecated with a shutdown date, auto-routed
 * to another model, closed to new users, shut down; each entry with its public source and the day
 * that source was read. Dates that moved are kept as conflicting announcements and shown as such,
 * never asserted beyond what the source says. A live listing wins over this table (see modelStatus).
 */

export type LifecycleStatus = 'preview' | 'stable' | 'deprecated' | 'auto-routed' | 'closed-to-new-users' | 'shut-down';

export interface LifecycleSource {
  readonly url: string;
  /** What the page is, in a few words: "Gemini API deprecations page". */
  readonly title: string;
  /** The day the source was read (YYYY-MM-DD). */
  readonly read: string;
}

/** One announcement of a date, for lifecycles whose announced date has moved. */
export interface Announcement {
  /** YYYY-MM-DD, or a phrase such as "no earlier than 2026-10-16". */
  readonly date: string;
  readonly by: string;
  readonly source: LifecycleSource;
}

export interface LifecycleEntry {
  /** Matches the model id (without `models/`). */
  readonly pattern: RegExp;
  /** The ids the entry covers, as people write them (for docs and tests). */
  readonly ids: string;
  readonly status: LifecycleStatus;
  readonly released?: string;
  /** The announced (or past) shutdown day; for a stable model, a planned one. */
  readonly shutdown?: string;
  /** Other dates announced for the same shutdown: the date has moved. */
  readonly conflicting?: readonly Announcement[];
  /** The model that answers for this id (auto-routed ids). */
  readonly routedTo?: string;
  /** What Google (or the cited source) names as the replacement; the quick fix follows the chain past deprecated ones. */
  readonly successor?: string;
  /** A short remark shown with the status ("remains available until further notice"). */
  readonly note?: string;
  readonly source: LifecycleSource;
  /** Further sources for the note. */
  readonly seeAlso?: readonly LifecycleSource[];
}

const READ = '2026-11-30';
const SNAPSHOT_READ = '2026-11-27';
export const DEPRECATIONS: LifecycleSource = { url: 'https://ai.google.dev/gemini-api/docs/deprecations', title: 'Gemini API deprecations page', read: READ };
const DEPRECATIONS_EARLIER: LifecycleSource = { ...DEPRECATIONS, title: 'Gemini API deprecations page (earlier version)', read: SNAPSHOT_READ };
const MODELS_PAGE: LifecycleSource = { url: 'https://ai.google.dev/gemini-api/docs/models', title: 'Gemini API models page', read: READ };
const FLASH_38: LifecycleSource = { url: 'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-8-flash', title: 'Gemini 3.8 Flash model page (Google Cloud)', read: READ };
const FLASH_37: LifecycleSource = { url: 'https://ai.google.dev/gemini-api/docs/models/gemini-3.7-flash', title: 'Gemini 3.7 Flash model page', read: READ };
const FLASH_35: LifecycleSource = { url: 'https://github.com/simstudioai/sim/issues/4660', title: 'public issue simstudioai/sim#4660', read: READ };
const NEW_USERS: LifecycleSource = { url: 'https://github.com/google-gemini/gemini-cli/issues/24131', title: 'public issue google-gemini/gemini-cli#24131 (404 "no longer available to new users")', read: READ };
const VERTEX_MAIL: LifecycleSource = { url: 'https://www.gcpstudyhub.com/', title: 'Vertex AI notice quoted by gcpstudyhub.com', read: READ };
const THIRD_PARTY_DEC: LifecycleSource = { url: 'https://dev.to/aideprecations', title: 'third-party report on dev.to (2026-11-10)', read: READ };

const shutDown25: readonly Announcement[] = [
  { date: '2026-06-17', by: 'an earlier version of the deprecations page (2026-06-01 for some ids)', source: DEPRECATIONS_EARLIER },
  { date: 'no earlier than 2026-10-16', by: 'a Vertex AI notice', source: VERTEX_MAIL },
];

/**
 * Most specific patterns first: the first entry that matches an id is its lifecycle. Ids that match
 * no entry have no known lifecycle (the live list, or nothing, says whether they exist).
 */
export const lifecycleTable = [
  // Gemini 3
  { pattern: /^gemini-3\.8-flash$/, ids: 'gemini-3.8-flash', status: 'stable', released: '2026-09-02', source: FLASH_38 },
  { pattern: /^gemini-3\.7-flash$/, ids: 'gemini-3.7-flash', status: 'auto-routed', released: '2026-08-13', routedTo: 'gemini-3.8-flash', successor: 'gemini-3.8-flash', note: 'deprecated; requests are automatically routed to gemini-3.8-flash', source: FLASH_37 },
  { pattern: /^gemini-3\.6-flash$/, ids: 'gemini-3.6-flash', status: 'stable', released: '2026-07-21', note: 'listed on the deprecations page without a shutdown date', source: DEPRECATIONS },
  { pattern: /^gemini-3\.5-flash$/, ids: 'gemini-3.5-flash', status: 'deprecated', released: '2026-05-19', successor: 'gemini-3.6-flash', note: 'reported as replaced by gemini-3.6-flash; no shutdown date announced', source: FLASH_35 },
  { pattern: /^gemini-3\.5-flash-lite$/, ids: 'gemini-3.5-flash-lite', status: 'stable', released: '2026-07-21', source: MODELS_PAGE },
  { pattern: /^gemini-3\.1-flash-lite$/, ids: 'gemini-3.1-flash-lite', status: 'stable', released: '2026-05-07', shutdown: '2027-05-07', note: 'planned shutdown', source: DEPRECATIONS },
  { pattern: /^gemini-3\.1-pro-preview$/, ids: 'gemini-3.1-pro-preview', status: 'preview', released: '2026-02-19', note: 'no shutdown announced', source: DEPRECATIONS },
  { pattern: /^gemini-3-flash-preview$/, ids: 'gemini-3-flash-preview', status: 'preview', released: '2025-12-17', source: DEPRECATIONS },
  { pattern: /^gemini-3-pro-preview$/, ids: 'gemini-3-pro-preview', status: 'shut-down', shutdown: '2026-03-09', successor: 'gemini-3.1-pro-preview', source: DEPRECATIONS },
  { pattern: /^gemini-3(?:\.1-flash|-pro)-image-preview$/, ids: 'gemini-3.1-flash-image-preview, gemini-3-pro-image-preview', status: 'shut-down', shutdown: '2026-06-25', source: DEPRECATIONS },
  // Gemini 2.5
  { pattern: /^gemini-2\.5-(?:pro|flash|flash-lite)-(?:preview|exp)-\d{2}-\d{2}$/, ids: 'gemini-2.5-pro-preview-03-25/05-06/06-05 and other dated 2.5 previews', status: 'shut-down', shutdown: '2025-12-02', source: DEPRECATIONS },
  { pattern: /^gemini-live-2\.5-flash-preview$/, ids: 'gemini-live-2.5-flash-preview', status: 'shut-down', shutdown: '2025-12-09', successor: 'gemini-2.5-flash-native-audio-preview-12-2025', source: DEPRECATIONS },
  { pattern: /^gemini-2\.5-pro$/, ids: 'gemini-2.5-pro', status: 'deprecated', shutdown: '2026-12-01', conflicting: shutDown25, successor: 'gemini-3.1-pro-preview',
    note: 'no longer available to new users since about 2026-07', source: THIRD_PARTY_DEC, seeAlso: [NEW_USERS] },
  { pattern: /^gemini-2\.5-flash$/, ids: 'gemini-2.5-flash', status: 'deprecated', shutdown: '2026-12-01', conflicting: shutDown25, successor: 'gemini-3.8-flash',
    note: 'no longer available to new users since about 2026-07', source: THIRD_PARTY_DEC, seeAlso: [NEW_USERS] },
  { pattern: /^gemini-2\.5-flash-lite$/, ids: 'gemini-2.5-flash-lite', status: 'stable', note: 'remains available until further notice (an earlier deprecations page listed 2026-07)', source: DEPRECATIONS },
  // Gemini 2.0 and older
  { pattern: /^gemini-2\.0-flash-live\b/, ids: 'gemini-2.0-flash-live-001', status: 'shut-down', shutdown: '2025-12-09', successor: 'gemini-2.5-flash-native-audio-preview-12-2025', source: DEPRECATIONS },
  { pattern: /^gemini-2\.0-flash-lite\b/, ids: 'gemini-2.0-flash-lite(-001)', status: 'shut-down', shutdown: '2026-06-01', successor: 'gemini-2.5-flash-lite', note: 'an earlier deprecations page said 2026-02-01', source: DEPRECATIONS },
  { pattern: /^gemini-2\.0-flash\b/, ids: 'gemini-2.0-flash(-001), gemini-2.0-flash-exp', status: 'shut-down', shutdown: '2026-06-01', successor: 'gemini-2.5-flash', note: 'an earlier deprecations page said 2026-02-01', source: DEPRECATIONS },
  { pattern: /^gemini-1\.5-flash-8b\b/, ids: 'gemini-1.5-flash-8b*', status: 'shut-down', successor: 'gemini-2.5-flash-lite', source: DEPRECATIONS },
  { pattern: /^gemini-1\.5-flash\b/, ids: 'gemini-1.5-flash*', status: 'shut-down', successor: 'gemini-2.5-flash', source: DEPRECATIONS },
  { pattern: /^gemini-1\.5-pro\b/, ids: 'gemini-1.5-pro*', status: 'shut-down', successor: 'gemini-2.5-pro', source: DEPRECATIONS },
  { pattern: /^gemini-1\.0-pro\b/, ids: 'gemini-1.0-pro*', status: 'shut-down', successor: 'gemini-2.5-flash', source: DEPRECATIONS },
  { pattern: /^gemini-pro-vision$/, ids: 'gemini-pro-vision', status: 'shut-down', successor: 'gemini-2.5-flash', source: DEPRECATIONS },
  { pattern: /^gemini-pro$/, ids: 'gemini-pro', status: 'shut-down', successor: 'gemini-2.5-flash', source: DEPRECATIONS },
  { pattern: /^imagen-3\.0-generate-002$/, ids: 'imagen-3.0-generate-002', status: 'shut-down', shutdown: '2025-11-10', successor: 'imagen-4.0-generate-001', source: DEPRECATIONS },
] as const satisfies readonly LifecycleEntry[];

const bare = (id: string) => id.replace(/^models\//, '');

/** The table's lifecycle of a model id, when it has one. */
export function lifecycleOf(id: string): LifecycleEntry | undefined {
  const model = bare(id);
  return (lifecycleTable as readonly LifecycleEntry[]).find((entry) => entry.pattern.test(model));
}

/** A shut-down id (404 today, by the table). Kept under its old name for the validator. */
export interface RetiredModel {
  readonly shutdown?: string;
  readonly successor: string;
  readonly source: string;
}

/** `-latest` aliases move to a new model without notice: valid, but worth knowing. */
export function isMovingAlias(id: string): boolean {
  return /^(?:models\/)?gemini-(?:[\d.]+-)?(?:pro|flash|flash-lite)-latest$/.test(id);
}

/** Whether a status means the id should not be used in new code. */
export function isDeprecatedStatus(status: LifecycleStatus | undefined): boolean {
  return status === 'deprecated' || status === 'auto-routed' || status === 'closed-to-new-users' || status === 'shut-down';
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when past; undefined for a phrase. */
export function daysUntil(date: string, today: string): number | undefined {
  const parse = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) : undefined);
  const a = parse(date);
  const b = parse(today);
  return a === undefined || b === undefined ? undefined : Math.round((a - b) / 86_400_000);
}

/** "shutdown announced for 2026-12-01 — this date has moved before (…); source: …". */
export function describeShutdown(entry: LifecycleEntry, today?: string): string | undefined {
  if (!entry.shutdown) return undefined;
  const days = today ? daysUntil(entry.shutdown, today) : undefined;
  const left = days === undefined ? '' : days > 1 ? `, ${days} days left` : days === 1 ? ', 1 day left' : days === 0 ? ', today' : '';
  if (entry.status === 'shut-down') return `shut down ${entry.shutdown}`;
  const verb = entry.status === 'stable' || entry.status === 'preview' ? 'planned shutdown' : 'shutdown announced for';
  const moved = entry.conflicting && entry.conflicting.length > 0
    ? ` — this date has moved before (also announced: ${entry.conflicting.map((a) => a.date).join('; ')})`
    : '';
  return `${verb} ${entry.shutdown}${left}${moved}`;
}

/** The status in words: "deprecated", "auto-routed to gemini-3.8-flash", "shut down". */
export function statusLabel(entry: LifecycleEntry): string {
  switch (entry.status) {
    case 'auto-routed':
      return `auto-routed to ${entry.routedTo ?? 'a newer model'}`;
    case 'closed-to-new-users':
      return 'no longer available to new users';
    case 'shut-down':
      return 'shut down';
    default:
      return entry.status;
  }
}

/** Thinking budgets each model accepts; -1 (dynamic) is accepted by all. */
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
  return thinkingRanges.find((r) => r.pattern.test(bare(id)));
}
