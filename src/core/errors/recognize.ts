/**
 * The one place that decides what a piece of text says about a Gemini error. The hover, the log
 * diagnostics and the CLI all call `explainAt` or `scanLines`; each reads a bounded window around
 * what it looks at, so the cost does not grow with the size of the document or of a line.
 *
 * Cost: every regex here and in anchors/details/evidence is linear in its input; the text an anchor
 * reads is bounded (a few kilobytes around it), and a scan normalizes and weighs each line once
 * (`LineCache`), sharing that work between the neighbouring errors that read the same lines.
 */
import { anchorSources, findAnchors, HTTP_CODES, messageMatches, STATUS_NAMES, type Anchor } from './anchors';
import { canonicalCode, messages, statusEntry } from './catalog';
import { detailSources, isNormal, nearest, nearestOf, normalizeErrorText, parseDetails } from './details';
import { evidenceMask, evidenceOf, evidenceSources, weigh, FOR, type Evidence } from './evidence';
import { LiteralIndex } from './literalGate';
import type { CatalogEntry, Confidence, ErrorDetails, Finding, LineSource, MessageEntry, ReasonEntry, TextPosition } from './types';

/** Lines read before and after the anchor's line for evidence and details. */
const CONTEXT_LINES = 20;
/** Characters kept of each context line (minified JSON is one huge line). */
const MAX_CONTEXT_LINE = 4000;
/** Characters kept on each side of the anchor in its own line. */
const ANCHOR_RADIUS = 6000;
/** How far (in normalized characters) a status, code or message may be from the anchor to belong to it. */
const BLOCK_RADIUS = 1200;
/** Normalized characters read on each side of the anchor for messages, codes and statuses near it. */
const LOCAL_RADIUS = BLOCK_RADIUS + 400;
/** Normalized characters of the error's own block read on each side of the anchor for its details. */
const DETAILS_RADIUS = 4000;
/** Anchors closer than this on one line are one error (`429 RESOURCE_EXHAUSTED`, `ResourceExhausted: 429`). */
const MERGE_GAP = 3;

export const limits = { CONTEXT_LINES, MAX_CONTEXT_LINE, ANCHOR_RADIUS } as const;

interface Context {
  /** Evidence of the lines around the anchor. */
  readonly evidence: Evidence;
  /** Normalized text near the anchor (statuses, codes and messages are looked for here). */
  readonly text: string;
  /** Offset of the anchor in `text`. */
  readonly at: number;
  /** Normalized text of this error alone, near the anchor, and the anchor's offset in it (details are read here; built on first use). */
  readonly block: () => { readonly text: string; readonly at: number };
  /** The error's lines (`line:first-last`): anchors of one line with the same block describe one error and share work. */
  readonly blockKey: string;
  readonly cache: LineCache;
  /** The anchor's line. */
  readonly line: number;
  /** Offset in `text` where the anchor's own line begins. */
  readonly lineStart: number;
  /** The match of `re` (global) in `text` nearest to `at`, when it is at most BLOCK_RADIUS away (its groups: its index may be of a longer text). */
  readonly near: (re: RegExp) => RegExpExecArray | undefined;
  /** No bracket opened on an earlier line is still open at the anchor: its error starts on its own line. */
  readonly startsOwnLine: boolean;
}

/** `{` and `[` minus `}` and `]`: JSON, Python reprs and proto text all nest with these. */
function nesting(text: string): number {
  return count(text, '{') + count(text, '[') - count(text, '}') - count(text, ']');
}

/** Occurrences of `char` in `text` (`indexOf` finds a character far faster than a loop over each). */
function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** The brackets of one text, found once: the balance of any range of it (`nesting` of the range). */
export class Brackets {
  private readonly opens: readonly number[];
  private readonly closes: readonly number[];

  constructor(text: string) {
    this.opens = positionsOf(text, '{', '[');
    this.closes = positionsOf(text, '}', ']');
  }

  /** `{` and `[` minus `}` and `]` in `[from, to)`. */
  balance(from: number, to: number): number {
    return below(this.opens, to) - below(this.opens, from) - below(this.closes, to) + below(this.closes, from);
  }
}

/** Positions of `a` and of `b` in `text`, ascending. */
function positionsOf(text: string, a: string, b: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(a); i !== -1; i = text.indexOf(a, i + 1)) found.push(i);
  const ofA = found.length;
  for (let i = text.indexOf(b); i !== -1; i = text.indexOf(b, i + 1)) found.push(i);
  return ofA > 0 && found.length > ofA ? found.sort((x, y) => x - y) : found;
}

/** How many of the ascending `positions` are below `at`. */
function below(positions: readonly number[], at: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (positions[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What a scan needs of one context line, computed once per line. */
interface LineInfo {
  /** Normalized first MAX_CONTEXT_LINE characters (the line read after an anchor). */
  readonly head: string;
  /** Normalized last MAX_CONTEXT_LINE characters (the line read before an anchor). */
  readonly tail: string;
  readonly headNet: number;
  readonly tailNet: number;
  /** Evidence as a bit set (`evidenceMask`). */
  readonly evidence: number;
  /** `anchorSources` flags of the raw line, when it was read for them together with the evidence (a line normalization leaves as it is). */
  readonly anchors?: Uint8Array;
  /** `blockSources` flags of the raw line, read with the anchors: for an error that is the line alone. */
  readonly block?: Uint8Array;
  /** The line is short and holds nothing to normalize (`isNormal`): `head` is the line itself. */
  readonly normal: boolean;
}

/** The messages' and the details' sources: what is searched in the text of an error's block. */
const blockSources = [...messages.map((entry) => entry.pattern.source), ...detailSources];
/**
 * The literals of the anchors, the evidence, the messages and the details in one index: a line that
 * normalization leaves as it is (most) is read once for all, and so is an error that is that line alone.
 */
const lineIndex = LiteralIndex.of([...anchorSources, ...evidenceSources, ...blockSources], { ignoreCase: true });

/**
 * Per-line work shared by every anchor that reads the line: normalization, bracket balance and
 * evidence. One cache serves one pass over a LineSource; `forget` drops lines a forward scan has
 * left behind, so memory stays bounded by the context window.
 */
class LineCache {
  private readonly lines = new Map<number, LineInfo>();
  constructor(private readonly source: LineSource) {}

  get(n: number): LineInfo {
    let info = this.lines.get(n);
    if (!info) {
      const raw = this.source.lineText(n);
      const short = raw.length <= MAX_CONTEXT_LINE;
      const headRaw = short ? raw : raw.slice(0, MAX_CONTEXT_LINE);
      const tailRaw = short ? raw : raw.slice(-MAX_CONTEXT_LINE);
      const normal = short && isNormal(raw);
      const head = normal ? raw : normalizeErrorText(headRaw);
      const tail = short ? head : normalizeErrorText(tailRaw);
      const headNet = nesting(headRaw);
      const tailNet = short ? headNet : nesting(tailRaw);
      if (short && head === raw) {
        const possible = lineIndex.mayMatch(raw);
        const evidenceEnd = anchorSources.length + evidenceSources.length;
        info = {
          head, tail, headNet, tailNet, normal,
          evidence: evidenceMask(head, possible.subarray(anchorSources.length, evidenceEnd)),
          anchors: possible.subarray(0, anchorSources.length),
          block: possible.subarray(evidenceEnd),
        };
      } else {
        info = { head, tail, headNet, tailNet, normal, evidence: evidenceMask(short ? head : `${head} ${tail}`) };
      }
      this.lines.set(n, info);
    }
    return info;
  }

  private readonly labels = new Map<number, Evidence>();
  private sharedLine = -1;
  /** What `shared` computed on the line (a few entries: one per error and kind of work). */
  private sharedValues: { readonly block: string; readonly what: string; readonly status: string | undefined; readonly code: number | undefined; readonly value: unknown }[] = [];

  /**
   * Work shared by the anchors of one error on one line (its message, its details): computed for the
   * first anchor, reused by the others; `block` names the error (`Context.blockKey`), `what` the work,
   * for the `status` and `code` given. Another line starts afresh.
   */
  shared<T>(line: number, block: string, what: string, compute: () => T, status?: string, code?: number): T {
    if (line !== this.sharedLine) {
      this.sharedValues = [];
      this.sharedLine = line;
    }
    for (const known of this.sharedValues) {
      if (known.block === block && known.what === what && known.status === status && known.code === code) return known.value as T;
    }
    const value = compute();
    this.sharedValues.push({ block, what, status, code, value });
    return value;
  }

  private windowLine = -1;
  private windowMask = 0;

  /** The evidence of lines `first`..`last`, plus `extra` (a bit set), shared by the anchors of one line. */
  windowEvidence(line: number, first: number, last: number, extra = 0, withoutOwn = false): Evidence {
    let mask = extra;
    if (!withoutOwn && line === this.windowLine) mask |= this.windowMask;
    else {
      for (let i = first; i <= last; i++) if (!(withoutOwn && i === line)) mask |= this.get(i).evidence;
      if (!withoutOwn) {
        this.windowLine = line;
        this.windowMask = mask;
      }
    }
    let evidence = this.labels.get(mask);
    if (!evidence) {
      evidence = evidenceOf(mask);
      this.labels.set(mask, evidence);
    }
    return evidence;
  }

  private readonly evidenceTexts = new Map<Evidence, Map<string | undefined, readonly string[]>>();

  /**
   * The evidence as a finding lists it, `own` naming what the anchor itself proves (a Gemini-only
   * message or field): one frozen list for all the findings that share the evidence.
   */
  evidenceLabels(evidence: Evidence, own: 'message' | 'field' | undefined): readonly string[] {
    let byOwn = this.evidenceTexts.get(evidence);
    if (!byOwn) this.evidenceTexts.set(evidence, (byOwn = new Map()));
    let labels = byOwn.get(own);
    if (!labels) {
      labels = Object.freeze([
        ...(own ? [`a Gemini-only ${own}`] : []),
        ...evidence.strong, ...evidence.positive, ...evidence.neutral, ...evidence.negative.map((label) => `despite ${label}`),
      ]);
      byOwn.set(own, labels);
    }
    return labels;
  }

  private brackets = { line: -1, of: new Brackets('') };

  /** Bracket balance of `[from, to)` of `line`, from the positions of its brackets, found once per line. */
  nestingOf(line: number, raw: string, from: number, to: number): number {
    // A long line is read in a window around each anchor: its brackets are not all looked for.
    if (raw.length > 4 * MAX_CONTEXT_LINE) return nesting(raw.slice(from, to));
    if (this.brackets.line !== line) this.brackets = { line, of: new Brackets(raw) };
    return this.brackets.of.balance(from, to);
  }

  private opened = { line: -1, from: -1, first: -1, depth: 0 };

  /**
   * The brackets the lines `first`..`line - 1` leave open at the end of `line - 1` (`depth`, counted from
   * where the most are open) and the line that opens the outermost of them (`first`, `line` when none):
   * the same for every anchor of `line`, so computed once for it.
   */
  openedBefore(line: number, first: number): { readonly first: number; readonly depth: number } {
    if (this.opened.line !== line || this.opened.from !== first) {
      // Walking back from the line: each time the brackets still open exceed the most seen, the block starts earlier.
      let cumulative = 0;
      let depth = 0;
      let blockFirst = line;
      for (let i = line - 1; i >= first; i--) {
        cumulative += this.get(i).tailNet;
        if (cumulative > depth) {
          depth = cumulative;
          blockFirst = i;
        }
      }
      this.opened = { line, from: first, first: blockFirst, depth };
    }
    return this.opened;
  }

  private own: OwnLine | undefined;

  /** Announces the group starts of a short line about to be resolved, so its text is normalized once (see `OwnLine`). */
  startLine(line: number, raw: string, starts: readonly number[]): void {
    const normal = raw.length <= MAX_CONTEXT_LINE ? this.get(line).normal : undefined;
    this.own = raw.length <= ANCHOR_RADIUS ? new OwnLine(line, raw, starts, normal) : undefined;
    this.joinedTexts = [];
  }

  /** `line` normalized before and after `start`, when `startLine` prepared it. */
  ownSplit(line: number, start: number): { before: string; after: string } | undefined {
    return this.own?.line === line ? this.own.split(start) : undefined;
  }

  /** The texts `joined` made for the prepared line (a few: the context of its groups, and of their blocks). */
  private joinedTexts: { readonly first: number; readonly last: number; readonly budget: number; readonly joined: Joined }[] = [];

  /**
   * The normalized text of lines `first`..`last` around `line` (at most `budget` characters on each
   * side of the line), joined once for all the anchor groups of a line `startLine` prepared; each
   * group's context is a slice of it. Undefined when the line was not prepared.
   */
  joined(line: number, first: number, last: number, budget: number): Joined | undefined {
    const own = this.own;
    if (own?.line !== line) return undefined;
    const known = this.joinedTexts.find((j) => j.first === first && j.last === last && j.budget === budget);
    if (known) return known.joined;
    const previous = before(this, line, first, budget, '');
    const next = after(this, line, last, budget, '');
    const ownStart = previous ? previous.length + 1 : 0;
    const joined = new Joined(`${previous ? `${previous} ` : ''}${own.text}${next ? ` ${next}` : ''}`, ownStart, own);
    this.joinedTexts.push({ first, last, budget, joined });
    return joined;
  }

  private blockKeys = { line: -1, first: -1, last: -1, key: '' };

  /** `line:first-last`, one string for the groups of a line in one block (a key of `shared`). */
  blockKey(line: number, first: number, last: number): string {
    const known = this.blockKeys;
    if (known.line !== line || known.first !== first || known.last !== last) this.blockKeys = { line, first, last, key: `${line}:${first}-${last}` };
    return this.blockKeys.key;
  }

  /** What was computed of line `n`, if it was. */
  known(n: number): LineInfo | undefined {
    return this.lines.get(n);
  }

  /** The `blockSources` flags of `text` when it is line `n` as it was read (an error alone on its line). */
  blockFlags(n: number, text: string): Uint8Array | undefined {
    const info = this.lines.get(n);
    return info?.block && info.head === text ? info.block : undefined;
  }

  /** Drops every line before `n`. */
  forget(n: number): void {
    for (const key of this.lines.keys()) if (key < n) this.lines.delete(key);
  }
}

/**
 * Whether `normalizeErrorText` of the text before `at` and of the text from `at`, joined, equals
 * `normalizeErrorText` of the whole: true unless a backslash ends the first part (it may escape a
 * quote or `n` after it), or the second starts with what a rule reads together with what precedes it
 * (whitespace, a box character, a `>` quote marker, a backslash).
 */
function separable(raw: string, at: number): boolean {
  if (at <= 0 || at >= raw.length) return true;
  const next = raw.charCodeAt(at);
  // ASCII: whitespace (tab to carriage return, space), `>`, a backslash; above: the box characters and Unicode whitespace.
  return raw.charCodeAt(at - 1) !== 92 && (next < 128 ? next !== 32 && !(next >= 9 && next <= 13) && next !== 62 && next !== 92 : !/[\s│┃]/.test(raw[at]!));
}

/**
 * One short line split at the starts of its anchor groups: each piece between two starts is
 * normalized once, and the text before and after every start is joined from the pieces, instead of
 * normalizing the line again for each group.
 */
export class OwnLine {
  private readonly before = new Map<number, string>();
  private readonly after = new Map<number, string>();
  /** The pieces joined: the normalized line, as `split` divides it at each cut. */
  readonly text: string;
  /** The line is already normal (most log lines): every piece is its own text, nothing is joined. */
  private readonly normal: boolean;

  /** `normal`: whether `raw` holds nothing to normalize (`isNormal`), when the caller knows. */
  constructor(
    readonly line: number,
    private readonly raw: string,
    starts: readonly number[],
    normal = isNormal(raw),
  ) {
    const cuts = [0, ...starts.filter((start) => start > 0 && start < raw.length && separable(raw, start)), raw.length];
    this.normal = normal;
    if (normal) {
      // Text without anything to normalize has none in any part of it either: the pieces are slices.
      for (const cut of cuts) {
        this.before.set(cut, raw.slice(0, cut));
        this.after.set(cut, raw.slice(cut));
      }
      this.text = raw;
      return;
    }
    const pieces = cuts.slice(1).map((cut, i) => normalizeErrorText(raw.slice(cuts[i], cut)));
    let text = '';
    for (let i = 0; i < cuts.length; i++) {
      this.before.set(cuts[i]!, text);
      text += pieces[i] ?? '';
    }
    this.text = text;
    text = '';
    for (let i = cuts.length - 1; i >= 0; i--) {
      this.after.set(cuts[i]!, text);
      text = (pieces[i - 1] ?? '') + text;
    }
  }

  /** Length of the normalized text before `start`, when `start` is one of the cuts (then `text` divides there). */
  offsetOf(start: number): number | undefined {
    return this.before.get(start)?.length;
  }

  split(start: number): { before: string; after: string } {
    const normalized = (text: string) => (this.normal ? text : normalizeErrorText(text));
    return {
      before: this.before.get(start) ?? normalized(this.raw.slice(0, start)),
      after: this.after.get(start) ?? normalized(this.raw.slice(start)),
    };
  }
}

/** Joins normalized pieces (document order) and keeps the last `budget` characters. */
function joinTail(pieces: readonly string[], budget: number): string {
  const text = pieces.filter((p) => p.length > 0).join(' ');
  return text.length > budget ? text.slice(-budget) : text;
}

/** Joins normalized pieces (document order) and keeps the first `budget` characters. */
function joinHead(pieces: readonly string[], budget: number): string {
  const text = pieces.filter((p) => p.length > 0).join(' ');
  return text.length > budget ? text.slice(0, budget) : text;
}

/** Pieces of the lines before `line` (nearest last), until `budget` characters or `stop`. */
function before(cache: LineCache, line: number, stop: number, budget: number, own: string): string {
  const pieces = [own];
  let size = own.length;
  for (let i = line - 1; i >= stop && size < budget; i--) {
    const tail = cache.get(i).tail;
    pieces.unshift(tail);
    size += tail.length + 1;
  }
  return joinTail(pieces, budget);
}

/** Pieces of the lines after `line`, until `budget` characters or past `stop`. */
function after(cache: LineCache, line: number, stop: number, budget: number, own: string): string {
  const pieces = [own];
  let size = own.length;
  for (let i = line + 1; i <= stop && size < budget; i++) {
    const head = cache.get(i).head;
    pieces.push(head);
    size += head.length + 1;
  }
  return joinHead(pieces, budget);
}

/**
 * The normalized text around one short line, shared by the anchor groups of the line: each group's
 * context is a slice of it, and a regex searched for near a group is searched once for all of them.
 */
class Joined {
  private readonly found = new Map<RegExp, { all: RegExpExecArray[]; resume: number; done: boolean }>();

  constructor(
    readonly text: string,
    /** Offset in `text` where the line's own text begins. */
    readonly ownStart: number,
    private readonly own: OwnLine,
  ) {}

  /** Offset in `text` of the raw column `start` of the line, when the line was cut there. */
  offsetOf(start: number): number | undefined {
    const inOwn = this.own.offsetOf(start);
    return inOwn === undefined ? undefined : this.ownStart + inOwn;
  }

  /**
   * The match of `re` nearest to `at` and at most BLOCK_RADIUS away: the same as `nearest` on a slice
   * of `text` reaching farther than BLOCK_RADIUS on each side of `at`, as a match that near lies
   * wholly inside such a slice. The matches are found once, from the left, only as far as the
   * groups of the line (which come in order) need them.
   */
  near(re: RegExp, at: number): RegExpExecArray | undefined {
    let search = this.found.get(re);
    if (!search) {
      // Matches farther than BLOCK_RADIUS before the line never count: the search starts a little before that.
      search = { all: [], resume: Math.max(0, this.ownStart - BLOCK_RADIUS - 100), done: false };
      this.found.set(re, search);
    }
    const all = search.all;
    // Every match up to the first that starts after `at`: no later one is nearer.
    while (!search.done && (all.length === 0 || all[all.length - 1]!.index <= at)) {
      const m = matchFrom(re, this.text, search.resume);
      if (!m) search.done = true;
      else {
        all.push(m);
        search.resume = m[0].length === 0 ? re.lastIndex + 1 : re.lastIndex;
      }
    }
    const best = nearestOf(all, at);
    return best && Math.abs(best.index - at) <= BLOCK_RADIUS ? best : undefined;
  }
}

/** A slice of `joined` of `budget` characters on each side of `at` (an offset in it). */
function sliceAround(joined: Joined, at: number, budget: number): { text: string; at: number; from: number } {
  const from = Math.max(0, at - budget);
  return { text: joined.text.slice(from, at + budget), at: at - from, from };
}

/** The match of `re` in `text` nearest to `at`, when it is at most BLOCK_RADIUS away. */
function nearIn(re: RegExp, text: string, at: number): RegExpExecArray | undefined {
  const m = nearest(re, text, at);
  return m !== undefined && Math.abs(m.index - at) <= BLOCK_RADIUS ? m : undefined;
}

function contextAround(source: LineSource, cache: LineCache, line: number, start: number, end: number): Context {
  const own = source.lineText(line);
  const ownFrom = Math.max(0, start - ANCHOR_RADIUS);
  const ownTo = Math.min(own.length, end + ANCHOR_RADIUS);
  const first = Math.max(0, line - CONTEXT_LINES);
  const last = Math.min(source.lineCount - 1, line + CONTEXT_LINES);

  // The lines of the error that contains the anchor: from the line that opens the outermost bracket
  // still open at the anchor, to the line that closes what is open after it. Keeps the details of
  // one error from being read off its neighbour in a log.
  const opened = cache.openedBefore(line, first);
  const open = Math.max(0, cache.nestingOf(line, own, ownFrom, start)) + opened.depth;
  const blockFirst = opened.first;
  let blockLast = line;
  let pending = open + cache.nestingOf(line, own, start, ownTo);
  for (let i = line + 1; i <= last && pending > 0; i++) {
    pending += cache.get(i).headNet;
    blockLast = i;
  }
  const blockKey = cache.blockKey(line, blockFirst, blockLast);
  const startsOwnLine = blockFirst === line;

  // A short line prepared by `startLine`: every group's context is a slice of one joined text.
  const joined = cache.joined(line, first, last, LOCAL_RADIUS);
  const at = joined?.offsetOf(start);
  if (joined && at !== undefined) {
    const local = sliceAround(joined, at, LOCAL_RADIUS);
    let block: { text: string; at: number } | undefined;
    return {
      evidence: cache.windowEvidence(line, first, last),
      text: local.text,
      at: local.at,
      block: () => {
        if (!block) {
          const whole = cache.joined(line, blockFirst, blockLast, DETAILS_RADIUS)!;
          block = sliceAround(whole, whole.offsetOf(start)!, DETAILS_RADIUS);
        }
        return block;
      },
      blockKey,
      cache,
      line,
      lineStart: Math.max(0, joined.ownStart - local.from),
      startsOwnLine,
      near: (re) => joined.near(re, at),
    };
  }

  const split = cache.ownSplit(line, start);
  const ownBefore = split ? split.before : normalizeErrorText(own.slice(ownFrom, start));
  const ownAfter = split ? split.after : normalizeErrorText(own.slice(start, ownTo));
  const evidence = own.length <= MAX_CONTEXT_LINE ? cache.windowEvidence(line, first, last) : cache.windowEvidence(line, first, last, evidenceMask(`${ownBefore}${ownAfter}`), true);
  const textBefore = before(cache, line, first, LOCAL_RADIUS, ownBefore);
  const text = textBefore + after(cache, line, last, LOCAL_RADIUS, ownAfter);
  let block: { text: string; at: number } | undefined;
  return {
    evidence,
    text,
    at: textBefore.length,
    block: () => {
      if (!block) {
        const blockBefore = before(cache, line, blockFirst, DETAILS_RADIUS, ownBefore);
        block = { text: blockBefore + after(cache, line, blockLast, DETAILS_RADIUS, ownAfter), at: blockBefore.length };
      }
      return block;
    },
    blockKey,
    cache,
    line,
    lineStart: Math.max(0, textBefore.length - ownBefore.length),
    startsOwnLine,
    near: (re) => nearIn(re, text, textBefore.length),
  };
}

/**
 * The context from the anchor's own line on. An exception name or wrapper that names no status
 * (`[GoogleGenerativeAI Error]: First content should be…`) on a line of its own is explained by what
 * follows it (its message, a JSON body), never by the error printed on the line before.
 */
function fromOwnLine(ctx: Context): Context {
  const text = ctx.text.slice(ctx.lineStart);
  const at = ctx.at - ctx.lineStart;
  return { ...ctx, text, at, lineStart: 0, blockKey: `${ctx.blockKey} forward`, near: (re) => nearIn(re, text, at) };
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

const statusNearRe = new RegExp(`\\b(${STATUS_NAMES})\\b(?!\\s*=)`, 'g');
// `\s{0,8}`: normalized text has no runs of more than three (single spaces, and those joining lines), and a bound lets `keyOf` jump.
const codeNearRe = new RegExp(`(?:["']code["']\\s{0,8}:\\s{0,8}|\\bError |\\bError code: |got status: |\\[|\\bstatus(?: code)?:? |\\bStatus: |\\bCode: )(${HTTP_CODES})\\b|\\b(${HTTP_CODES}) (?:${STATUS_NAMES}|Too Many Requests|Bad Request|Forbidden|Not Found)\\b`, 'g');
/**
 * A regex searched near anchors, and a cheap one (`key`) of which every match of it holds a match
 * starting at most `reach` characters after its own start: the search jumps from key to key and runs
 * the regex only from `reach` before each, which finds the same matches as trying every position.
 */
const keyOf = new Map<RegExp, { readonly key: RegExp; readonly reach: number }>([
  // The longest prefix: a quote, `code`, a quote, 8 spaces, `:`, 8 spaces.
  [codeNearRe, { key: new RegExp(HTTP_CODES, 'g'), reach: 24 }],
]);
/**
 * The first match of `re` (global) in `text` at or after `from`, as `re.exec` finds it from there;
 * for a regex of `keyOf`, searched from key to key.
 */
export function matchFrom(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  const keyed = keyOf.get(re);
  if (keyed) {
    // No match starts more than `reach` before the next key: the positions before that are passed over.
    keyed.key.lastIndex = from;
    const key = keyed.key.exec(text);
    if (!key) return null;
    re.lastIndex = Math.max(from, key.index - keyed.reach);
  }
  return re.exec(text);
}

/** The regexes `Joined.near` searches with (for tests). */
export const nearRegexes = { status: statusNearRe, code: codeNearRe } as const;

const leadingCodeRe = new RegExp(`\\b(${HTTP_CODES}|416)\\s*\\{`, 'g');

function compatible(status: string, code: number): boolean {
  if (code === 402) return status === 'RESOURCE_EXHAUSTED';
  if (code === 400) return status === 'INVALID_ARGUMENT' || status === 'FAILED_PRECONDITION';
  return canonicalCode(status) === code;
}

/** A well-known message that starts right after the anchor (the reason text of a close frame). */
function reasonMessage(ctx: Context): MessageEntry | undefined {
  const reason = ctx.text.slice(ctx.at, ctx.at + 300);
  let best: { entry: MessageEntry; index: number } | undefined;
  for (const entry of messages) {
    if (entry.carriesReason) continue;
    const m = entry.pattern.exec(reason);
    if (m && m.index <= 60 && (!best || m.index < best.index)) best = { entry, index: m.index };
  }
  return best?.entry;
}

/**
 * The nearest well-known message around the anchor that fits what is known of the error: in the
 * error's own block first (a one-line error's message is on its line, not on the next error's).
 */
function nearestMessage(ctx: Context, status: string | undefined, code: number | undefined): MessageEntry | undefined {
  return ctx.cache.shared(ctx.line, ctx.blockKey, 'message', () => searchMessage(ctx, status, code), status, code);
}

function searchMessage(ctx: Context, status: string | undefined, code: number | undefined): MessageEntry | undefined {
  const block = ctx.block();
  const from = Math.max(0, block.at - LOCAL_RADIUS);
  // The whole block (a short error): its details will be read in the same text.
  const whole = from === 0 && block.at + LOCAL_RADIUS >= block.text.length;
  const known = whole ? ctx.cache.blockFlags(ctx.line, block.text) : undefined;
  return nearestMessageIn(whole ? block.text : block.text.slice(from, block.at + LOCAL_RADIUS), block.at - from, status, code, whole, known) ?? nearestMessageIn(ctx.text, ctx.at, status, code);
}

/**
 * The literals each message needs, found in one pass over the text searched: a message whose literals
 * are not there is not searched for (its matches come from `messageMatches`, by its place in `messages`).
 */
const messageIndex = LiteralIndex.of(messages.map((entry) => entry.pattern.source), { ignoreCase: messages.some((entry) => entry.pattern.ignoreCase) });
/**
 * The same literals and the details' in one index, for the text of an error's block: its messages and
 * its details are searched in the same text (a short error's block), which is then read once.
 */
const blockIndex = LiteralIndex.of(blockSources, { ignoreCase: true });
/**
 * The last text the message search read, and what it found (`possible`: the messages' flags, then the
 * details' when `blockIndex` read it): the groups of one error search one text for several statuses.
 */
let messagesIn: { readonly text: string; readonly possible: Uint8Array; readonly withDetails: boolean } | undefined;

/** The details of an error's block, with the literals found by the message search when it read the same text. */
function blockDetails(text: string, at: number): ErrorDetails {
  return messagesIn?.withDetails && messagesIn.text === text ? parseDetails(text, at, messagesIn.possible.subarray(messages.length)) : parseDetails(text, at);
}

/** `block`: `text` is an error's whole block, searched with `blockIndex` (`known`: its flags, when the line's reading found them). */
function nearestMessageIn(text: string, at: number, status: string | undefined, code: number | undefined, block = false, known?: Uint8Array): MessageEntry | undefined {
  const candidates: { entry: MessageEntry; distance: number }[] = [];
  if (messagesIn?.text !== text || (block && !messagesIn.withDetails)) {
    messagesIn = { text, possible: known ?? (block ? blockIndex : messageIndex).mayMatch(text), withDetails: block };
  }
  const possible = messagesIn.possible;
  for (let i = 0; i < messages.length; i++) {
    if (possible[i] === 0) continue; // first: most messages' words are not in the text
    const entry = messages[i]!;
    if (status !== undefined && entry.status !== status && !(code !== undefined && entry.httpCode === code)) continue;
    if (status === undefined && code !== undefined && entry.httpCode !== code) continue;
    const m = nearestOf(messageMatches(text, i), at);
    if (m !== undefined && Math.abs(m.index - at) <= BLOCK_RADIUS) candidates.push({ entry, distance: Math.abs(m.index - at) });
  }
  // A more precise message (no free tier) wins over the general one (quota exceeded) it refines.
  const refined = new Set(candidates.map((c) => c.entry.refines));
  return candidates.filter((c) => !refined.has(c.entry.id)).sort((a, b) => a.distance - b.distance)[0]?.entry;
}

/**
 * Confidence from the weighed evidence: `high` when what says Gemini clearly outweighs what says
 * another system; `low` (the hover hedges) when the balance is even but the text has a Google error
 * shape or message; nothing when the balance is against Gemini, or when only neutral shapes (gRPC,
 * api_core) are there.
 */
function confidenceOf(score: number, shaped: boolean): Confidence | undefined {
  if (score >= FOR) return 'high';
  if (score > 0 || (score === 0 && shaped)) return 'low';
  return undefined;
}

function isBenign(entry: CatalogEntry): boolean {
  return (entry as ReasonEntry).benign === true;
}

/** Turns the anchors of one error into a finding, or nothing when the text is not a Gemini error. */
function resolve(source: LineSource, cache: LineCache, line: number, group: AnchorGroup): Finding | undefined {
  const anchors = group.anchors;
  const around = contextAround(source, cache, line, group.start, group.end);
  const bare = anchors.every((a) => a.status === undefined && a.httpCode === undefined && a.entry === undefined);
  const ctx = bare && around.startsOwnLine ? fromOwnLine(around) : around;
  let named = anchors.find((a) => a.entry)?.entry;
  // A Live API close code frames a reason: a known message in the reason decides the status.
  let frame: MessageEntry | undefined;
  if (named?.kind === 'message' && (named as MessageEntry).carriesReason) {
    frame = named as MessageEntry;
    const reason = anchors.find((a) => a.entry && a.entry !== frame && a.entry.kind === 'message')?.entry ?? reasonMessage(ctx);
    named = reason ?? frame;
  }

  const own: Anchor[] = frame ? anchors.filter((a) => a.entry !== frame) : [...anchors];
  if (frame && named === frame) {
    // A status named in the reason (`1011 (internal error) [ORIGINAL ERROR] RPC::DEADLINE_EXCEEDED`).
    const inReason = nearest(statusNearRe, ctx.text.slice(ctx.at, ctx.at + 120), 0)?.[1];
    if (inReason !== undefined) own.push({ start: group.start, end: group.end, type: 'status', status: inReason, ...(canonicalCode(inReason) === undefined ? {} : { httpCode: canonicalCode(inReason) }), strong: false, googleShaped: false });
  }
  let status = own.find((a) => a.type === 'status')?.status ?? (frame ? named?.status : undefined) ?? own.find((a) => a.status)?.status;
  let code = own.find((a) => a.type === 'code')?.httpCode ?? (frame ? own.find((a) => a.httpCode !== undefined)?.httpCode ?? named?.httpCode : own.find((a) => a.httpCode !== undefined)?.httpCode);
  let message: MessageEntry | undefined = named?.kind === 'message' ? (named as MessageEntry) : undefined;
  if (message) {
    const precise = nearestMessage(ctx, message.status, message.httpCode);
    if (precise?.refines === message.id) message = precise;
  }
  const specific = named?.kind === 'message' ? message : named;

  if (specific?.kind === 'interactions-code') {
    const leading = nearest(leadingCodeRe, ctx.text.slice(Math.max(0, ctx.at - 200), ctx.at + 50), 200);
    if (leading) code = Number(leading[1]);
  } else if (specific?.kind !== 'finish-reason' && specific?.kind !== 'block-reason') {
    if (code === undefined) {
      const near = ctx.near(codeNearRe);
      if (near) {
        const candidate = Number(near[1] ?? near[2]);
        if (status === undefined || compatible(status, candidate)) code = candidate;
      }
    }
    if (status === undefined) {
      const near = ctx.near(statusNearRe);
      if (near && (code === undefined || compatible(near[1]!, code))) status = near[1];
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

  const base = specific?.kind === 'finish-reason' || specific?.kind === 'block-reason' || specific?.kind === 'interactions-code' ? undefined : statusEntry(status, code);
  const entry = specific ?? message ?? base;
  if (!entry || status === undefined) return undefined;

  const evidence = ctx.evidence;
  const strong = anchors.some((a) => a.strong) || (message?.geminiOnly ?? false);
  // Under gRPC or api_core a bare status name or a common message is no longer a Google REST shape.
  // A WebSocket close code alone is any WebSocket app's: only a known reason in it is a Google shape.
  const shaped = evidence.neutral.length === 0 && (anchors.some((a) => a.googleShaped) || (message !== undefined && message !== frame));
  const confidence = confidenceOf(weigh(evidence, strong), shaped);
  if (!confidence) return undefined;

  // One details object for the findings of one error (frozen: shared), a copy only to add a reason.
  const shared = ctx.cache.shared(ctx.line, ctx.blockKey, 'details', () => {
    const block = ctx.block();
    return Object.freeze(blockDetails(block.text, block.at));
  });
  const details = entry.kind === 'finish-reason' ? { ...shared, finishReason: entry.status } : entry.kind === 'block-reason' ? { ...shared, blockReason: entry.status } : shared;
  const finding: Mutable<Finding> = { line, start: group.start, end: group.end, text: source.lineText(line).slice(group.start, group.end), entry } as Mutable<Finding>;
  // The fields in the order they have always had (JSON of a finding lists them so).
  const statusOf = frame && frame !== entry ? frame : base && base !== entry ? base : undefined;
  if (statusOf) finding.statusEntry = statusOf;
  if (code !== undefined) finding.httpCode = code;
  finding.status = status;
  finding.kind = entry.kind;
  finding.confidence = confidence;
  finding.evidence = ctx.cache.evidenceLabels(evidence, strong ? (entry.kind === 'message' ? 'message' : 'field') : undefined);
  finding.details = details;
  return finding;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
  const window = full.slice(from, to);
  const groups = groupAnchors(findAnchors(window, next));
  const at = position.character - from;
  const group = groups.find((g) => g.start <= at && at <= g.end) ?? groups.find((g) => g.start <= at && at <= messageReach(window, g));
  if (!group) return undefined;
  return resolve(source, new LineCache(source), position.line, { start: group.start + from, end: group.end + from, anchors: group.anchors });
}

/** Characters of a message after its anchor that a hover still explains. */
const MESSAGE_REACH = 600;

/**
 * Where the message of a group ends: a recognized message is explained wherever it is hovered, up
 * to the end of its string (a `"`, a `'` that closes it, a `}`) or MESSAGE_REACH characters.
 */
function messageReach(line: string, group: AnchorGroup): number {
  if (!group.anchors.some((a) => a.type === 'message' || a.type === 'code' || a.type === 'status')) return group.end;
  const rest = line.slice(group.end, group.end + MESSAGE_REACH);
  const m = /^(?:[^"}\]\\']|'(?![,}\]]|\s[,}\]]))*/.exec(rest);
  return group.end + (m ? m[0].length : 0);
}

export interface ScanOptions {
  /** First line to scan (0-based, default 0). */
  readonly startLine?: number;
  /** Line after the last one to scan (default: all). */
  readonly endLine?: number;
}

/**
 * Errors resolved per line at most: a fixed allowance plus one per this many characters. Each costs
 * a bounded window of work, so a line of thousands of error-like tokens (hostile or generated) costs
 * time in proportion to its length; a real log line never comes near it.
 */
const GROUPS_PER_LINE = 64;
const CHARS_PER_EXTRA_GROUP = 2000;

/**
 * Every error occurrence in the lines, in order. Benign reasons (STOP) are left out.
 *
 * Line by line: the findings of line N depend only on lines N-CONTEXT_LINES..N+CONTEXT_LINES, so a
 * caller that scans a growing log or an edited neighbourhood passes `startLine`/`endLine` and gets
 * the same findings for those lines as a scan of the whole document (`limits.CONTEXT_LINES`).
 */
export function scanLines(source: LineSource, options: ScanOptions = {}): Finding[] {
  return new Scanner(source).scan(options);
}

/**
 * `scanLines` called again and again on one LineSource whose lines do not change once read (a file
 * streamed through a window of lines, scanned one line at a time): the work per line (normalization,
 * evidence) is kept from one call to the next, so each line is prepared once, not once per neighbour.
 */
export class Scanner {
  private readonly cache: LineCache;

  constructor(private readonly source: LineSource) {
    this.cache = new LineCache(source);
  }

  scan(options: ScanOptions = {}): Finding[] {
    return scan(this.source, this.cache, options);
  }
}

function scan(source: LineSource, cache: LineCache, options: ScanOptions): Finding[] {
  const findings: Finding[] = [];
  const end = Math.min(source.lineCount, options.endLine ?? source.lineCount);
  for (let line = Math.max(0, options.startLine ?? 0); line < end; line++) {
    const text = source.lineText(line);
    const next = () => (line + 1 < source.lineCount ? source.lineText(line + 1).slice(0, 200) : undefined);
    // The line's anchor literals, when it was read for them as a neighbour of an earlier error.
    const anchors = findAnchors(text, next, cache.known(line)?.anchors);
    if (anchors.length === 0) continue;
    cache.forget(line - CONTEXT_LINES);
    const groups = groupAnchors(anchors).slice(0, GROUPS_PER_LINE + Math.floor(text.length / CHARS_PER_EXTRA_GROUP));
    cache.startLine(line, text, groups.map((g) => g.start));
    for (const group of groups) {
      const finding = resolve(source, cache, line, group);
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

/**
 * Two specific explanations of one status (two different 400 messages on neighbouring lines) are two
 * errors; a status line and its message, or a message and the one that refines it, are one.
 */
function distinctErrors(a: Finding, b: Finding): boolean {
  if (a.entry.kind === 'http-status' || b.entry.kind === 'http-status' || a.entry.id === b.entry.id) return false;
  const refines = (x: Finding, y: Finding): boolean => (x.entry as { refines?: string }).refines === y.entry.id;
  return !refines(a, b) && !refines(b, a);
}

/**
 * A finding whose text names its error (`ClientError: 429 RESOURCE_EXHAUSTED`, `'code': 429`,
 * `"status": "RESOURCE_EXHAUSTED"`): one error names itself once in each of its forms, so the same
 * text again on a later line is the error printed again (the next attempt of a retry loop, the next
 * request), not more of the same error.
 */
function namesError(finding: Finding): boolean {
  return finding.text.includes(finding.status) || (finding.httpCode !== undefined && finding.text.includes(String(finding.httpCode)));
}

/**
 * The findings of one error as they are gathered, in order: whether the next finding belongs to the
 * same error. Keeps the last finding and the texts that named the error (at most a few per error).
 */
export class ErrorGrouping {
  private last: Finding | undefined;
  private readonly named = new Map<string, number>();

  /** Whether `finding` (after every finding added so far) is part of the same error. */
  continues(finding: Finding): boolean {
    const previous = this.last;
    if (!previous || previous.status !== finding.status || previous.httpCode !== finding.httpCode || finding.line - previous.line > GROUP_LINES || distinctErrors(previous, finding)) return false;
    const named = this.named.get(finding.text);
    return !(named !== undefined && named < finding.line && namesError(finding));
  }

  /** Whether a finding on `line` or later could still be part of the error. */
  open(line: number): boolean {
    return this.last !== undefined && line - this.last.line <= GROUP_LINES;
  }

  /** Adds `finding` to the error (after `continues`), or starts the next error with it. */
  add(finding: Finding, sameError: boolean): void {
    if (!sameError) this.named.clear();
    this.last = finding;
    if (namesError(finding) && !this.named.has(finding.text) && this.named.size < 64) this.named.set(finding.text, finding.line);
  }
}

/** Consecutive findings split into errors, as `ErrorGrouping` tells them apart. */
export function errorsOf(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  const grouping = new ErrorGrouping();
  for (const finding of findings) {
    const same = grouping.continues(finding);
    if (same) groups[groups.length - 1]!.push(finding);
    else groups.push([finding]);
    grouping.add(finding, same);
  }
  return groups;
}

/** Groups consecutive findings that describe the same error (same status and code, close together, not printed again). */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  return errorsOf(findings).map((group) => {
    const specific = group.find((f) => f.entry.kind !== 'http-status') ?? group[0]!;
    const onStatus = group.find((f) => f.text.includes(f.status)) ?? specific;
    return { primary: { ...onStatus, entry: specific.entry, kind: specific.kind, ...(specific.statusEntry ? { statusEntry: specific.statusEntry } : {}), details: { ...onStatus.details, ...specific.details } }, findings: group };
  });
}
