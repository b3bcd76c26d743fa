/** How a finding reads: the hover's Markdown, the one-line summary of a diagnostic. */
import { guideSection } from './guide';
import { publicSources } from './sources';
import type { CatalogEntry, DocLink, ErrorDetails, Finding, GuideSectionId } from './types';

/** Web addresses in untrusted text: shown as code, so Markdown never turns them into links. */
const URL_RE = /\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/|www\.)[^\s`]+/gi;

/**
 * The bidirectional formatting characters, as a regex character-class body: they can make text display
 * in another order than it is stored, so untrusted text never keeps them (hovers here, the CLI's output).
 */
export const BIDI_FORMATTING = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

/** Controls, whitespace runs and bidirectional formatting characters: each run becomes one space. */
const UNSAFE_RUN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_FORMATTING}\\s]+`, 'g');

/** Text from the document, made safe for inline code. */
export function code(text: string, max = 120): string {
  const clean = text.replace(/`/g, "'").replace(UNSAFE_RUN, ' ').trim();
  return `\`${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}\``;
}

function escapeProse(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
}

/** Text from the document, made safe for Markdown prose: nothing in it becomes markup, a link or an image. */
export function plain(text: string, max = 300): string {
  const clean = text.replace(UNSAFE_RUN, ' ').trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  let out = '';
  let last = 0;
  for (const m of cut.matchAll(URL_RE)) {
    out += escapeProse(cut.slice(last, m.index)) + code(m[0], 200);
    last = m.index + m[0].length;
  }
  return out + escapeProse(cut.slice(last));
}

/**
 * Hosts of Google's documentation and consoles. A link an error carries (google.rpc.Help) is
 * shown as a link only to these; anything else is shown as code, so a file cannot plant a link.
 */
const DOC_HOSTS = new Set([
  'ai.google.dev',
  'cloud.google.com',
  'developers.google.com',
  'support.google.com',
  'aistudio.google.com',
  'console.cloud.google.com',
  'console.developers.google.com',
  'discuss.ai.google.dev',
]);

/** An https URL on a documentation host, with nothing in it that Markdown would read as markup. */
const SAFE_URL_RE = /^https:\/\/([a-z0-9.-]+)(?:[/?#][A-Za-z0-9\-._~/?#%=&:@!$+,;]*)?$/;

/** Whether a URL may be shown as a link: https, on a Google documentation host, no markup characters. */
export function isDocUrl(url: string): boolean {
  const m = SAFE_URL_RE.exec(url);
  if (!m) return false;
  return DOC_HOSTS.has(m[1]!);
}

/** A documentation link; a URL that is not one becomes its text as code. */
export function link(doc: DocLink): string {
  if (isDocUrl(doc.url)) return `[${plain(doc.title, 80)}](${doc.url})`;
  return `${plain(doc.title, 80)}: ${code(doc.url, 200)}`;
}

/** `429 RESOURCE_EXHAUSTED`, `finishReason RECITATION`, `invalid_request`. */
export function findingLabel(finding: Finding): string {
  switch (finding.kind) {
    case 'finish-reason':
      return `finishReason ${finding.status}`;
    case 'block-reason':
      return `blockReason ${finding.status}`;
    default:
      return finding.httpCode !== undefined ? `${finding.httpCode} ${finding.status}` : finding.status;
  }
}

/** `429 RESOURCE_EXHAUSTED — Quota exceeded`. */
export function findingTitle(finding: Finding): string {
  return `${findingLabel(finding)} — ${finding.entry.title}`;
}

function quotaSentence(d: ErrorDetails): string | undefined {
  const parts: string[] = [];
  if (d.quotaId) parts.push(`quota ${code(d.quotaId)}`);
  if (d.quotaMetric) parts.push(`metric ${code(d.quotaMetric)}`);
  if (d.model) parts.push(`model ${code(d.model)}`);
  if (d.quotaLimit !== undefined) parts.push(`limit ${d.quotaLimit}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The specifics of this error, one Markdown bullet each. */
export function detailBullets(finding: Finding): string[] {
  const d = finding.details;
  const bullets: string[] = [];
  const isQuota = finding.status === 'RESOURCE_EXHAUSTED' || finding.status === 'rate_limit_exceeded' || finding.status === 'quota_exceeded';
  if (d.retryDelay) {
    bullets.push(isQuota && d.quotaLimit === 0
      ? `The error suggests retrying after ${plain(d.retryDelay)}, but a retry meets the same limit of 0.`
      : `Retry after **${plain(d.retryDelay)}** (the error's RetryInfo). Retrying sooner fails again.`);
  }
  if (isQuota && (d.quotaId || d.quotaMetric)) bullets.push(`Exceeded: ${quotaSentence(d)}`);
  if (isQuota && d.quotaLimit === 0) {
    bullets.push('**`limit: 0`**: this model has no free-tier quota for your project. Waiting does not help: enable billing, or use a model with a free tier.');
  }
  if (d.quotaId && /PerDay/.test(d.quotaId)) bullets.push('This is a **daily** quota: it resets once a day, not after a minute.');
  if (d.reason) bullets.push(`Reason: ${code(d.reason)}${d.domain ? ` (${plain(d.domain)})` : ''}`);
  if (!isQuota && (d.model || d.apiVersion)) {
    const parts = [d.model && `model ${code(d.model)}`, d.apiVersion && `API version ${code(d.apiVersion)}`, d.method && `method ${code(d.method)}`].filter(Boolean);
    bullets.push(`Request: ${parts.join(', ')}`);
  }
  if (d.inputTokens !== undefined && d.maxInputTokens !== undefined) {
    bullets.push(`Input: ${d.inputTokens.toLocaleString('en-US')} tokens; this model accepts ${d.maxInputTokens.toLocaleString('en-US')} (${(d.inputTokens / d.maxInputTokens).toFixed(1)}×).`);
  }
  for (const v of d.fieldViolations ?? []) bullets.push(`Field ${code(v.field, 80)}: ${plain(v.description, 160)}`);
  for (const help of d.helpLinks ?? []) bullets.push(`Help link in the error: ${link(help)}`);
  if (d.message && !bullets.some((b) => b.includes(d.message!.slice(0, 30)))) bullets.push(`Message: “${plain(d.message, 240)}”`);
  return bullets;
}

const retryText: Record<CatalogEntry['retry'], string> = {
  yes: 'yes, with exponential backoff',
  'after-delay': 'yes, after the delay the error gives (RetryInfo), with backoff',
  no: 'no: the same request fails the same way until the cause is fixed',
  maybe: 'maybe: it depends on the cause',
};

/** Whether a retry helps, in a sentence; undefined for finish and block reasons (a response, not a failure). */
export function retryLine(finding: Finding): string | undefined {
  if (finding.kind === 'finish-reason' || finding.kind === 'block-reason') return undefined;
  if (finding.details.quotaLimit === 0 && finding.status === 'RESOURCE_EXHAUSTED') return 'no: with a limit of 0 every retry fails the same way';
  return retryText[finding.entry.retry];
}

/** The meaning of the entry, and of the status behind it when that adds something. */
export function meaningOf(finding: Finding): string {
  const { entry, statusEntry } = finding;
  return statusEntry && statusEntry.meaning !== entry.meaning ? `${entry.meaning} ${statusEntry.meaning}` : entry.meaning;
}

/** The catalog's documentation links of the finding (never links from the error text). */
export function docsOf(finding: Finding): DocLink[] {
  const all = [...finding.entry.docs, ...(finding.statusEntry?.docs ?? [])];
  return all.filter((doc, i) => all.findIndex((d) => d.url === doc.url) === i).slice(0, 5);
}

/**
 * The guide sections that apply: those the most specific entry names; the status entry's only when
 * the specific entry names none (a well-known message knows better than its status what applies).
 */
export function sectionsOf(finding: Finding): GuideSectionId[] {
  const own = finding.entry.see ?? [];
  const ids = own.length > 0 ? [...own] : [...(finding.statusEntry?.see ?? [])];
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

/** `[Title](url) · [Title](url)`: the public pages the explanation is based on. */
export function sourcesLine(finding: Finding): string {
  const sources = publicSources(finding.entry.source);
  const shown = sources.length > 0 ? sources : finding.entry.docs.slice(0, 1);
  return shown.map((s) => `[${escapeProse(s.title)}](${s.url})`).join(' · ');
}

const hedgeText = '_Possibly a Gemini API error: nothing around it names Gemini (no Gemini host, SDK, model or message). If it came from the Gemini API:_';

/**
 * The hover: the title and what this error says specifically first, then what to do and whether to
 * retry, then meaning and cause; guide sections and documentation as links; public sources last.
 */
export function renderMarkdown(finding: Finding): string {
  const { entry } = finding;
  const out: string[] = [`**${plain(findingTitle(finding))}**`, ''];
  if (finding.confidence === 'low') out.push(hedgeText, '');
  const bullets = detailBullets(finding);
  if (bullets.length > 0) out.push('**This error says:**', '', ...bullets.map((b) => `- ${b}`), '');
  out.push(`**What to do:** ${entry.fix}`, '');
  const retry = retryLine(finding);
  if (retry) out.push(`**Retry?** ${retry}`, '');
  out.push(`**What it means:** ${meaningOf(finding)}`, '');
  out.push(`**Likely cause:** ${entry.cause}`, '');
  const sections = sectionsOf(finding).map(guideSection);
  const docs = docsOf(finding).filter((doc) => !sections.some((s) => s.url === doc.url));
  const links = [...sections.map((s) => ({ title: s.title, url: s.url })), ...docs];
  if (links.length > 0) out.push(`See: ${links.map(link).join(' · ')}`, '');
  const why = finding.evidence.length > 0 ? `Recognized from ${finding.evidence.join(', ')}.` : 'Recognized from the error shape only.';
  out.push(`_${plain(why)}_ Sources: ${sourcesLine(finding)}. _Catalog id_ \`${entry.id}\``);
  return out.join('\n');
}

/** One line for the Problems panel: title and the most useful specifics; the hover has the rest. */
export function summaryLine(finding: Finding): string {
  const d = finding.details;
  const extras: string[] = [];
  const noFreeTier = d.quotaLimit === 0 && finding.status === 'RESOURCE_EXHAUSTED';
  // With a limit of 0 a retry meets the same limit: the delay would mislead.
  if (d.retryDelay && !noFreeTier) extras.push(`retry after ${d.retryDelay}`);
  if (noFreeTier) extras.push('limit 0: no free tier for this model');
  else if (d.quotaId) extras.push(d.quotaId);
  if (d.reason && !finding.text.includes(d.reason)) extras.push(d.reason);
  if (finding.kind !== 'finish-reason' && d.model && finding.status === 'NOT_FOUND') extras.push(`model ${d.model}${d.apiVersion ? ` (${d.apiVersion})` : ''}`);
  const hedge = finding.confidence === 'low' ? ' (possibly Gemini)' : '';
  const title = findingTitle(finding);
  // Nothing the title already says ("No free tier for this model").
  const shown = extras.filter((extra) => !title.toLowerCase().includes(extra.replace(/^[^:]*: /, '').toLowerCase()));
  return `${title}${shown.length > 0 ? `: ${shown.join('; ')}` : ''}${hedge}`;
}
