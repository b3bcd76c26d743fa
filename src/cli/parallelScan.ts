/**
 * `gemini-doctor explain` on a log dense with errors spends its time in the recognizer, one line after
 * another. Each line's findings depend only on the lines around it (`limits.CONTEXT_LINES` on each
 * side), so batches of lines, each sent with those neighbours, can be scanned by worker threads at
 * once; their output is printed in the order of the lines, so it is the same, byte for byte, as one
 * thread's. Reading, decoding and gating stay on the main thread, which scans a batch itself whenever
 * every worker has enough to do: its code is warm already, where each worker's starts cold (a worker
 * costs a few hundred milliseconds of processor time before it runs at full speed).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { catalog } from '../core/errors/catalog';
import { errorsOf, limits, Scanner } from '../core/errors/recognize';
import type { CatalogEntry, Finding, LineSource } from '../core/errors/types';
import { ByteWriter, FindingGrouper, formatText, writeJsonFindings } from './findingOutput';

const CONTEXT = limits.CONTEXT_LINES;
/** Characters of line text sent in one batch (besides the last line's neighbours): a few tens of milliseconds of work. */
const BATCH_CHARS = 128 * 1024;
/** Batches sent to a worker and not yet back: enough to keep it busy while the main thread scans one or prints. */
const IN_FLIGHT_PER_WORKER = 2;

/** How a batch's findings come back: the `--json` array's elements, `--json-lines` lines, or text output. */
export type BatchFormat = 'json' | 'json-lines' | 'text';

/** What a scan worker is started with: where it counts the batches it has scanned (`ParallelScan.scanned`). */
export interface ScanWorkerData {
  readonly scanned: Int32Array;
  readonly index: number;
}

/** A run of consecutive lines, from line `first`. */
interface Segment {
  readonly first: number;
  readonly lines: string[];
}

export interface BatchRequest {
  readonly id: number;
  readonly file: string;
  readonly format: BatchFormat;
  /** The lines scanned and their neighbours, in runs (lines far from any scanned line are left out). */
  readonly segments: readonly Segment[];
  /** Lines of the input, as far as the scans of the batch's lines read. */
  readonly lineCount: number;
  /** The lines to scan, ascending. */
  readonly scan: readonly number[];
}

/** A finding as a worker sends it back: its catalog entries by their position in `catalog`. */
export type FindingRecord = Omit<Finding, 'entry' | 'statusEntry'> & { readonly entry: number; readonly statusEntry?: number };

export interface BatchResult {
  readonly id: number;
  /** Findings in the batch. */
  readonly count: number;
  /**
   * UTF-8 of what to print (sent, not copied: the scan thread encodes it, the main thread writes it as
   * it is). `json`: the elements of the `--json` array, joined by `,\n`; `json-lines`: a line each; `text`: a
   * line for each error between the batch's first and its last.
   */
  readonly bytes?: Uint8Array;
  /** `text`: the findings of the batch's first error, which may go on from the batch before. */
  readonly head?: readonly FindingRecord[];
  /** `text`, when the batch has more than one error: the findings of its last, which may go on in the next batch. */
  readonly tail?: readonly FindingRecord[];
  readonly error?: string;
}

/** A batch's findings, in the order of the lines (see BatchResult). */
export interface BatchOutput {
  /** UTF-8 of what the batch prints. */
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly head: readonly Finding[];
  readonly tail: readonly Finding[] | undefined;
  readonly lastLine: number;
  /** The batch was scanned by the thread that read it (every worker had enough to do), not by a worker. */
  readonly here: boolean;
}

const entryIndex = new Map<CatalogEntry, number>(catalog.map((entry, i) => [entry, i]));

function toRecord(finding: Finding): FindingRecord {
  const { entry, statusEntry, ...rest } = finding;
  return { ...rest, entry: entryIndex.get(entry)!, ...(statusEntry ? { statusEntry: entryIndex.get(statusEntry)! } : {}) };
}

function fromRecord(record: FindingRecord): Finding {
  const { entry, statusEntry, ...rest } = record;
  return { ...rest, entry: catalog[entry]!, ...(statusEntry === undefined ? {} : { statusEntry: catalog[statusEntry]! }) };
}

/**
 * Text output of a batch: the errors complete within it as lines (grouped as `FindingGrouper` groups
 * them); its first and its last error as findings, for the main thread's grouper to join with the
 * neighbouring batches. An error that starts a batch cannot end up grouped with an earlier one than
 * it is here: what the batch before adds can only end a group sooner (`ErrorGrouping`).
 */
function textOf(file: string, findings: readonly Finding[]): Pick<BatchResult, 'bytes' | 'head' | 'tail'> {
  const groups = errorsOf(findings);
  const out = new ByteWriter();
  const printer = new FindingGrouper((primary) => out.text(`${formatText(file, primary)}\n`));
  for (const group of groups.slice(1, -1)) {
    for (const finding of group) printer.add(finding);
    printer.flush();
  }
  return { bytes: out.take(), head: (groups[0] ?? []).map(toRecord), ...(groups.length > 1 ? { tail: groups[groups.length - 1]!.map(toRecord) } : {}) };
}

/** Bytes of JSON the last batch scanned here wrote. */
let lastOutput = 0;

/** What a worker does with one batch (also callable in this thread). */
export function scanBatch(request: BatchRequest): BatchResult {
  const segments = request.segments;
  let at = 0; // the segment of the last line read: reads move forward, a few lines back at most
  const source: LineSource = {
    lineCount: request.lineCount,
    lineText: (line) => {
      while (at > 0 && line < segments[at]!.first) at--;
      while (at < segments.length - 1 && line >= segments[at + 1]!.first) at++;
      const segment = segments[at];
      return segment ? segment.lines[line - segment.first] ?? '' : '';
    },
  };
  const scanner = new Scanner(source);
  const findings: Finding[] = [];
  for (const line of request.scan) for (const finding of scanner.scan({ startLine: line, endLine: line + 1 })) findings.push(finding);
  if (request.format === 'text') return { id: request.id, count: findings.length, ...textOf(request.file, findings) };
  // Room for what the batch before wrote, and a little more: the buffer seldom grows.
  const out = new ByteWriter(Math.max(64 * 1024, Math.ceil(1.25 * lastOutput)));
  writeJsonFindings(out, request.file, findings, request.format);
  const bytes = out.take();
  lastOutput = bytes.length;
  return { id: request.id, count: findings.length, bytes };
}

interface Batch {
  readonly segments: Segment[];
  readonly scan: number[];
  chars: number;
  /**
   * The line after the last one taken into `segments`: the line count the worker's scan sees. It is
   * the scanned lines' own view where it matters: a line with fewer than CONTEXT lines after it is one
   * of the last lines of the file, scanned once the file was read to its end.
   */
  end: number;
}

/** What the caller gets of each batch, in the order of the lines. */
export type BatchSink = (output: BatchOutput) => void;

/**
 * Lines handed over one at a time (`add`, ascending), gathered into batches with their neighbours,
 * scanned by `workers` worker threads and this one, and given back to `sink` in order.
 */
export class ParallelScan {
  private readonly workers: Worker[] = [];
  /** Batches sent to each worker. */
  private readonly sent: number[] = [];
  /**
   * Batches each worker has scanned, counted by the worker in memory both threads share: this thread
   * reads it while it scans (it learns of a worker's answers only between reads of the input).
   */
  private readonly scanned: Int32Array;
  private readonly pending = new Map<number, { resolve: (result: BatchResult) => void; reject: (error: Error) => void }>();
  /** Completion of each batch sent and not yet given to the sink, oldest first. */
  private readonly inFlight: Promise<void>[] = [];
  private delivered: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private batch: Batch | undefined;
  private nextId = 0;

  constructor(
    workers: number,
    private readonly file: string,
    private readonly format: BatchFormat,
    private readonly sink: BatchSink,
  ) {
    this.scanned = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, workers)));
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(path.join(__dirname, 'scanWorker.js'), { workerData: { scanned: this.scanned, index: i } satisfies ScanWorkerData });
      worker.on('message', (result: BatchResult) => {
        const waiting = this.pending.get(result.id);
        this.pending.delete(result.id);
        if (result.error !== undefined) waiting?.reject(new Error(result.error));
        else waiting?.resolve(result);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.pending.size > 0) this.fail(new Error(`a scan worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.sent.push(0);
    }
  }

  /** Takes `line` of `source` to scan, and the lines around it that its scan reads. */
  add(source: LineSource, line: number): void {
    const batch = (this.batch ??= { segments: [], scan: [], chars: 0, end: 0 });
    const from = Math.max(0, line - CONTEXT, batch.end);
    const to = Math.min(line + CONTEXT, source.lineCount - 1);
    let segment = batch.segments[batch.segments.length - 1];
    if (!segment || from > batch.end) batch.segments.push((segment = { first: from, lines: [] }));
    for (let n = from; n <= to; n++) {
      const text = source.lineText(n);
      segment.lines.push(text);
      batch.chars += text.length;
    }
    batch.end = Math.max(batch.end, to + 1);
    batch.scan.push(line);
    if (batch.chars >= BATCH_CHARS) this.send();
  }

  /** Resolves when few enough batches are waiting to be printed (memory stays bounded); rejects when a worker failed. */
  async ready(): Promise<void> {
    while (this.inFlight.length > (this.workers.length + 1) * IN_FLIGHT_PER_WORKER) await this.inFlight[0];
    if (this.failure) throw this.failure;
  }

  /** Sends what is gathered, waits until every batch was given to the sink, and stops the workers. */
  async finish(): Promise<void> {
    try {
      this.send();
      await this.delivered;
      if (this.failure) throw this.failure;
    } finally {
      this.dispose();
    }
  }

  /** Stops the workers (at the end, or when the reading failed). */
  dispose(): void {
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }

  private send(): void {
    const batch = this.batch;
    this.batch = undefined;
    if (!batch || batch.scan.length === 0 || this.failure) return;
    const id = this.nextId++;
    const request: BatchRequest = { id, file: this.file, format: this.format, segments: batch.segments, lineCount: batch.end, scan: batch.scan };
    // The least busy worker, unless every worker has enough to do: then this thread scans the batch.
    let worker = -1;
    let least = IN_FLIGHT_PER_WORKER;
    for (let i = 0; i < this.workers.length; i++) {
      const waiting = this.sent[i]! - Atomics.load(this.scanned, i);
      if (waiting < least) {
        worker = i;
        least = waiting;
      }
    }
    const here = worker === -1;
    let result: Promise<BatchResult>;
    if (here) {
      result = Promise.resolve(scanBatch(request));
    } else {
      result = new Promise<BatchResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
      this.sent[worker]!++;
      this.workers[worker]!.postMessage(request);
    }
    const lastLine = batch.scan[batch.scan.length - 1]!;
    const done = (this.delivered = this.delivered.then(() => result).then((r) => this.deliver(r, lastLine, here)));
    done.catch((error: Error) => this.fail(error));
    this.inFlight.push(done.then(() => void this.inFlight.shift(), () => void this.inFlight.shift()));
  }

  private deliver(result: BatchResult, lastLine: number, here: boolean): void {
    if (this.failure) return;
    this.sink({ bytes: result.bytes ?? new Uint8Array(0), count: result.count, head: (result.head ?? []).map(fromRecord), tail: result.tail?.map(fromRecord), lastLine, here });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
