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
  const head = [
    `"file"${colon}${fileJson(file)}`,
    `"line"${colon}${finding.line + 1}`,
    `"column"${colon}${finding.start + 1}`,
    `"endLine"${colon}${finding.line + 1}`,
    `"endColumn"${colon}${finding.end + 1}`,
    `"text"${colon}${safeJson(finding.text)}`,
  ];
  const separator = margin === undefined ? ',' : `,\n${margin}  `;
  const fields = `${head.join(separator)}${separator}${tailJson(finding, margin, colon, separator)}`;
  return margin === undefined ? `{${fields}}` : `{\n${margin}  ${fields}\n${margin}}`;
}

/** The fields after `text` of the last finding written: the same for every occurrence of one error. */
let lastTail: { readonly finding: Finding; readonly margin: string | undefined; readonly json: string } | undefined;

function sameError(a: Finding, b: Finding): boolean {
  return a.entry === b.entry && a.details === b.details && a.status === b.status && a.httpCode === b.httpCode && a.kind === b.kind && a.confidence === b.confidence;
}

/** The fields from `id` to `details` of a finding, written once for the occurrences of one error (they come one after another). */
function tailJson(finding: Finding, margin: string | undefined, colon: string, separator: string): string {
  const last = lastTail;
  if (last && last.margin === margin && sameError(last.finding, finding)) return last.json;
  const json = [
    `"id"${colon}${safeJson(finding.entry.id)}`,
    `"httpCode"${colon}${finding.httpCode ?? null}`,
    `"status"${colon}${safeJson(finding.status)}`,
    `"kind"${colon}${safeJson(finding.kind)}`,
    `"confidence"${colon}${safeJson(finding.confidence)}`,
    `"title"${colon}${safeJson(findingTitle(finding))}`,
    `"details"${colon}${detailsJson(finding.details, margin)}`,
  ].join(separator);
  lastTail = { finding, margin, json };
  return json;
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
   * as `text`, which goes to `write` in its place.
   */
  addBatch(batch: { readonly head: readonly Finding[]; readonly text: string; readonly tail: readonly Finding[] | undefined }, write: (text: string) => void): void {
    for (const finding of batch.head) this.add(finding);
    if (!batch.tail) return;
    this.flush();
    this.grouping = new ErrorGrouping(); // the tail's first finding starts an error
    write(batch.text);
    for (const finding of batch.tail) this.add(finding);
  }

  flush(): void {
    const group = groupFindings(this.members)[0];
    if (group) this.emit(group.primary);
    this.members = [];
  }
}
