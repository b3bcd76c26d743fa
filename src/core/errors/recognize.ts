/**
 * The one place that decides what a piece of text says about a Gemini error. The hover, the log
 * diagnostics and the CLI all call `explainAt` or `scanLines`; each reads a bounded window around
 * what it looks at, so the cost does not grow with the size of the document or of a line.
 */
import { findAnchors, type Anchor } from './anchors';
import { canonicalCode, messages, statusEntry } from './catalog';
import { nearest, normalizeErrorText, parseDetails } from './details';
import { assessEvidence } from './evidence';
import type { CatalogEntry, Confidence, Finding, LineSource, MessageEntry, ReasonEntry, TextPosition } from './types';

/** Lines read before and after the anchor's line for evidence and details. */
const CONTEXT_LINES = 20;
/** Characters kept of each context line (minified JSON is one huge line). */
const MAX_CONTEXT_LINE = 4000;
/** Characters kept on each side of the anchor in its own line. */
const ANCHOR_RADIUS = 6000;
/** How far (in normalized characters) a status, code or message may be from the anchor to belong to it. */
const BLOCK_RADIUS = 1200;
/** Anchors closer than this on one line are one error (`429 RESOURCE_EXHAUSTED`, `ResourceExhausted: 429`). */
const MERGE_GAP = 3;

export const limits = { CONTEXT_LINES, MAX_CONTEXT_LINE, ANCHOR_RADIUS } as const;

interface Context {
  /** Normalized text around the anchor (evidence is looked for here). */
  readonly text: string;
  /** Offset of the anchor in `text`. */
  readonly at: number;
  /** Normalized text of this error alone (status, message and details are read here). */
  readonly block: string;
  /** Offset of the anchor in `block`. */
  readonly blockAt: number;
}

/** `{` and `[` minus `}` and `]`: JSON, Python reprs and proto text all nest with these. */
function nesting(text: string): { net: number; deepest: number } {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
    if (-depth > deepest) deepest = -depth;
  }
  return { net: depth, deepest };
}

/**
 * The lines of the error that contains the anchor: from the line that opens the outermost bracket
 * still open at the anchor, to the line that closes what is open after it. A one-line error is its
 * own line. Keeps the details of one error from being read off its neighbour in a log.
 */
function blockRange(lines: readonly string[], anchorIndex: number, anchorColumn: number): [number, number] {
  let open = 0;
  let first = anchorIndex;
  // Brackets opened before the anchor on its own line count too.
  let cumulative = nesting(lines[anchorIndex]!.slice(0, anchorColumn)).net;
  if (cumulative > open) open = cumulative;
  for (let i = anchorIndex - 1; i >= 0; i--) {
    cumulative += nesting(lines[i]!).net;
    if (cumulative > open) {
      open = cumulative;
      first = i;
    }
  }
  let last = anchorIndex;
  let pending = open + nesting(lines[anchorIndex]!.slice(anchorColumn)).net;
  for (let i = anchorIndex + 1; i < lines.length && pending > 0; i++) {
    pending += nesting(lines[i]!).net;
    last = i;
  }
  return [first, last];
}

function contextAround(source: LineSource, line: number, start: number, end: number): Context {
  const lines: string[] = [];
  for (let i = Math.max(0, line - CONTEXT_LINES); i < line; i++) {
    const text = source.lineText(i);
    lines.push(text.length > MAX_CONTEXT_LINE ? text.slice(-MAX_CONTEXT_LINE) : text);
  }
  const anchorIndex = lines.length;
  const own = source.lineText(line);
  const ownFrom = Math.max(0, start - ANCHOR_RADIUS);
  lines.push(own.slice(ownFrom, Math.min(own.length, end + ANCHOR_RADIUS)));
  const column = start - ownFrom;
  for (let i = line + 1; i < Math.min(source.lineCount, line + 1 + CONTEXT_LINES); i++) {
    const text = source.lineText(i);
    lines.push(text.length > MAX_CONTEXT_LINE ? text.slice(0, MAX_CONTEXT_LINE) : text);
  }
  const split = (from: number, to: number) => {
    const before = normalizeErrorText([...lines.slice(from, anchorIndex), lines[anchorIndex]!.slice(0, column)].join('\n'));
    const after = normalizeErrorText([lines[anchorIndex]!.slice(column), ...lines.slice(anchorIndex + 1, to + 1)].join('\n'));
    return { text: before + after, at: before.length };
  };
  const wide = split(0, lines.length - 1);
  const [first, last] = blockRange(lines, anchorIndex, column);
  const block = split(first, last);
  return { text: wide.text, at: wide.at, block: block.text, blockAt: block.at };
}

/** Anchors of one error on one line, merged. */
interface AnchorGroup {
  readonly start: number;
  readonly end: number;
  readonly anchors: readonly Anchor[];
}

function groupAnchors(anchors: readonly Anchor[]): AnchorGroup[] {
  const groups: { start: number; end: number; anchors: Anchor[] }[] = [];
  for (const anchor of anchors) {
    const last = groups[groups.length - 1];
    if (last && anchor.start - last.end <= MERGE_GAP) {
      last.end = Math.max(last.end, anchor.end);
      last.anchors.push(anchor);
    } else {
      groups.push({ start: anchor.start, end: anchor.end, anchors: [anchor] });
    }
  }
  return groups;
}

const STATUS_NAMES = 'INVALID_ARGUMENT|FAILED_PRECONDITION|PERMISSION_DENIED|NOT_FOUND|RESOURCE_EXHAUSTED|INTERNAL|UNAVAILABLE|DEADLINE_EXCEEDED|UNAUTHENTICATED|CANCELLED';
const statusNearRe = new RegExp(`\\b(${STATUS_NAMES})\\b(?!\\s*=)`);
const codeNearRe = /(?:["']code["']\s*:\s*|\bError |got status: |\[|\bstatus(?: code)?:? |\bStatus: |\bCode: )(400|401|402|403|404|429|499|500|503|504)\b|\b(400|401|402|403|404|429|499|500|503|504) (?:INVALID_ARGUMENT|FAILED_PRECONDITION|PERMISSION_DENIED|NOT_FOUND|RESOURCE_EXHAUSTED|INTERNAL|UNAVAILABLE|DEADLINE_EXCEEDED|UNAUTHENTICATED|CANCELLED|Too Many Requests|Bad Request|Forbidden|Not Found)\b/;
const leadingCodeRe = /\b(400|401|402|403|404|416|429|499|500|503|504)\s*\{/;

function compatible(status: string, code: number): boolean {
  if (code === 402) return status === 'RESOURCE_EXHAUSTED';
  if (code === 400) return status === 'INVALID_ARGUMENT' || status === 'FAILED_PRECONDITION';
  return canonicalCode(status) === code;
}

function within(match: RegExpExecArray | undefined, ctx: Context): match is RegExpExecArray {
  return match !== undefined && Math.abs(match.index - ctx.at) <= BLOCK_RADIUS;
}

/** The nearest well-known message around the anchor that fits what is known of the error. */
function nearestMessage(ctx: Context, status: string | undefined, code: number | undefined): MessageEntry | undefined {
  const candidates: { entry: MessageEntry; distance: number }[] = [];
  for (const entry of messages) {
    if (status !== undefined && entry.status !== status && !(code !== undefined && entry.httpCode === code)) continue;
    if (status === undefined && code !== undefined && entry.httpCode !== code) continue;
    const m = nearest(entry.pattern, ctx.text, ctx.at);
    if (within(m, ctx)) candidates.push({ entry, distance: Math.abs(m.index - ctx.at) });
  }
  // A more precise message (no free tier) wins over the general one (quota exceeded) it refines.
  const refined = new Set(candidates.map((c) => c.entry.refines));
  return candidates.filter((c) => !refined.has(c.entry.id)).sort((a, b) => a.distance - b.distance)[0]?.entry;
}

function isBenign(entry: CatalogEntry): boolean {
  return (entry as ReasonEntry).benign === true;
}

/** Turns the anchors of one error into a finding, or nothing when the text is not a Gemini error. */
function resolve(source: LineSource, line: number, group: AnchorGroup): Finding | undefined {
  const anchors = group.anchors;
  const ctx = contextAround(source, line, group.start, group.end);
  const named = anchors.find((a) => a.entry)?.entry;

  let status = anchors.find((a) => a.type === 'status')?.status ?? anchors.find((a) => a.status)?.status;
  let code = anchors.find((a) => a.type === 'code')?.httpCode ?? anchors.find((a) => a.httpCode !== undefined)?.httpCode;
  let message: MessageEntry | undefined = named?.kind === 'message' ? (named as MessageEntry) : undefined;
  if (message) {
    const precise = nearestMessage(ctx, message.status, message.httpCode);
    if (precise?.refines === message.id) message = precise;
  }
  const own = named?.kind === 'message' ? message : named;

  if (own?.kind === 'interactions-code') {
    const leading = nearest(leadingCodeRe, ctx.text.slice(Math.max(0, ctx.at - 200), ctx.at + 50), 200);
    if (leading) code = Number(leading[1]);
  } else if (own?.kind !== 'finish-reason' && own?.kind !== 'block-reason') {
    if (code === undefined) {
      const near = nearest(codeNearRe, ctx.text, ctx.at);
      if (within(near, ctx)) {
        const candidate = Number(near[1] ?? near[2]);
        if (status === undefined || compatible(status, candidate)) code = candidate;
      }
    }
    if (status === undefined) {
      const near = nearest(statusNearRe, ctx.text, ctx.at);
      if (within(near, ctx) && (code === undefined || compatible(near[1]!, code))) status = near[1];
    }
    message ??= nearestMessage(ctx, status, code);
    if (message) {
      if (status === undefined || (code !== undefined && message.httpCode === code && compatible(message.status, code))) status = message.status;
      if (code === undefined && 'httpCode' in message) code = message.httpCode;
    }
    if (status === undefined && code === undefined) return undefined; // a wrapper or quota word alone
    status ??= statusEntry(undefined, code)?.status;
    code ??= status === undefined ? undefined : canonicalCode(status);
  }

  const base = own?.kind === 'finish-reason' || own?.kind === 'block-reason' || own?.kind === 'interactions-code' ? undefined : statusEntry(status, code);
  const entry = own ?? message ?? base;
  if (!entry || status === undefined) return undefined;

  const evidence = assessEvidence(ctx.text);
  const strong = anchors.some((a) => a.strong) || (message?.geminiOnly ?? false);
  let confidence: Confidence | undefined;
  if (strong || evidence.positive.length > 0) confidence = 'high';
  else if (evidence.negative.length > 0) confidence = undefined;
  else if (anchors.some((a) => a.googleShaped) || message !== undefined) confidence = 'low';
  if (!confidence) return undefined;

  const details = parseDetails(ctx.block, ctx.blockAt);
  if (entry.kind === 'finish-reason') details.finishReason = entry.status;
  if (entry.kind === 'block-reason') details.blockReason = entry.status;
  const text = source.lineText(line).slice(group.start, group.end);
  return {
    line,
    start: group.start,
    end: group.end,
    text,
    entry,
    ...(base && base !== entry ? { statusEntry: base } : {}),
    ...(code !== undefined ? { httpCode: code } : {}),
    status,
    kind: entry.kind,
    confidence,
    evidence: strong && evidence.positive.length === 0 ? ['a Gemini-only message or field'] : evidence.positive,
    details,
  };
}

/** Characters of a very long line searched on each side of a hover position. */
const HOVER_RADIUS = 2000;

/**
 * What a hover at `position` shows: the finding whose anchor contains the position, or undefined.
 * Reads at most a few dozen lines and a few kilobytes of the position's line.
 */
export function explainAt(source: LineSource, position: TextPosition): Finding | undefined {
  if (position.line < 0 || position.line >= source.lineCount) return undefined;
  const full = source.lineText(position.line);
  const from = Math.max(0, position.character - HOVER_RADIUS);
  const to = Math.min(full.length, position.character + HOVER_RADIUS);
  const next = to === full.length && position.line + 1 < source.lineCount ? source.lineText(position.line + 1).slice(0, 200) : undefined;
  const groups = groupAnchors(findAnchors(full.slice(from, to), next));
  const group = groups.find((g) => g.start + from <= position.character && position.character <= g.end + from);
  if (!group) return undefined;
  return resolve(source, position.line, { start: group.start + from, end: group.end + from, anchors: group.anchors });
}

export interface ScanOptions {
  /** First line to scan (0-based, default 0). */
  readonly startLine?: number;
  /** Line after the last one to scan (default: all). */
  readonly endLine?: number;
}

/** Every error occurrence in the lines, in order. Benign reasons (STOP) are left out. */
export function scanLines(source: LineSource, options: ScanOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const end = Math.min(source.lineCount, options.endLine ?? source.lineCount);
  for (let line = Math.max(0, options.startLine ?? 0); line < end; line++) {
    const text = source.lineText(line);
    const next = line + 1 < source.lineCount ? source.lineText(line + 1).slice(0, 200) : undefined;
    const anchors = findAnchors(text, next);
    if (anchors.length === 0) continue;
    for (const group of groupAnchors(anchors)) {
      const finding = resolve(source, line, group);
      if (finding && !isBenign(finding.entry)) findings.push(finding);
    }
  }
  return findings;
}

/** A LineSource over a string (CLI, tests). */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r?\n/);
  return { lineCount: lines.length, lineText: (n) => lines[n] ?? '' };
}

/** Findings of one error (a JSON body spans lines: code, message, status), for one diagnostic each. */
export interface FindingGroup {
  /** The finding to show: the most specific entry, on the line that names the status where possible. */
  readonly primary: Finding;
  readonly findings: readonly Finding[];
}

/** Lines between two findings of the same error at most. */
const GROUP_LINES = 12;

/** Groups consecutive findings that describe the same error (same status and code, close together). */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups: Finding[][] = [];
  for (const finding of findings) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && previous.status === finding.status && previous.httpCode === finding.httpCode && finding.line - previous.line <= GROUP_LINES) {
      last.push(finding);
    } else {
      groups.push([finding]);
    }
  }
  return groups.map((group) => {
    const specific = group.find((f) => f.entry.kind !== 'http-status') ?? group[0]!;
    const onStatus = group.find((f) => f.text.includes(f.status)) ?? specific;
    return { primary: { ...onStatus, entry: specific.entry, kind: specific.kind, ...(specific.statusEntry ? { statusEntry: specific.statusEntry } : {}), details: { ...onStatus.details, ...specific.details } }, findings: group };
  });
}
