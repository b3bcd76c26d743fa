import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { LineSource } from '../core/errors/types';

/** Lines kept before and after the line being scanned: at least the core's context. */
export const KEEP = 32;
/**
 * Characters of a line handed to the recognizer. A longer line (a 200 MB minified dump) is explained in
 * its first MAX_LINE characters only; the rest is read and dropped, so memory stays flat.
 */
export const MAX_LINE = 256 * 1024;
/** Bytes read at a time: small reads keep the peak memory low (the strings of a read are short-lived). */
export const READ_CHUNK = 64 * 1024;
/** Without more input for this long (a `kubectl logs -f` pipe), the lines read so far are explained. */
const IDLE_MS = 1000;

export class InputError extends Error {
  override name = 'InputError';
}

export interface LineStreamOptions {
  /** Called for each line longer than MAX_LINE (0-based line, its full length in characters). */
  readonly onLongLine?: (line: number, length: number) => void;
  /** Awaited after each chunk: the output has been taken (so a slow reader does not make memory grow). */
  readonly drained?: () => Promise<void>;
  /** Called after each batch of lines was visited (a chunk, an idle pause, the end): buffered output can go out now. */
  readonly visited?: () => void;
  /**
   * A cheap necessary condition for a line to matter to `visit`, tested on many lines of a read at
   * once: lines without a hit are left out of `visit` (all but the last of each batch, so the caller
   * still learns how far the input has gone). Lines longer than MAX_LINE, and lines split between
   * two reads, are always visited.
   */
  readonly gate?: LineGate;
}

/** Where in `text[from, to)` the first hit is, -1 when there is none; a line break never is part of one. */
export interface LineGate {
  firstHit(text: string, from: number, to: number): number;
  /** `firstHit` on UTF-8 bytes, with the same hits as on their text: the bytes are gated before they are decoded. */
  firstHitInBytes?(bytes: Uint8Array, from: number, to: number): number;
}

/**
 * Read buffers given back once no line kept refers to them: a large file is read into the same few
 * buffers again and again, instead of leaving a dead buffer per read for the garbage collector.
 */
export class ReadBuffers {
  private readonly free: Buffer[] = [];
  private readonly own = new WeakSet<Uint8Array>();

  take(): Buffer {
    let bytes = this.free.pop();
    if (!bytes) this.own.add((bytes = Buffer.allocUnsafe(READ_CHUNK)));
    return bytes;
  }

  /** Takes back a read no line refers to any more (one of its own: not a stream's, not the short last read). */
  give(bytes: Uint8Array): void {
    if (this.own.has(bytes) && this.free.length < 4) this.free.push(bytes as Buffer);
  }
}

/**
 * A regular file, read in plain reads (no stream machinery per chunk) into buffers of `buffers`: the
 * next read is asked for before a chunk is decoded. The file is closed when the reading ends.
 */
async function* regularFile(fd: number, buffers: ReadBuffers): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const bytes = buffers.take();
      const got = readSync(fd, bytes, 0, READ_CHUNK, null);
      if (got === 0) return;
      yield got === READ_CHUNK ? bytes : bytes.subarray(0, got);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The chunks of `file`: standard input for `-`; a pipe, a FIFO or a device through a stream (a read
 * may wait for the writer, and the idle timer must still run).
 */
function open(file: string, buffers: ReadBuffers): AsyncIterator<Uint8Array | string> {
  if (file === '-') return (process.stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const fd = openSync(file, 'r');
  let regular: boolean;
  try {
    regular = fstatSync(fd).isFile();
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const chunks: AsyncIterable<Uint8Array | string> = regular ? regularFile(fd, buffers) : (createReadStream('', { fd, highWaterMark: READ_CHUNK }) as Readable);
  return chunks[Symbol.asyncIterator]();
}

/**
 * The line pieces of `bytes` (0: the text before its first line break, 1: the next line, …) in which
 * `gate` hits, in order.
 */
function piecesHit(gate: Required<LineGate>, bytes: Uint8Array): number[] {
  const hits: number[] = [];
  let piece = 0;
  let counted = 0; // the line breaks before `counted` are counted in `piece`
  for (;;) {
    const hit = gate.firstHitInBytes(bytes, counted, bytes.length);
    if (hit === -1) return hits;
    for (let newline = bytes.indexOf(10, counted); newline !== -1 && newline < hit; newline = bytes.indexOf(10, newline + 1)) piece++;
    hits.push(piece);
    const end = bytes.indexOf(10, hit);
    if (end === -1) return hits;
    piece++;
    counted = end + 1;
  }
}

function describe(error: unknown, file: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new InputError(`cannot read ${file}: ${why}`);
}

/** The encoding a byte-order mark announces (UTF-16 LE/BE as Windows PowerShell writes), else UTF-8. */
function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Decodes whole lines of UTF-8 (not a stream: nothing is held between calls). */
const utf8 = new TextDecoder('utf-8');

/**
 * The lines kept around the one being visited, in a ring that grows only when a read holds more lines
 * than it has room for: a line costs no allocation of its own. A line is kept as its text, or as the
 * place of its UTF-8 bytes in a read, decoded only when it is read (most lines of a large log never
 * are: the gate passes them over).
 */
export class LineWindow {
  /** Absolute number of the oldest line kept. */
  first = 0;
  private count = 0;
  private texts: (string | undefined)[] = [];
  private reads: (Uint8Array | undefined)[] = [];
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private gated = new Uint8Array(0);
  private mask = -1;
  /** The reads that lines kept refer to, oldest first, each with the line after its last. */
  private readonly held: { readonly bytes: Uint8Array; end: number }[] = [];

  constructor(private readonly buffers: ReadBuffers) {
    this.resize(1024);
  }

  /** Absolute number of the line after the last one kept. */
  get end(): number {
    return this.first + this.count;
  }

  pushText(text: string, candidate: boolean): void {
    const slot = this.slot();
    this.texts[slot] = text;
    this.gated[slot] = candidate ? 1 : 0;
  }

  /** Keeps `bytes[start, end)`, a whole line of UTF-8 (no line break), undecoded. */
  pushBytes(bytes: Uint8Array, start: number, end: number, candidate: boolean): void {
    const last = this.held[this.held.length - 1];
    if (last?.bytes === bytes) last.end = this.end + 1;
    else this.held.push({ bytes, end: this.end + 1 });
    const slot = this.slot();
    this.reads[slot] = bytes;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.gated[slot] = candidate ? 1 : 0;
  }

  /** The text of line `n` ('' when it is not kept). */
  text(n: number): string {
    if (n < this.first || n >= this.end) return '';
    const slot = n & this.mask;
    const text = this.texts[slot];
    if (text !== undefined) return text;
    const decoded = utf8.decode(this.reads[slot]!.subarray(this.starts[slot], this.ends[slot]));
    this.texts[slot] = decoded;
    this.reads[slot] = undefined;
    return decoded;
  }

  candidate(n: number): boolean {
    return this.gated[n & this.mask] === 1;
  }

  /** Drops the lines before `n`: the texts they hold can go, and the reads no line refers to any more are given back. */
  dropBefore(n: number): void {
    for (; this.first < n && this.count > 0; this.first++, this.count--) {
      const slot = this.first & this.mask;
      this.texts[slot] = undefined;
      this.reads[slot] = undefined;
    }
    while (this.held.length > 0 && this.held[0]!.end <= this.first) this.buffers.give(this.held.shift()!.bytes);
  }

  /** The slot of a new last line, the ring grown first when it is full. */
  private slot(): number {
    if (this.count === this.texts.length) this.resize(2 * this.texts.length);
    const slot = this.end & this.mask;
    this.count++;
    this.texts[slot] = undefined;
    this.reads[slot] = undefined;
    return slot;
  }

  /** Copies the lines kept into a ring of `size` slots (a power of two), each at `line & (size - 1)`. */
  private resize(size: number): void {
    const texts = new Array<string | undefined>(size).fill(undefined);
    const reads = new Array<Uint8Array | undefined>(size).fill(undefined);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const gated = new Uint8Array(size);
    for (let n = this.first; n < this.end; n++) {
      const from = n & this.mask;
      const to = n & (size - 1);
      texts[to] = this.texts[from];
      reads[to] = this.reads[from];
      starts[to] = this.starts[from]!;
      ends[to] = this.ends[from]!;
      gated[to] = this.gated[from]!;
    }
    this.texts = texts;
    this.reads = reads;
    this.starts = starts;
    this.ends = ends;
    this.gated = gated;
    this.mask = size - 1;
  }
}

/**
 * Streams a file's lines through a sliding window, calling `visit(source, line)` once per line
 * when the lines around it are in memory (or the input has been idle for a second). Bytes are decoded
 * as a stream (a character split between two reads stays whole; a BOM selects UTF-8 or UTF-16 and is
 * not part of line 1). Memory stays bounded by the window and MAX_LINE, whatever the size.
 * Rejects with InputError for unreadable or binary input.
 */
export async function forEachLine(file: string, visit: (source: LineSource, line: number) => void | 'stop', options: LineStreamOptions = {}): Promise<void> {
  const buffers = new ReadBuffers();
  const window = new LineWindow(buffers);
  const gate = options.gate;
  let next = 0; // next line to visit
  let stopped = false;
  // The line being read: its pieces up to MAX_LINE, and its full length.
  let pieces: string[] = [];
  let kept = 0;
  let length = 0;
  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  const source: LineSource = {
    get lineCount() {
      return window.end;
    },
    lineText: (line) => window.text(line),
  };
  const drain = (upTo: number) => {
    while (!stopped && next < upTo) {
      const line = next++;
      if (gate && !window.candidate(line) && line !== upTo - 1) continue;
      if (visit(source, line) === 'stop') stopped = true;
    }
    options.visited?.();
    window.dropBefore(next - KEEP);
  };
  /** Ends the line read in pieces (split between reads, or longer than MAX_LINE): the gate does not judge it. */
  const endLine = () => {
    let line = pieces.length === 1 ? pieces[0]! : pieces.join('');
    if (length === kept && line.endsWith('\r')) line = line.slice(0, -1);
    if (length > MAX_LINE) options.onLongLine?.(window.end, length);
    window.pushText(line, true);
    pieces = [];
    kept = 0;
    length = 0;
  };
  /** Splits `text` into lines; `hits`: the pieces of it the gate hit, found in its bytes (else the gate reads the text). */
  const take = (text: string, hits?: readonly number[]) => {
    let hit = -1; // where the gate's next hit at or after `from` is (-1 none), once searched
    let searched = false;
    let nextHit = 0; // index in `hits` of the first hit at or after `piece`
    for (let from = 0, piece = 0; ; piece++) {
      const newline = text.indexOf('\n', from);
      const end = newline === -1 ? text.length : newline;
      if (newline !== -1 && length === 0 && end - from <= MAX_LINE) {
        // The common case: a line that starts and ends in this text, short enough to be kept whole.
        let candidate = true;
        if (hits) {
          while (nextHit < hits.length && hits[nextHit]! < piece) nextHit++;
          candidate = hits[nextHit] === piece;
        } else if (gate) {
          if (!searched || (hit !== -1 && hit < from)) {
            hit = gate.firstHit(text, from, text.length);
            searched = true;
          }
          candidate = hit !== -1 && hit < end;
        }
        window.pushText(text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end), candidate);
        from = newline + 1;
        continue;
      }
      const room = MAX_LINE - kept;
      if (room > 0 && end > from) {
        const piece = text.slice(from, Math.min(end, from + room));
        pieces.push(piece);
        kept += piece.length;
      }
      length += end - from;
      if (newline === -1) return;
      endLine();
      from = newline + 1;
    }
  };
  /**
   * The whole lines of a UTF-8 read, kept as bytes (`hits`: the pieces the gate hit, 0 being the end of
   * a line begun in an earlier read): the text before its first line break and after its last goes
   * through the stream decoder, which holds a character split between reads.
   */
  const takeBytes = (bytes: Uint8Array, hits: readonly number[]): void => {
    const first = bytes.indexOf(10);
    const last = bytes.lastIndexOf(10);
    if (first === -1) {
      take(decoder!.decode(bytes, { stream: true }), hits);
      return;
    }
    take(decoder!.decode(bytes.subarray(0, first + 1), { stream: true }), hits.length > 0 && hits[0] === 0 ? [0] : []);
    let nextHit = hits[0] === 0 ? 1 : 0;
    let piece = 1;
    for (let start = first + 1; start <= last; piece++) {
      const newline = bytes.indexOf(10, start);
      const end = newline > start && bytes[newline - 1] === 13 ? newline - 1 : newline;
      if (end - start > MAX_LINE) {
        // Possibly longer than MAX_LINE characters: the text path cuts it.
        take(utf8.decode(bytes.subarray(start, newline + 1)), hits[nextHit] === piece ? [0] : []);
      } else {
        window.pushBytes(bytes, start, end, hits[nextHit] === piece);
      }
      if (hits[nextHit] === piece) nextHit++;
      start = newline + 1;
    }
    if (last + 1 < bytes.length) take(decoder!.decode(bytes.subarray(last + 1), { stream: true }), hits[nextHit] === piece ? [0] : []);
  };
  const decode = (bytes: Uint8Array | undefined): void => {
    if (!decoder) {
      head = bytes ? concat(head, bytes) : head;
      if (bytes && head.length < 3) return; // too few bytes to know the byte-order mark
      decoder = new TextDecoder(encodingOf(head)); // strips the BOM of its encoding
      const text = decoder.decode(head, { stream: bytes !== undefined });
      if (text.slice(0, 8000).includes('\u0000')) throw new InputError(`${file} looks like a binary file; nothing to explain`);
      take(text, hitsIn(head));
      return;
    }
    const hits = bytes && hitsIn(bytes);
    if (bytes && hits) takeBytes(bytes, hits);
    else take(decoder.decode(bytes, { stream: bytes !== undefined }), hits);
  };
  /**
   * The gate's hits found in UTF-8 bytes before they are decoded: each line break of the bytes is one
   * of the text (a character cut at the end of a read is completed in the next, and holds none).
   */
  const hitsIn = (bytes: Uint8Array): number[] | undefined => (gate?.firstHitInBytes && decoder?.encoding === 'utf-8' ? piecesHit(gate as Required<LineGate>, bytes) : undefined);

  let chunks: AsyncIterator<Uint8Array | string> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    chunks = open(file, buffers);
    const reader = chunks;
    const read = () => {
      const promise = reader.next();
      promise.catch(() => undefined); // awaited below; this only keeps a read left behind by a stop from going unhandled
      return promise;
    };
    let pending = read();
    for (;;) {
      const idle = new Promise<'idle'>((resolve) => (timer = setTimeout(() => resolve('idle'), IDLE_MS)));
      const result = await Promise.race([pending, idle]);
      clearTimeout(timer);
      if (result === 'idle') {
        drain(window.end); // explain what has come so far; later lines come as they arrive
        if (stopped) break;
        continue;
      }
      if (result.done) break;
      pending = read();
      const chunk = result.value;
      decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      drain(window.end - KEEP);
      if (stopped) break;
      await options.drained?.();
    }
    if (!stopped) {
      decode(undefined);
      endLine();
      drain(window.end);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describe(error, file);
  } finally {
    clearTimeout(timer);
    await chunks?.return?.();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
