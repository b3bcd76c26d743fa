/** How a finding reads: the hover's Markdown, the one-line summary of a diagnostic. */
import { guideSection } from './guide';
import type { CatalogEntry, DocLink, ErrorDetails, Finding, GuideSectionId } from './types';

/** Text from the document, made safe for inline code. */
function code(text: string, max = 120): string {
  const clean = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return `\`${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}\``;
}

/** Text from the document, made safe for Markdown prose. */
function plain(text: string, max = 300): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return cut.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}

function link(doc: DocLink): string {
  return `[${plain(doc.title, 80)}](${doc.url})`;
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
  if (d.message && !bullets.some((b) => b.includes(d.message!.slice(0, 30)))) bullets.push(`Message: “${plain(d.message, 240)}”`);
  return bullets;
}

const retryText: Record<CatalogEntry['retry'], string> = {
  yes: 'yes, with exponential backoff',
  'after-delay': 'yes, after the delay the error gives (RetryInfo), with backoff',
  no: 'no: the same request fails the same way until the cause is fixed',
  maybe: 'maybe: it depends on the cause',
};

function docsOf(finding: Finding): DocLink[] {
  const all = [...finding.entry.docs, ...(finding.statusEntry?.docs ?? []), ...(finding.details.helpLinks ?? []).filter((l) => l.url.startsWith('https://'))];
  return all.filter((doc, i) => all.findIndex((d) => d.url === doc.url) === i).slice(0, 5);
}

function sectionsOf(finding: Finding): GuideSectionId[] {
  const ids = [...(finding.entry.see ?? []), ...(finding.statusEntry?.see ?? [])];
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

/** The hover: what it means, the likely cause, what to do, and what this error says specifically. */
export function renderMarkdown(finding: Finding): string {
  const { entry, statusEntry } = finding;
  const out: string[] = [`**${plain(findingTitle(finding))}**`, ''];
  if (finding.confidence === 'low') {
    out.push('_Possibly a Gemini API error: nothing around it names Gemini (no Gemini host, SDK, model or message). If it came from the Gemini API:_', '');
  }
  const meaning = statusEntry && statusEntry.meaning !== entry.meaning ? `${entry.meaning} ${statusEntry.meaning}` : entry.meaning;
  out.push(`**What it means:** ${meaning}`, '');
  out.push(`**Likely cause:** ${entry.cause}`, '');
  out.push(`**What to do:** ${entry.fix}`, '');
  if (finding.kind !== 'finish-reason' && finding.kind !== 'block-reason') out.push(`**Retry?** ${retryText[entry.retry]}`, '');
  const bullets = detailBullets(finding);
  if (bullets.length > 0) out.push('**This error says:**', '', ...bullets.map((b) => `- ${b}`), '');
  const sections = sectionsOf(finding).map(guideSection);
  for (const section of sections) out.push(`_${plain(section.title)}:_ ${section.text} ([more](${section.url}))`, '');
  const docs = docsOf(finding);
  if (docs.length > 0) out.push(`Docs: ${docs.map(link).join(' · ')}`, '');
  const why = finding.evidence.length > 0 ? `Recognized from ${finding.evidence.join(', ')}.` : 'Recognized from the error shape only.';
  out.push(`_${plain(why)} Source: ${plain(entry.source)}. Catalog id_ \`${entry.id}\``);
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
