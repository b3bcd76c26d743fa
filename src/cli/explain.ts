import { findingTitle, renderMarkdown, summaryLine } from '../core/errors/markdown';
import { prefilterSource } from '../core/errors/anchors';
import { LiteralGate } from '../core/errors/literalGate';
import { explainAt, groupFindings, Scanner } from '../core/errors/recognize';
import type { Finding } from '../core/errors/types';
import { forEachLine, MAX_LINE, type LineStreamOptions } from './lineStream';
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
 * The literals some anchor needs, looked for in a whole read at once: a line without any has no
 * anchor, so the scanner never sees it (most lines of a large log).
 */
let anchorGate: LiteralGate | undefined | null = null;

/**
 * Every Gemini error occurrence in a file, read as a stream: `onFinding` is called as each is found,
 * and nothing is kept, so memory does not grow with the file or the number of errors. `onLine` is
 * called with the last line read so far after the lines up to it were scanned (not for every line).
 */
export async function explainFile(file: string, onFinding: (finding: Finding) => void, options: LineStreamOptions & { onLine?: (line: number) => void } = {}): Promise<void> {
  if (anchorGate === null) anchorGate = LiteralGate.of(prefilterSource);
  let scanner: Scanner | undefined; // one per file: each line is prepared once, not once per neighbour
  await forEachLine(file, (source, line) => {
    scanner ??= new Scanner(source);
    for (const finding of scanner.scan({ startLine: line, endLine: line + 1 })) onFinding(finding);
    options.onLine?.(line);
  }, { ...options, ...(anchorGate ? { gate: anchorGate } : {}) });
}

/** Members of one error kept at most; the group's primary comes from its first members. */
const GROUP_MEMBERS = 64;

/**
 * `groupFindings` over a stream: findings go in as they are found, each error's group comes out as soon
 * as a later finding or line shows it is complete. Holds one group (of at most GROUP_MEMBERS findings).
 */
export class FindingGrouper {
  private members: Finding[] = [];
  private last: Finding | undefined;

  constructor(private readonly emit: (primary: Finding) => void) {}

  add(finding: Finding): void {
    if (this.last && groupFindings([this.last, finding]).length > 1) this.flush();
    if (this.members.length < GROUP_MEMBERS) this.members.push(finding);
    this.last = finding;
  }

  /** After line `line` was scanned: a group no later finding can join is emitted now. */
  passed(line: number): void {
    if (this.last && groupFindings([this.last, { ...this.last, line: line + 1 }]).length > 1) this.flush();
  }

  flush(): void {
    const group = groupFindings(this.members)[0];
    if (group) this.emit(group.primary);
    this.members = [];
    this.last = undefined;
  }
}

/** A note for a line explained only in part. */
export function longLineNote(file: string, line: number, length: number): string {
  return `gemini-doctor: ${displayFile(file)}:${line + 1}: the line has ${length.toLocaleString('en-US')} characters; only its first ${MAX_LINE.toLocaleString('en-US')} are explained`;
}

/** What a hover at (line, column), both 1-based, shows; reads the file only up to that line's context. */
export async function explainPosition(file: string, line: number, column: number): Promise<Finding | undefined> {
  let result: Finding | undefined;
  await forEachLine(file, (source, current) => {
    if (current < line - 1) return undefined;
    result = explainAt(source, { line: line - 1, character: column - 1 });
    return 'stop';
  });
  return result;
}

/** One line of text output; the file name is quoted when it could fake a position, controls are made visible. */
export function formatText(file: string, finding: Finding): string {
  return `${displayFile(file)}:${finding.line + 1}:${finding.start + 1}: [${finding.confidence}] ${stripControls(summaryLine(finding))}`;
}

/** A finding as one JSON text (no line breaks inside): `safeJson(toJson(file, finding))`. */
export function formatJsonLine(file: string, finding: Finding): string {
  return findingJson(file, finding, undefined);
}

/** A finding as an element of the `--json` array, indented by two spaces under the `[`: `safeJson(toJson(file, finding), 2)`, indented. */
export function formatJsonElement(file: string, finding: Finding): string {
  return `  ${findingJson(file, finding, '  ')}`;
}

/**
 * The JSON text of `toJson(file, finding)` as `safeJson` writes it (compact, or with two spaces per
 * level under `margin`), written field by field: a log of repeated errors prints thousands of
 * findings a second, and the findings of one error share one details object, written once.
 */
function findingJson(file: string, finding: Finding, margin: string | undefined): string {
  const colon = margin === undefined ? ':' : ': ';
  const fields = [
    `"file"${colon}${fileJson(file)}`,
    `"line"${colon}${finding.line + 1}`,
    `"column"${colon}${finding.start + 1}`,
    `"endLine"${colon}${finding.line + 1}`,
    `"endColumn"${colon}${finding.end + 1}`,
    `"text"${colon}${safeJson(finding.text)}`,
    `"id"${colon}${safeJson(finding.entry.id)}`,
    `"httpCode"${colon}${finding.httpCode ?? null}`,
    `"status"${colon}${safeJson(finding.status)}`,
    `"kind"${colon}${safeJson(finding.kind)}`,
    `"confidence"${colon}${safeJson(finding.confidence)}`,
    `"title"${colon}${safeJson(findingTitle(finding))}`,
    `"details"${colon}${detailsJson(finding.details, margin)}`,
  ];
  if (margin === undefined) return `{${fields.join(',')}}`;
  const inner = `\n${margin}  `;
  return `{${inner}${fields.join(`,${inner}`)}\n${margin}}`;
}

let lastFile: { readonly file: string; readonly json: string } | undefined;

/** `safeJson(file)`, kept for the file being explained. */
function fileJson(file: string): string {
  if (lastFile?.file !== file) lastFile = { file, json: safeJson(file) };
  return lastFile.json;
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

/** Output collected and written in one piece when `flush` is called (or when it grows past a limit). */
export class OutputBuffer {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: (text: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= OUTPUT_FLUSH) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** Characters of output held at most before they are written. */
const OUTPUT_FLUSH = 256 * 1024;
