/**
 * Findings as the CLI prints them: a line of text per error (`FindingGrouper`, `formatText`), or JSON
 * (`toJson` says what a finding is in JSON; the writers produce the same text as
 * `safeJson(toJson(…))`, field by field, for speed).
 */
import { findingTitle, renderMarkdown, summaryLine } from '../core/errors/markdown';
import { ErrorGrouping, groupFindings } from '../core/errors/recognize';
import type { Finding } from '../core/errors/types';
import { displayFile, safeJson, stripControls } from './output';

/** A finding as the CLI prints it: 1-based lines and columns, `endColumn` just past the last character. */
export interface FindingJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  id: string;
  httpCode: number | null;
  status: string;
  kind: Finding['kind'];
  confidence: Finding['confidence'];
  title: string;
  details: Finding['details'];
  markdown?: string;
}

export function toJson(file: string, finding: Finding, withMarkdown = false): FindingJson {
  return {
    file,
    line: finding.line + 1,
    column: finding.start + 1,
    endLine: finding.line + 1,
    endColumn: finding.end + 1,
    text: finding.text,
    id: finding.entry.id,
    httpCode: finding.httpCode ?? null,
    status: finding.status,
    kind: finding.kind,
    confidence: finding.confidence,
    title: findingTitle(finding),
    details: finding.details,
    ...(withMarkdown ? { markdown: renderMarkdown(finding) } : {}),
  };
}

/**
 * Findings written as UTF-8 into `out`: `--json` elements (`json`, joined by `,\n`) or `--json-lines`
 * lines. The fields one error's occurrences share are encoded once for all of them.
 */
export function writeJsonFindings(out: ByteWriter, file: string, findings: readonly Finding[], format: 'json' | 'json-lines'): void {
  findings.forEach((finding, i) => writeJsonFinding(out, file, finding, format, i === 0 || format === 'json-lines' ? '' : ',\n'));
}

/**
 * One finding as UTF-8: `before`, then `safeJson(toJson(file, finding))` and a line break
 * (`json-lines`), or, for `json`, `safeJson(toJson(file, finding), 2)` indented by two spaces under the
 * `[`. Written field by field, from pieces encoded once: the keys (per file), each text's JSON, and the
 * fields from `id` on, which all the occurrences of one error share; numbers as digits. A log of
 * repeated errors prints thousands of findings a second.
 */
export function writeJsonFinding(out: ByteWriter, file: string, finding: Finding, format: 'json' | 'json-lines', before = ''): void {
  const k = keysOf(file, format === 'json' ? '  ' : undefined);
  if (before) out.text(before);
  const line = finding.line + 1;
  out.bytes(k.file);
  out.int(line);
  out.bytes(k.column);
  out.int(finding.start + 1);
  out.bytes(k.endLine);
  out.int(line);
  out.bytes(k.endColumn);
  out.int(finding.end + 1);
  out.bytes(k.text);
  out.bytes(textJson(finding.text));
  out.bytes(k.next);
  out.bytes(tailJson(finding, k.margin, k.colon, k.separator));
  out.bytes(k.end);
}

/**
 * What stands between the values of a finding's own fields, for one file and margin, as UTF-8: the
 * opening up to the line's value (with the file; a `--json` element indented under the `[`), the keys
 * of the other fields, what follows the text, the close (a `--json-lines` line ends with a line break);
 * and, as text, what `tailJson` writes between the shared fields.
 */
interface Keys {
  readonly name: string;
  readonly margin: string | undefined;
  readonly colon: string;
  readonly separator: string;
  readonly file: Uint8Array;
  readonly column: Uint8Array;
  readonly endLine: Uint8Array;
  readonly endColumn: Uint8Array;
  readonly text: Uint8Array;
  readonly next: Uint8Array;
  readonly end: Uint8Array;
}

let lastKeys: Keys | undefined;

function keysOf(file: string, margin: string | undefined): Keys {
  if (lastKeys?.name === file && lastKeys.margin === margin) return lastKeys;
  const colon = margin === undefined ? ':' : ': ';
  const separator = margin === undefined ? ',' : `,\n${margin}  `;
  const open = margin === undefined ? '{' : `${margin}{\n${margin}  `;
  const key = (name: string) => encoder.encode(`${separator}"${name}"${colon}`);
  lastKeys = {
    name: file, margin, colon, separator,
    file: encoder.encode(`${open}"file"${colon}${safeJson(file)}${separator}"line"${colon}`),
    column: key('column'), endLine: key('endLine'), endColumn: key('endColumn'), text: key('text'),
    next: encoder.encode(separator),
    end: encoder.encode(margin === undefined ? '}\n' : `\n${margin}}`),
  };
  return lastKeys;
}

const encoder = new TextEncoder();

/** The UTF-8 of `safeJson` of the texts of findings, kept for a while: a log of repeated errors has few distinct ones. */
const textJsons = new Map<string, Uint8Array>();

function textJson(text: string): Uint8Array {
  let json = textJsons.get(text);
  if (json === undefined) {
    if (textJsons.size >= 1024) textJsons.clear();
    json = encoder.encode(safeJson(text));
    textJsons.set(text, json);
  }
  return json;
}

/** UTF-8 written into one growing buffer: what a scan thread hands over to be printed. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(capacity = 64 * 1024) {
    this.buffer = new Uint8Array(capacity);
  }

  text(text: string): void {
    // At most 3 bytes per UTF-16 code unit.
    this.reserve(3 * text.length);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  /** A whole number as its decimal digits (what `String(n)` writes). */
  int(n: number): void {
    if (!(n >= 0 && n <= 0x7fffffff && n === Math.floor(n))) {
      this.text(String(n));
      return;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) digits++;
    this.reserve(digits);
    const buffer = this.buffer;
    for (let i = this.length + digits - 1, rest = n; i >= this.length; i--, rest = (rest / 10) | 0) buffer[i] = 48 + (rest % 10);
    this.length += digits;
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    if (bytes.length > 64) this.buffer.set(bytes, this.length);
    else for (let i = 0, at = this.length, buffer = this.buffer; i < bytes.length; i++) buffer[at + i] = bytes[i]!; // a call to `set` costs more than a short copy
    this.length += bytes.length;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** What was written: the writer is done (its buffer can be handed over to another thread). */
  take(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(size: number): void {
    if (this.length + size <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(2 * this.buffer.length, this.length + size));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/**
 * The fields after `text` of the last finding written, as UTF-8 (`json`): the same for every
 * occurrence of one error, and for the same error printed again (a retry loop).
 */
let lastTail: { readonly finding: Finding; readonly margin: string | undefined; readonly json: Uint8Array } | undefined;

/** Whether two values of JSON (details) are written alike: the same keys in the same order, equal values. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== other[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function sameError(a: Finding, b: Finding): boolean {
  return a.entry === b.entry && a.status === b.status && a.httpCode === b.httpCode && a.kind === b.kind && a.confidence === b.confidence;
}

/** The fields from `id` to `details` of a finding as UTF-8, encoded once for the occurrences of one error (they come one after another). */
function tailJson(finding: Finding, margin: string | undefined, colon: string, separator: string): Uint8Array {
  const last = lastTail;
  if (last && last.margin === margin && sameError(last.finding, finding)) {
    // One error's findings share their details; an error printed again has equal ones.
    if (last.finding.details === finding.details) return last.json;
    if (sameJson(last.finding.details, finding.details)) {
      lastTail = { ...last, finding };
      return last.json;
    }
  }
  const json = encoder.encode([
    `"id"${colon}${safeJson(finding.entry.id)}`,
    `"httpCode"${colon}${finding.httpCode ?? null}`,
    `"status"${colon}${safeJson(finding.status)}`,
    `"kind"${colon}${safeJson(finding.kind)}`,
    `"confidence"${colon}${safeJson(finding.confidence)}`,
    `"title"${colon}${safeJson(findingTitle(finding))}`,
    `"details"${colon}${detailsJson(finding.details, margin)}`,
  ].join(separator));
  lastTail = { finding, margin, json };
  return json;
}

/** The JSON text of a details object, by margin: the findings of one error share the object, so it is written once. */
const detailsTexts = new WeakMap<object, Map<string | undefined, string>>();

function detailsJson(details: Finding['details'], margin: string | undefined): string {
  let texts = detailsTexts.get(details);
  if (!texts) {
    texts = new Map();
    detailsTexts.set(details, texts);
  }
  let text = texts.get(margin);
  if (text === undefined) {
    text = margin === undefined ? safeJson(details) : safeJson(details, 2).replaceAll('\n', `\n${margin}  `);
    texts.set(margin, text);
  }
  return text;
}

/** One line of text output; the file name is quoted when it could fake a position, controls are made visible. */
export function formatText(file: string, finding: Finding): string {
  return `${displayFile(file)}:${finding.line + 1}:${finding.start + 1}: [${finding.confidence}] ${stripControls(summaryLine(finding))}`;
}

/** Members of one error kept at most; the group's primary comes from its first members. */
const GROUP_MEMBERS = 64;

/**
 * `groupFindings` over a stream: findings go in as they are found, each error's group comes out as soon
 * as a later finding or line shows it is complete. Holds one group (of at most GROUP_MEMBERS findings).
 */
export class FindingGrouper {
  private members: Finding[] = [];
  private grouping = new ErrorGrouping();

  constructor(private readonly emit: (primary: Finding) => void) {}

  add(finding: Finding): void {
    const same = this.grouping.continues(finding);
    if (!same) this.flush();
    if (this.members.length < GROUP_MEMBERS) this.members.push(finding);
    this.grouping.add(finding, same);
  }

  /** After line `line` was scanned: a group no later finding can join is emitted now. */
  passed(line: number): void {
    if (this.members.length > 0 && !this.grouping.open(line + 1)) this.flush();
  }

  /**
   * A batch a scan thread grouped (`parallelScan.ts`): its first error may go on from the findings
   * added before, its last (`tail`) into the next batch; the errors between are whole, already printed
   * as `bytes` (UTF-8), which go to `write` in its place.
   */
  addBatch(batch: { readonly head: readonly Finding[]; readonly bytes: Uint8Array; readonly tail: readonly Finding[] | undefined }, write: (bytes: Uint8Array) => void): void {
    for (const finding of batch.head) this.add(finding);
    if (!batch.tail) return;
    this.flush();
    this.grouping = new ErrorGrouping(); // the tail's first finding starts an error
    write(batch.bytes);
    for (const finding of batch.tail) this.add(finding);
  }

  flush(): void {
    const group = groupFindings(this.members)[0];
    if (group) this.emit(group.primary);
    this.members = [];
  }
}
