/**
 * The Gemini errors of a document that changes (a log open in the editor, growing): after an edit only
 * the edited lines and the context around them are scanned again, and the work comes in slices the
 * caller bounds, so a 20 MB log never holds its thread for long. Built on the recognizer's `Scanner` alone.
 */
import { limits, Scanner } from './recognize';
import type { Finding, LineSource } from './types';

/** Lines on each side of an edit whose findings may change: the recognizer reads that much context. */
const NEIGHBOURHOOD = limits.CONTEXT_LINES + 1;
/** Lines scanned between two looks at the clock. */
const BATCH = 64;

/** An edit as lines: lines `startLine`..`endLine` (inclusive) were replaced by text with `newLines` line breaks. */
export interface LineEdit {
  readonly startLine: number;
  readonly endLine: number;
  readonly newLines: number;
}

type Range = [from: number, to: number];

/** First index in `findings` (sorted by line) whose line is at least `line`. */
function lowerBound(findings: readonly Finding[], line: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (findings[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LogScan {
  private found: Finding[] = [];
  /** Lines still to scan: sorted, disjoint, half-open ranges. */
  private dirty: Range[];

  constructor(private lineCount: number) {
    this.dirty = lineCount > 0 ? [[0, lineCount]] : [];
  }

  /** The findings so far, in line order (those of lines not scanned yet are missing or from before the edit). */
  get findings(): readonly Finding[] {
    return this.found;
  }

  /** Whether every line has been scanned since the last edit. */
  get done(): boolean {
    return this.dirty.length === 0;
  }

  /** Lines left to scan. */
  get pending(): number {
    return this.dirty.reduce((sum, [from, to]) => sum + to - from, 0);
  }

  /** Takes an edit into account at once (cheap): shifts what is known, marks the edit's neighbourhood to scan. */
  edit(change: LineEdit): void {
    const { startLine, endLine, newLines } = change;
    const delta = newLines - (endLine - startLine);
    const newEnd = startLine + newLines + 1;
    this.lineCount += delta;
    const first = lowerBound(this.found, startLine);
    const after = lowerBound(this.found, endLine + 1);
    const moved = this.found.slice(after).map((f) => ({ ...f, line: f.line + delta }));
    this.found = [...this.found.slice(0, first), ...moved];
    const map = (line: number, inside: number) => (line <= startLine ? line : line > endLine ? line + delta : inside);
    const ranges = this.dirty.map(([from, to]): Range => [map(from, startLine), map(to, newEnd)]);
    ranges.push([startLine - NEIGHBOURHOOD, newEnd + NEIGHBOURHOOD]);
    this.dirty = normalize(ranges, this.lineCount);
  }

  /**
   * Scans dirty lines of `source` (the document as it is now) until done or `yieldNow()` says to stop;
   * resolves nothing, returns whether everything is scanned. Call again after yielding.
   */
  step(source: LineSource, yieldNow: () => boolean): boolean {
    if (source.lineCount !== this.lineCount) {
      // Edits were missed: start over rather than show findings on the wrong lines.
      this.lineCount = source.lineCount;
      this.found = [];
      this.dirty = normalize([[0, this.lineCount]], this.lineCount);
    }
    // The text cannot change during one step: its batches share one line cache (ranges ascend).
    const scanner = new Scanner(source);
    while (this.dirty.length > 0) {
      const range = this.dirty[0]!;
      const from = range[0];
      const to = Math.min(range[1], from + BATCH);
      const fresh = scanner.scan({ startLine: from, endLine: to });
      const first = lowerBound(this.found, from);
      const after = lowerBound(this.found, to);
      this.found.splice(first, after - first, ...fresh);
      if (to >= range[1]) this.dirty.shift();
      else range[0] = to;
      if (yieldNow()) break;
    }
    return this.dirty.length === 0;
  }
}

/** Sorted, merged, clamped to [0, lineCount), without empty ranges. */
function normalize(ranges: Range[], lineCount: number): Range[] {
  const clamped = ranges
    .map(([from, to]): Range => [Math.max(0, from), Math.min(lineCount, to)])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of clamped) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
