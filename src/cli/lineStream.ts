import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { LineSource } from '../core/errors/types';

/** Lines kept before and after the line being scanned: at least the core's context. */
const KEEP = 32;

export class InputError extends Error {
  override name = 'InputError';
}

function open(file: string): Readable {
  return file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
}

function describe(error: unknown, file: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new InputError(`cannot read ${file}: ${why}`);
}

/**
 * Streams a file's lines through a sliding window, calling `visit(source, line)` once per line
 * when the lines around it are in memory. Memory stays bounded by the window, whatever the size.
 * Rejects with InputError for unreadable or binary input.
 */
export async function forEachLine(file: string, visit: (source: LineSource, line: number) => void | 'stop'): Promise<void> {
  let buffer: string[] = [];
  let offset = 0; // absolute line number of buffer[0]
  let next = 0; // next line to visit
  let partial = '';
  let first = true;
  let stopped = false;
  const source: LineSource = {
    get lineCount() {
      return offset + buffer.length;
    },
    lineText: (line) => buffer[line - offset] ?? '',
  };
  const drain = (final: boolean) => {
    const last = final ? offset + buffer.length : offset + buffer.length - KEEP;
    while (!stopped && next < last) {
      if (visit(source, next++) === 'stop') stopped = true;
    }
    const drop = next - KEEP - offset;
    if (drop > 1024) {
      buffer = buffer.slice(drop);
      offset += drop;
    }
  };
  const stream = open(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (first) {
        first = false;
        if (text.slice(0, 8000).includes('\u0000')) throw new InputError(`${file} looks like a binary file; nothing to explain`);
      }
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) buffer.push(part.endsWith('\r') ? part.slice(0, -1) : part);
      drain(false);
      if (stopped) break;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describe(error, file);
  } finally {
    if (file !== '-') (stream as ReturnType<typeof createReadStream>).destroy();
  }
  if (!stopped) {
    buffer.push(partial.endsWith('\r') ? partial.slice(0, -1) : partial);
    drain(true);
  }
}
