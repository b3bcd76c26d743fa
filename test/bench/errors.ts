/**
 * `npm run bench` (errors): what a hover costs on a 1-line and on a 1,000,000-line log; how fast
 * `gemini-doctor explain --json` reads a 100 MB log with sparse errors next to `grep -cE` with the
 * recognizer's anchor alternation on the same file; the MB/s of the recognizer on a 32 MB log that is
 * all python-genai 429 lines (the recognizer alone, and `explain --json` on it with one scan thread and
 * with the default); and the time each pathological 1 MB input takes. Prints numbers;
 * asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HTTP_CODES, STATUS_NAMES } from '../../src/core/errors/anchors';
import { explainAt, linesOf, scanLines, Scanner } from '../../src/core/errors/recognize';
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

/** A hover on a 1,000,000-line log, in a function of its own: the lines are garbage once it returns, not weight on the figures after it. */
function millionLineHover(): void {
  const million: string[] = [];
  for (let i = 0; i < 1_000_000; i++) million.push(i % 5000 === 2500 ? ERROR_LINE : infoLine(i));
  hoverBench('1,000,000-line log', million, 502_500);
}

function timed(command: string, args: string[]): { seconds: number; stdout: string } {
  const t = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && !(command === 'grep' && result.status === 1)) throw new Error(`${command} failed: ${result.stderr}`);
  return { seconds: (performance.now() - t) / 1000, stdout: result.stdout };
}

/** Peak resident memory (MB) and seconds of `gemini-doctor explain ARGS`, its output thrown away. */
function peakRss(args: string[]): { mb: number; seconds: number } {
  const t = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(repoRoot, 'dist', 'cli.js'), 'explain', ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`explain failed: ${result.stderr}`);
  const kb = Number(result.stderr.trim().split('\n').pop());
  return { mb: kb / 1024, seconds: (performance.now() - t) / 1000 };
}

/**
 * The RSS of `explain --json FILE` every half second (Linux only: read from /proc): memory that stays
 * flat rises while the runtime warms up (its young generation grows to full size), then levels off.
 */
function rssCurve(file: string): number[] {
  if (process.platform !== 'linux') return [];
  const script = '"$0" "$1" explain --json "$2" > /dev/null & p=$!; while kill -0 $p 2> /dev/null; do awk \'/VmRSS/ {print $2}\' /proc/$p/status 2> /dev/null; sleep 0.5; done';
  const result = spawnSync('bash', ['-c', script, process.execPath, path.join(repoRoot, 'dist', 'cli.js'), file], { encoding: 'utf8' });
  // The first reading is taken as the process starts, before the runtime has loaded.
  return result.stdout.split('\n').filter((kb) => /^\d+$/.test(kb)).slice(1).map((kb) => Number(kb) / 1024);
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
      writeLog(file, megabytes, (i) => (i % 2000 === 1000 ? ERROR_LINE : infoLine(i)));
      for (const format of ['--json', '']) {
        const run = peakRss(format ? [format, file] : [file]);
        if (format === '--json') peaks.push(run.mb);
        console.log(`  explain ${(format || 'text').padEnd(12)} ${label.padEnd(7)} peak RSS ${run.mb.toFixed(0).padStart(5)} MB   (${run.seconds.toFixed(1)} s)`);
      }
      const curve = rssCurve(file);
      if (curve.length > 0) console.log(`  explain --json       ${label.padEnd(7)} RSS every 0.5 s (MB): ${curve.map((mb) => mb.toFixed(0)).join(' ')}`);
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

/** What a line must contain to be a candidate, as a POSIX ERE for `grep -E`: statuses, codes, exception and reason words. */
const ANCHOR_ALTERNATION = [STATUS_NAMES, `\\b(${HTTP_CODES})\\b`, 'Exhausted|Precondition|Denied|NotFound|Unauthenticated|Exception|Error|inish_?[rR]eason|lock_?[rR]eason|retry_?[dD]elay|RATE_LIMIT'].join('|');

function writeLog(file: string, megabytes: number, line: (i: number) => string): { mb: number; lines: number } {
  const fd = openSync(file, 'w');
  let size = 0;
  let count = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; ) {
    const chunk: string[] = [];
    for (let j = 0; j < 1000; j++, i++) chunk.push(line(i));
    const text = `${chunk.join('\n')}\n`;
    size += Buffer.byteLength(text);
    count += chunk.length;
    writeSync(fd, text);
  }
  closeSync(fd);
  return { mb: statSync(file).size / (1024 * 1024), lines: count };
}

/** The recognizer alone (no CLI, no I/O) on a log of python-genai 429 lines, in MB/s. */
function denseBench(): void {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 32 * 1024 * 1024; i++) {
    const line = ERROR_LINE.replace('09:14:05', `09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`);
    lines.push(line);
    bytes += line.length + 1;
  }
  // Line by line through one Scanner, each line's findings dropped once counted: as `explain` streams a log.
  const scanner = new Scanner({ lineCount: lines.length, lineText: (n) => lines[n] ?? '' });
  let found = 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let line = 0; line < lines.length; line++) found += scanner.scan({ startLine: line, endLine: line + 1 }).length;
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - t) / 1000;
  const cpuSeconds = (used.user + used.system) / 1e6;
  const mb = bytes / (1024 * 1024);
  // CPU time too: on a shared, loaded machine the wall time says more about the neighbours than about the scan.
  console.log(`  scan, ${mb.toFixed(0)} MB of python-genai 429 lines  ${(mb / seconds).toFixed(1).padStart(6)} MB/s  (${seconds.toFixed(2)} s; ${(mb / cpuSeconds).toFixed(1)} MB/s of CPU time; ${found} findings on ${lines.length} lines)`);
  // The same log through the CLI: reading, scanning and writing the JSON of every finding.
  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-dense-'));
  try {
    const file = path.join(dir, 'dense.log');
    const fd = openSync(file, 'w');
    for (let i = 0; i < lines.length; i += 1000) writeSync(fd, `${lines.slice(i, i + 1000).join('\n')}\n`);
    closeSync(fd);
    // One thread, then the default (a scan thread per processor, at most 4: the output is the same).
    for (const threads of ['1', String(Math.min(4, availableParallelism()))]) {
      const run = peakRss(['--json', '--threads', threads, file]);
      const label = `explain --json --threads ${threads}`.padEnd(30);
      console.log(`  ${label} ${mb.toFixed(0)} MB of 429 lines ${(mb / run.seconds).toFixed(1).padStart(6)} MB/s  (${run.seconds.toFixed(2)} s; peak RSS ${run.mb.toFixed(0)} MB; output discarded)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1 MB built to make a backtracking regex or a per-error rescan blow up (the unit test only bounds them against hangs). */
function pathologicalBench(): void {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  const cases: [string, string][] = [
    ['finish_reason + 1 MB of blanks', `finish_reason${' '.repeat(MB)}`],
    ['"Quota exceeded for metric xy " × 36k', fill('Quota exceeded for metric xy ')],
    ['256 lines of 4,000 backslashes', Array.from({ length: 256 }, () => '\\'.repeat(4000)).join('\n')],
    ['"code": 429 × 50k on one line', fill('"code": 429, "x": 1, ')],
    ['a status on each of 40,000 lines', Array.from({ length: 40_000 }, () => 'x RESOURCE_EXHAUSTED y').join('\n')],
    ['StatusCode.INTERNAL × 50k', fill('StatusCode.INTERNAL ')],
  ];
  for (const [label, text] of cases) {
    const t = performance.now();
    scanLines(linesOf(text));
    console.log(`  scan, pathological 1 MB: ${label.padEnd(38)} ${((performance.now() - t) / 1000).toFixed(2).padStart(6)} s`);
  }
}

function main(): void {
  console.log('Error explanations');
  hoverBench('1-line log', [ERROR_LINE], 0);
  millionLineHover();

  denseBench();
  pathologicalBench();

  const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-bench-'));
  try {
    const file = path.join(dir, 'big.log');
    let errors = 0;
    const { mb } = writeLog(file, 100, (i) => {
      if (i % 2000 !== 1000) return infoLine(i);
      errors++;
      return ERROR_LINE;
    });
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    // Three runs of each, taken in turns, and the median of each: one run says more about the machine's neighbours.
    const runs: { explain: ReturnType<typeof timed>; grep: ReturnType<typeof timed> }[] = [];
    for (let i = 0; i < 3; i++) runs.push({ explain: timed(process.execPath, [cli, 'explain', '--json', file]), grep: timed('grep', ['-cE', ANCHOR_ALTERNATION, file]) });
    const middle = <T extends { seconds: number }>(values: T[]): T => [...values].sort((a, b) => a.seconds - b.seconds)[1]!;
    const explain = middle(runs.map((run) => run.explain));
    const found = new Set((JSON.parse(explain.stdout) as { line: number }[]).map((f) => f.line)).size;
    const grep = middle(runs.map((run) => run.grep));
    console.log(`  explain --json, ${mb.toFixed(0)} MB sparse log    ${(mb / explain.seconds).toFixed(1).padStart(6)} MB/s  (${explain.seconds.toFixed(2)} s, median of 3; ${found} of ${errors} error lines found)`);
    console.log(`  grep -cE '<anchor alternation>'  ${(mb / grep.seconds).toFixed(1).padStart(6)} MB/s  (${grep.seconds.toFixed(2)} s, median of 3; ${grep.stdout.trim()} candidate lines); explain takes ${(explain.seconds / grep.seconds).toFixed(1)}× grep`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  memoryBench();
}

main();
