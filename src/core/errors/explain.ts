/**
 * Explaining a whole piece of text (a selection, the clipboard, a terminal line, a notebook cell's
 * output): every Gemini error in it, once each, as one Markdown document that is also the text a
 * user copies into a bug report.
 */
import { guideSection } from './guide';
import { code, detailBullets, docsOf, findingLabel, findingTitle, link, meaningOf, plain, retryLine, sectionsOf, sourcesLine, summaryLine } from './markdown';
import { groupFindings, linesOf, scanLines } from './recognize';
import type { Finding, LineSource } from './types';

/** Characters explained at most; the rest is named as left out. */
export const MAX_EXPLAIN_CHARS = 2_000_000;
/** Distinct errors shown at most. */
const MAX_SECTIONS = 50;
/** Characters of a terminal line read for links (VS Code joins wrapped lines; a line can be huge). */
export const MAX_TERMINAL_LINE = 4000;

/**
 * Text as a terminal or a notebook prints it, without its control sequences: CSI (colours, cursor),
 * OSC (titles, hyperlinks) and every other C0/C1 control except tab and newline.
 */
export function stripControls(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** One distinct error of the text: the finding to explain and where it occurs. */
export interface ExplainedError {
  readonly finding: Finding;
  /** 0-based lines of the text where this error (same entry, same specifics) occurs. */
  readonly lines: readonly number[];
}

export interface Explanation {
  readonly errors: readonly ExplainedError[];
  /** The document: every error with title, specifics, what to do, retry, meaning and cause, links. */
  readonly markdown: string;
  /** True when the text was longer than what is explained. */
  readonly truncated: boolean;
}

export interface ExplainOptions {
  /** Where the text comes from, for the heading ("the selection in app.log"). Untrusted: escaped. */
  readonly origin?: string;
  /** The 0-based line of the text's first line in its document, so line numbers match the editor. */
  readonly firstLine?: number;
}

function fence(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function excerpt(source: LineSource, finding: Finding): string {
  const full = source.lineText(finding.line);
  const from = Math.max(0, finding.start - 200);
  const text = full.slice(from, from + 600);
  return `${from > 0 ? '…' : ''}${text}${from + 600 < full.length ? '…' : ''}`;
}

function section(index: number, error: ExplainedError, source: LineSource, firstLine: number): string[] {
  const { finding } = error;
  const out = [`## ${index}. ${plain(findingTitle(finding))}`, ''];
  const lineNumbers = error.lines.slice(0, 10).map((l) => l + firstLine + 1);
  const where = error.lines.length === 1 ? `Line ${lineNumbers[0]}` : `Seen ${error.lines.length} times, lines ${lineNumbers.join(', ')}${error.lines.length > 10 ? ', …' : ''}`;
  out.push(`_${where}; recognized from ${plain(finding.evidence.length > 0 ? finding.evidence.join(', ') : 'the error shape only')}._`, '');
  if (finding.confidence === 'low') out.push('_Possibly a Gemini API error: nothing around it names Gemini. If it came from the Gemini API:_', '');
  const bullets = detailBullets(finding);
  out.push('**This error says:**', '');
  out.push(...(bullets.length > 0 ? bullets : [`${code(findingLabel(finding))}, with no further details in the text.`]).map((b) => `- ${b}`), '');
  out.push(`**What to do:** ${finding.entry.fix}`, '');
  const retry = retryLine(finding);
  if (retry) out.push(`**Retry?** ${retry}`, '');
  out.push(`**What it means:** ${meaningOf(finding)}`, '');
  out.push(`**Likely cause:** ${finding.entry.cause}`, '');
  const sections = sectionsOf(finding).map(guideSection);
  const docs = docsOf(finding).filter((doc) => !sections.some((s) => s.url === doc.url));
  const links = [...sections.map((s) => ({ title: s.title, url: s.url })), ...docs];
  if (links.length > 0) out.push(`**Documentation:** ${links.map(link).join(' · ')}`, '');
  out.push(`**Sources:** ${sourcesLine(finding)} · catalog id \`${finding.entry.id}\``, '');
  const shown = excerpt(source, finding);
  const marks = fence(shown);
  out.push('**The error as printed:**', '', `${marks}text`, shown, marks, '');
  return out;
}

/**
 * Every Gemini error in the text, each distinct one (same catalog entry and same specifics) once
 * with the lines it occurs on, and the Markdown document that explains them.
 */
export function explainText(text: string, options: ExplainOptions = {}): Explanation {
  const truncated = text.length > MAX_EXPLAIN_CHARS;
  const source = linesOf(stripControls(truncated ? text.slice(0, MAX_EXPLAIN_CHARS) : text));
  const byKey = new Map<string, { finding: Finding; lines: number[] }>();
  for (const group of groupFindings(scanLines(source))) {
    const key = `${group.primary.entry.id}\u0000${summaryLine(group.primary)}`;
    const known = byKey.get(key);
    if (known) known.lines.push(group.primary.line);
    else byKey.set(key, { finding: group.primary, lines: [group.primary.line] });
  }
  const errors = [...byKey.values()];
  const firstLine = options.firstLine ?? 0;
  const origin = options.origin ? ` in ${plain(options.origin, 200)}` : '';
  const out = [`# Gemini errors${origin}`, ''];
  if (errors.length === 0) {
    out.push('No Gemini API error found. Gemini Doctor recognizes HTTP statuses (`429 RESOURCE_EXHAUSTED`), SDK exceptions, well-known messages, finish and block reasons when something around them names Gemini.', '');
  } else {
    const count = errors.length === 1 ? 'One distinct error' : `${errors.length} distinct errors`;
    out.push(`${count}: ${errors.slice(0, 5).map((e) => code(findingLabel(e.finding))).join(', ')}${errors.length > 5 ? ', …' : ''}.`, '');
  }
  errors.slice(0, MAX_SECTIONS).forEach((error, i) => out.push(...section(i + 1, error, source, firstLine)));
  if (errors.length > MAX_SECTIONS) out.push(`_${errors.length - MAX_SECTIONS} more distinct errors are not shown._`, '');
  if (truncated) out.push(`_Only the first ${MAX_EXPLAIN_CHARS.toLocaleString('en-US')} characters were read._`, '');
  out.push('---', '', '_Explained by Gemini Doctor. The error text above comes from your logs: check it for secrets before you share it._', '');
  return { errors, markdown: out.join('\n'), truncated };
}

/** A link in a terminal line: the characters of one error and its one-line title. */
export interface LineLink {
  readonly start: number;
  readonly length: number;
  readonly tooltip: string;
}

/**
 * The Gemini errors of one terminal line, as links: only errors with Gemini evidence in the line
 * itself (a terminal prints everything, so a Google-shaped status alone is not enough). Reads at
 * most `MAX_TERMINAL_LINE` characters.
 */
export function lineLinks(line: string): LineLink[] {
  const text = line.length > MAX_TERMINAL_LINE ? line.slice(0, MAX_TERMINAL_LINE) : line;
  const links: LineLink[] = [];
  for (const group of groupFindings(scanLines(linesOf(text.replace(/[\r\n]/g, ' '))))) {
    if (group.primary.confidence !== 'high') continue;
    const first = group.findings[0]!;
    links.push({ start: first.start, length: first.end - first.start, tooltip: findingTitle(group.primary) });
  }
  return links;
}

/**
 * The lines of the block around `line`: the run of non-blank lines that contains it (at most
 * `radius` lines each way). An error printed by a program is one such block.
 */
export function lineBlock(source: LineSource, line: number, radius = 200): { first: number; last: number } {
  const blank = (n: number) => source.lineText(n).trim() === '';
  let first = line;
  let last = line;
  while (first > 0 && line - first < radius && !blank(first - 1)) first--;
  while (last + 1 < source.lineCount && last - line < radius && !blank(last + 1)) last++;
  return { first, last };
}

/** One output item of a notebook cell, decoded: its MIME type and its text. */
export interface OutputItem {
  readonly mime: string;
  readonly text: string;
}

/** MIME types whose text a program printed (errors, streams, plain results). */
const TEXT_MIMES = new Set(['application/vnd.code.notebook.stderr', 'application/vnd.code.notebook.stdout', 'text/plain', 'application/json']);
const ERROR_MIME = 'application/vnd.code.notebook.error';

/** The text of a cell's outputs: error tracebacks, stderr and stdout streams and plain-text results, without terminal colours. */
export function outputText(items: readonly OutputItem[]): string {
  const parts: string[] = [];
  for (const item of items) {
    if (item.mime === ERROR_MIME) {
      try {
        const error = JSON.parse(item.text) as { name?: unknown; message?: unknown; stack?: unknown };
        const stack = typeof error.stack === 'string' ? error.stack : '';
        parts.push(stack.trim() !== '' ? stack : `${String(error.name ?? 'Error')}: ${String(error.message ?? '')}`);
      } catch {
        parts.push(item.text);
      }
    } else if (TEXT_MIMES.has(item.mime)) {
      parts.push(item.text);
    }
  }
  return stripControls(parts.join('\n'));
}

/** A cell of a saved notebook and the text of its outputs. */
export interface SavedCellOutput {
  /** 0-based index of the cell. */
  readonly cell: number;
  readonly text: string;
}

const joinSource = (value: unknown): string => (Array.isArray(value) ? value.map(String).join('') : typeof value === 'string' ? value : '');

/**
 * The outputs saved in a Jupyter notebook file (`.ipynb` JSON): error tracebacks, streams and
 * plain-text results of each cell that has any. Throws a clear error when the text is not a notebook.
 */
export function ipynbOutputs(json: string): SavedCellOutput[] {
  let notebook: unknown;
  try {
    notebook = JSON.parse(json);
  } catch {
    throw new Error('This file is not valid notebook JSON.');
  }
  const cells = (notebook as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) throw new Error('This JSON has no notebook cells.');
  const found: SavedCellOutput[] = [];
  cells.forEach((cell: unknown, index) => {
    const outputs = (cell as { outputs?: unknown } | null)?.outputs;
    if (!Array.isArray(outputs)) return;
    const items: OutputItem[] = [];
    for (const output of outputs as { output_type?: unknown; name?: unknown; text?: unknown; ename?: unknown; evalue?: unknown; traceback?: unknown; data?: Record<string, unknown> }[]) {
      if (output?.output_type === 'error') {
        items.push({ mime: ERROR_MIME, text: JSON.stringify({ name: output.ename, message: output.evalue, stack: Array.isArray(output.traceback) ? output.traceback.map(String).join('\n') : '' }) });
      } else if (output?.output_type === 'stream') {
        items.push({ mime: output.name === 'stderr' ? 'application/vnd.code.notebook.stderr' : 'application/vnd.code.notebook.stdout', text: joinSource(output.text) });
      } else if (output?.data && typeof output.data === 'object' && 'text/plain' in output.data) {
        items.push({ mime: 'text/plain', text: joinSource(output.data['text/plain']) });
      }
    }
    const text = outputText(items);
    if (text.trim() !== '') found.push({ cell: index, text });
  });
  return found;
}
