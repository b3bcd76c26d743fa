import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { prefilterSource } from '../core/errors/anchors';
import { LiteralGate } from '../core/errors/literalGate';
import { explainAt, Scanner } from '../core/errors/recognize';
import type { Finding } from '../core/errors/types';
import { forEachLine, MAX_LINE, type LineStreamOptions } from './lineStream';
import { ByteWriter } from './findingOutput';
import { displayFile } from './output';
import { ParallelScan, type BatchFormat, type BatchOutput } from './parallelScan';

/**
 * The literals some anchor needs, looked for in a whole read at once: a line without any has no
 * anchor, so the scanner never sees it (most lines of a large log).
 */
let anchorGate: LiteralGate | undefined | null = null;

export interface ExplainOptions extends LineStreamOptions {
  /** Called with the last line read so far after the lines up to it were scanned (not for every line). */
  readonly onLine?: (line: number) => void;
  /**
   * Threads to scan a regular file with once the recognizer is what takes the time (a log dense with
   * errors; see parallelScan.ts): this one and `workers - 1` worker threads; fewer than 2, or no
   * `batches`: this one alone.
   */
  readonly workers?: number;
  /**
   * With `workers`: how the findings of the lines they scan come back, given to `onBatch` instead of
   * `onFinding`: the JSON to print, or for text the lines of the errors a batch holds whole and the
   * findings of its first and last errors.
   */
  readonly batches?: { readonly format: BatchFormat; readonly onBatch: (output: BatchOutput) => void };
  /** With `workers`: start them at the first line instead of when the scan proves busy. */
  readonly eager?: boolean;
}

/** The scan's share of the time above which the workers start, and the time it is measured over (ms). */
const BUSY_SHARE = 0.75;
const BUSY_WINDOW = 100;

/**
 * Every Gemini error occurrence in a file, read as a stream: `onFinding` is called as each is found,
 * in the order of the lines, and nothing is kept, so memory does not grow with the file or the number
 * of errors.
 */
export async function explainFile(file: string, onFinding: (finding: Finding) => void, options: ExplainOptions = {}): Promise<void> {
  if (anchorGate === null) anchorGate = LiteralGate.of(prefilterSource);
  let scanner: Scanner | undefined; // one per file: each line is prepared once, not once per neighbour
  let parallel: ParallelScan | undefined;
  const batches = options.batches;
  const workers = batches && (options.workers ?? 0) > 1 && isRegularFile(file) ? options.workers! : 0;
  const startWorkers = () => {
    parallel = new ParallelScan(workers - 1, file, batches!.format, (output) => {
      batches!.onBatch(output);
      options.onLine?.(output.lastLine);
      options.visited?.();
    });
  };
  if (workers > 0 && options.eager) startWorkers();
  // How much of the time the scan takes, over the last BUSY_WINDOW ms of it: mostly, on a log dense with errors.
  let windowStart = performance.now();
  let windowScan = 0;
  try {
    await forEachLine(file, (source, line) => {
      if (parallel) {
        parallel.add(source, line);
        return;
      }
      scanner ??= new Scanner(source);
      const started = workers > 0 ? performance.now() : 0;
      for (const finding of scanner.scan({ startLine: line, endLine: line + 1 })) onFinding(finding);
      options.onLine?.(line);
      if (workers === 0) return;
      const now = performance.now();
      windowScan += now - started;
      if (windowScan < BUSY_WINDOW) return;
      if (windowScan >= (now - windowStart) * BUSY_SHARE) startWorkers();
      windowStart = now;
      windowScan = 0;
    }, {
      ...options,
      ...(anchorGate ? { gate: anchorGate } : {}),
      drained: async () => {
        await options.drained?.();
        await parallel?.ready();
      },
    });
    await parallel?.finish();
  } finally {
    parallel?.dispose();
  }
}

/** Workers only for a file read to its end at once: a pipe's lines are explained as they come, not in batches. */
function isRegularFile(file: string): boolean {
  try {
    return file !== '-' && statSync(file).isFile();
  } catch {
    return false; // the reading says why
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

/**
 * Output collected as UTF-8 and written in one piece when `flush` is called (or when it grows past a
 * limit); bytes already encoded (a scan thread's) go out as they are, after what was collected before.
 */
export class OutputBuffer {
  private writer = new ByteWriter(OUTPUT_FLUSH);

  constructor(private readonly out: (chunk: string | Uint8Array) => void) {}

  write(chunk: string | Uint8Array): void {
    if (typeof chunk !== 'string') {
      this.flush();
      if (chunk.length > 0) this.out(chunk);
      return;
    }
    this.writeWith((writer) => writer.text(chunk));
  }

  /** Output written straight into the buffer (`writeJsonFinding`). */
  writeWith(fill: (writer: ByteWriter) => void): void {
    fill(this.writer);
    if (this.writer.size >= OUTPUT_FLUSH) this.flush();
  }

  flush(): void {
    if (this.writer.size === 0) return;
    // A buffer of its own for each write: a pipe may still hold the one written.
    this.out(this.writer.take());
    this.writer = new ByteWriter(OUTPUT_FLUSH);
  }
}

/**
 * Bytes of output held at most before they are written: small enough that a write's buffer is not a
 * fresh mapping of memory each time (at 256 KB, writing 400 MB of JSON took 50,000 page faults more).
 */
const OUTPUT_FLUSH = 32 * 1024;
