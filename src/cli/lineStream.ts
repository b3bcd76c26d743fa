import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { LineSource } from '../core/errors/types';

/** Lines kept before and after the line being scanned: at least the core's context. */
const KEEP = 32;
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
 * A regular file, read in plain reads (no stream machinery per chunk) into fresh buffers: the next
 * read is asked for before a chunk is decoded. The file is closed when the reading ends.
 */
async function* regularFile(fd: number): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const bytes = Buffer.allocUnsafe(READ_CHUNK);
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
function open(file: string): AsyncIterator<Uint8Array | string> {
  if (file === '-') return (process.stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const fd = openSync(file, 'r');
  let regular: boolean;
  try {
    regular = fstatSync(fd).isFile();
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const chunks: AsyncIterable<Uint8Array | string> = regular ? regularFile(fd) : (createReadStream('', { fd, highWaterMark: READ_CHUNK }) as Readable);
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

/**
 * Streams a file's lines through a sliding window, calling `visit(source, line)` once per line
 * when the lines around it are in memory (or the input has been idle for a second). Bytes are decoded
 * as a stream (a character split between two reads stays whole; a BOM selects UTF-8 or UTF-16 and is
 * not part of line 1). Memory stays bounded by the window and MAX_LINE, whatever the size.
 * Rejects with InputError for unreadable or binary input.
 */
export async function forEachLine(file: string, visit: (source: LineSource, line: number) => void | 'stop', options: LineStreamOptions = {}): Promise<void> {
  let buffer: string[] = [];
  let candidates: boolean[] = []; // parallel to buffer: whether the gate lets the line through
  const gate = options.gate;
  let offset = 0; // absolute line number of buffer[0]
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
      return offset + buffer.length;
    },
    lineText: (line) => buffer[line - offset] ?? '',
  };
  const drain = (upTo: number) => {
    while (!stopped && next < upTo) {
      const line = next++;
      if (gate && !candidates[line - offset] && line !== upTo - 1) continue;
      if (visit(source, line) === 'stop') stopped = true;
    }
    options.visited?.();
    const drop = next - KEEP - offset;
    if (drop > 256) {
      buffer = buffer.slice(drop);
      candidates = candidates.slice(drop);
      offset += drop;
    }
  };
  /** Ends the line read in pieces (split between reads, or longer than MAX_LINE): the gate does not judge it. */
  const endLine = () => {
    let line = pieces.length === 1 ? pieces[0]! : pieces.join('');
    if (length === kept && line.endsWith('\r')) line = line.slice(0, -1);
    if (length > MAX_LINE) options.onLongLine?.(offset + buffer.length, length);
    buffer.push(line);
    candidates.push(true);
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
        buffer.push(text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
        candidates.push(candidate);
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
    take(decoder.decode(bytes, { stream: bytes !== undefined }), bytes && hitsIn(bytes));
  };
  /**
   * The gate's hits found in UTF-8 bytes before they are decoded: each line break of the bytes is one
   * of the text (a character cut at the end of a read is completed in the next, and holds none).
   */
  const hitsIn = (bytes: Uint8Array): number[] | undefined => (gate?.firstHitInBytes && decoder?.encoding === 'utf-8' ? piecesHit(gate as Required<LineGate>, bytes) : undefined);

  let chunks: AsyncIterator<Uint8Array | string> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    chunks = open(file);
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
        drain(offset + buffer.length); // explain what has come so far; later lines come as they arrive
        if (stopped) break;
        continue;
      }
      if (result.done) break;
      pending = read();
      const chunk = result.value;
      decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      drain(offset + buffer.length - KEEP);
      if (stopped) break;
      await options.drained?.();
    }
    if (!stopped) {
      decode(undefined);
      endLine();
      drain(offset + buffer.length);
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
