/**
 * `npm run bench` (errors): what a hover costs on a 1-line and on a 1,000,000-line log, and how fast
 * `gemini-doctor explain` reads a 100 MB log next to `grep -c` on the same file. Prints numbers; asserts
 * nothing.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { explainAt } from '../../src/core/errors/recognize';
import type { LineSource } from '../../src/core/errors/types';
import { repoRoot } from '../host/paths';

const ERROR_LINE = "2026-11-27 09:14:05,031 ERROR worker-1 google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota, please check your plan and billing details. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro Please retry in 38.8s.', 'status': 'RESOURCE_EXHAUSTED', 'details': [{'@type': 'type.googleapis.com/google.rpc.RetryInfo', 'retryDelay': '38s'}]}}";
const infoLine = (i: number) => `2026-11-27 09:14:${String(i % 60).padStart(2, '0')},${String(i % 1000).padStart(3, '0')} INFO  worker-${i % 8} request ${i} served in ${i % 97} ms (model gemini-2.5-flash, 200 OK)`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function hoverBench(label: string, lines: string[], line: number): void {
  const source: LineSource = { lineCount: lines.length, lineText: (n) => lines[n] ?? '' };
  const position = { line, character: lines[line]!.indexOf('RESOURCE_EXHAUSTED') + 5 };
  for (let i = 0; i < 200; i++) explainAt(source, position); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    if (!explainAt(source, position)) throw new Error('no hover');
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`  hover, ${label.padEnd(22)} p50 ${(percentile(times, 50) * 1000).toFixed(0).padStart(5)} µs   p99 ${(percentile(times, 99) * 1000).toFixed(0).padStart(5)} µs`);
}

function timed(command: string, args: string[]): { seconds: number; stdout: string } {
  const t = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && !(command === 'grep' && result.status === 1)) throw new Error(`${command} failed: ${result.stderr}`);
  return { seconds: (performance.now() - t) / 1000, stdout: result.stdout };
}

/** Writes a log of about `megabytes` MB: info lines with an error every 2,000 lines. */
function writeLog(file: string, megabytes: number): void {
  const fd = openSync(file, 'w');
  try {
    let size = 0;
    for (let i = 0; size < megabytes * 1024 * 1024; ) {
      const chunk: string[] = [];
      for (let j = 0; j < 1000; j++, i++) chunk.push(i % 2000 === 1000 ? ERROR_LINE : infoLine(i));
      const text = `${chunk.join('\n')}\n`;
      size += Buffer.byteLength(text);
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

/** Peak resident memory (MB) and seconds of `gemini-doctor explain ARGS`, its output thrown away. */
function peakRss(args: string[]): { mb: number; seconds: number } {
  const t = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(repoRoot, 'dist', 'cli.js'), 'explain', ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`explain failed: ${result.stderr}`);
  const kb = Number(result.stderr.trim().split('\n').pop());
  return { mb: kb / 1024, seconds: (performance.now() - t) / 1000 };
}

/** Peak RSS of `explain` on 100 MB and 1 GB logs (flat memory: the two within 1.2× and under 200 MB), and on one 200 MB line. */
function memoryBench(): void {
  console.log('explain memory (peak RSS, output discarded)');
  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-rss-'));
  try {
    const sizes: [string, number][] = [['100 MB', 100], ['1 GB', 1024]];
    const peaks: number[] = [];
    for (const [label, megabytes] of sizes) {
      const file = path.join(dir, `log-${megabytes}.log`);
      writeLog(file, megabytes);
      for (const format of ['--json', '']) {
        const run = peakRss(format ? [format, file] : [file]);
        if (format === '--json') peaks.push(run.mb);
        console.log(`  explain ${(format || 'text').padEnd(12)} ${label.padEnd(7)} peak RSS ${run.mb.toFixed(0).padStart(5)} MB   (${run.seconds.toFixed(1)} s)`);
      }
      rmSync(file);
    }
    console.log(`  ratio 1 GB / 100 MB (--json)            ${(peaks[1]! / peaks[0]!).toFixed(2)}×`);
    const line = path.join(dir, 'one-line.log');
    const fd = openSync(line, 'w');
    const block = `${ERROR_LINE} `.repeat(2000);
    for (let size = 0; size < 200 * 1024 * 1024; size += block.length) writeSync(fd, block);
    closeSync(fd);
    const run = peakRss(['--json', line]);
    console.log(`  explain --json  one 200 MB line   peak RSS ${run.mb.toFixed(0).padStart(5)} MB   (${run.seconds.toFixed(1)} s; its first 256 KB explained)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  console.log('Error explanations');
  hoverBench('1-line log', [ERROR_LINE], 0);
  const million: string[] = [];
  for (let i = 0; i < 1_000_000; i++) million.push(i % 5000 === 2500 ? ERROR_LINE : infoLine(i));
  hoverBench('1,000,000-line log', million, 502_500);

  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-bench-'));
  try {
    const file = path.join(dir, 'big.log');
    const fd = openSync(file, 'w');
    let size = 0;
    let errors = 0;
    for (let i = 0; size < 100 * 1024 * 1024; i++) {
      const chunk: string[] = [];
      for (let j = 0; j < 1000; j++, i++) {
        const isError = i % 2000 === 1000;
        if (isError) errors++;
        chunk.push(isError ? ERROR_LINE : infoLine(i));
      }
      const text = `${chunk.join('\n')}\n`;
      size += Buffer.byteLength(text);
      writeSync(fd, text);
    }
    closeSync(fd);
    const mb = statSync(file).size / (1024 * 1024);
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    const explain = timed(process.execPath, [cli, 'explain', '--json', file]);
    const found = new Set((JSON.parse(explain.stdout) as { line: number }[]).map((f) => f.line)).size;
    const grep = timed('grep', ['-c', 'RESOURCE_EXHAUSTED', file]);
    console.log(`  explain --json, ${mb.toFixed(0)} MB log    ${(mb / explain.seconds).toFixed(1).padStart(6)} MB/s  (${explain.seconds.toFixed(2)} s; ${found} of ${errors} error lines found)`);
    console.log(`  grep -c RESOURCE_EXHAUSTED       ${(mb / grep.seconds).toFixed(1).padStart(6)} MB/s  (${grep.seconds.toFixed(2)} s; ${grep.stdout.trim()} lines)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  memoryBench();
}

main();
