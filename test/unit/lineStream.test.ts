import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { KEEP, forEachLine, LineWindow, READ_CHUNK, ReadBuffers } from '../../src/cli/lineStream';
import { prefilterSource } from '../../src/core/errors/anchors';
import { LiteralGate } from '../../src/core/errors/literalGate';

/**
 * Lines of many lengths (a few dozen to a read, so reads end near every line the window keeps):
 * multi-byte characters, CRLF, invalid bytes, empty runs, and an error now and then.
 */
function line(i: number): Buffer {
  const eol = i % 7 === 0 ? '\r\n' : '\n';
  if (i % 13 === 0) return Buffer.from(`ERROR request ${i} failed: 429 RESOURCE_EXHAUSTED${eol}`);
  if (i % 11 === 0) return Buffer.concat([Buffer.from(`INFO odd bytes ${i} `), Buffer.from([0xff, 0xe2, 0x82]), Buffer.from(eol)]);
  if (i % 17 < 3) return Buffer.from(eol);
  return Buffer.from(`INFO ${'ü'.repeat(i % 11)}🙂 request ${i} ${'x'.repeat((i * 997) % 4000)}${eol}`);
}

describe('lineStream: the window of lines around each visited line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-lines-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`the ${KEEP} lines before a visited one read as decoding the whole file gives, wherever the reads end`, async () => {
    const bytes = Buffer.concat(Array.from({ length: 6_000 }, (_, i) => line(i)));
    assert.ok(bytes.length > 20 * READ_CHUNK);
    const file = path.join(dir, 'lines.log');
    writeFileSync(file, bytes);
    const expected = new TextDecoder('utf-8').decode(bytes).split('\n').map((text) => text.replace(/\r$/, ''));
    const gate = LiteralGate.of(prefilterSource);
    const visited: number[] = [];
    let mismatches = 0;
    await forEachLine(file, (source, visitedLine) => {
      visited.push(visitedLine);
      // Only backwards: lines the gate passed over are read here for the first time, from a read long done.
      for (let n = visitedLine; n >= Math.max(0, visitedLine - KEEP); n--) if (source.lineText(n) !== expected[n]) mismatches++;
    }, { gate });
    assert.equal(mismatches, 0);
    const errors = expected.flatMap((text, n) => (text.includes('RESOURCE_EXHAUSTED') ? [n] : []));
    assert.ok(errors.length > 400);
    for (const n of errors) assert.ok(visited.includes(n), `line ${n} was visited`);
    assert.ok(visited.length < expected.length / 5, 'the gate passed most lines over');
  });

  it('a read is given back for reuse only once no kept line is in it: kept lines stay whole when reads are reused', () => {
    const buffers = new ReadBuffers();
    const window = new LineWindow(buffers);
    const expected: { text: string; candidate: boolean }[] = [];
    const used = new Set<Uint8Array>();
    let checked = 0; // the lines before it were read and compared (each once: reading decodes a line for good)
    const check = (upTo: number) => {
      for (; checked < upTo; checked++) {
        assert.equal(window.text(checked), expected[checked]!.text, `line ${checked}`);
        assert.equal(window.candidate(checked), expected[checked]!.candidate);
      }
    };
    for (let read = 0; read < 120; read++) {
      // The read goes into a buffer given back, if any: it overwrites what was there.
      const bytes = buffers.take();
      used.add(bytes);
      bytes.fill(0x3f);
      const lines = read % 10 === 0 ? 2500 + read : 1 + ((read * 7) % 40); // a read of thousands of lines grows the ring
      let at = 0;
      for (let i = 0; i < lines; i++) {
        const text = `read ${read} line ${i}`;
        const candidate = i % 3 === 0;
        if (i % 97 === 5) window.pushText(text, candidate);
        else {
          bytes.write(`${text}\n`, at, 'latin1');
          window.pushBytes(bytes, at, at + text.length, candidate);
          at += text.length + 1;
        }
        expected.push({ text, candidate });
      }
      // Keep a few lines, all of this read, one line of the read before, or thousands.
      const keep = [1, 7, 45, lines, lines + 1, 6000][read % 6]!;
      const first = Math.max(window.first, window.end - keep);
      check(first); // the lines about to go, read for the first time now, after the read above
      window.dropBefore(first);
      assert.equal(window.first, first);
    }
    check(window.end);
    assert.equal(window.text(window.first - 1), '');
    assert.equal(window.text(window.end), '');
    assert.ok(used.size < 15, `${used.size} buffers for 120 reads`);
  });
});
