import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { callLanguage, mayHaveCalls, SKIPPED_FOLDERS } from '../core/calls/extract';
import { moduleLanguage, ModuleGraph } from '../core/calls/project';
import { outcomeSummary } from '../core/calls/summary';
import { callParams, validate, type CallFinding, type ModelFacts } from '../core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../core/models/snapshot';
import type { ModelInfo } from '../core/models/types';
import { loadGeminiApi } from '../services/loadGeminiApi';
import { environmentKey } from '../services/modelSource';
import { CallParser } from '../services/parsers';
import { deprecationsWithin, escalate } from './deprecations';
import { InputError } from './lineStream';
import { displayFile, safeJson, stripControls } from './output';

const SKIP_DIRS = new Set<string>(SKIPPED_FOLDERS);
const MAX_BYTES = 5_000_000;
const LANGUAGES = 'TypeScript, JavaScript, Python, Go, Java, C#, shell or JSON';

/** A file the run did not check, and why; `explicit` when it was named on the command line. */
export interface Skip {
  readonly file: string;
  readonly reason: string;
  readonly explicit: boolean;
}

interface Target {
  readonly file: string;
  readonly explicit: boolean;
}

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The files under the arguments that may hold Gemini calls, sorted, and what was skipped. Never
 * opens anything: entries are only stat'ed. Symbolic links are followed, each directory entered once
 * (by its real path), so a link loop ends; a broken link, a socket, a FIFO or an unreadable folder is
 * a skip, not a failure.
 */
export function walkFiles(targets: readonly string[]): { files: Target[]; skipped: Skip[] } {
  const files: Target[] = [];
  const skipped: Skip[] = [];
  const entered = new Set<string>();
  const enter = (dir: string, explicit: boolean): void => {
    let real: string;
    let names: string[];
    try {
      real = realpathSync(dir);
      if (entered.has(real)) {
        if (explicit) return;
        skipped.push({ file: dir, reason: 'symbolic link loop (folder already walked)', explicit });
        return;
      }
      entered.add(real);
      names = readdirSync(dir).sort();
    } catch (error) {
      skipped.push({ file: dir, reason: why(error), explicit });
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let stat: Stats;
      try {
        const link = lstatSync(full);
        stat = link.isSymbolicLink() ? statSync(full) : link;
      } catch (error) {
        // A broken link or an entry gone since readdir: only worth saying for what would have been checked.
        if (callLanguage(name)) skipped.push({ file: full, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'broken symbolic link' : why(error), explicit: false });
        continue;
      }
      if (stat.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) enter(full, false);
      } else if (callLanguage(name)) {
        if (stat.isFile()) files.push({ file: full, explicit: false });
        else skipped.push({ file: full, reason: kindOf(stat), explicit: false });
      }
    }
  };
  for (const target of targets) {
    let stat: Stats;
    try {
      stat = statSync(target);
    } catch (error) {
      let broken = false;
      try {
        broken = lstatSync(target).isSymbolicLink();
      } catch {
        // not there at all
      }
      skipped.push({ file: target, reason: broken && (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'broken symbolic link' : why(error), explicit: true });
      continue;
    }
    if (stat.isDirectory()) enter(target, true);
    else if (stat.isFile()) files.push({ file: target, explicit: true });
    else skipped.push({ file: target, reason: kindOf(stat), explicit: true });
  }
  return { files, skipped };
}

/** Reads a regular file of at most MAX_BYTES, or says why not; opened non-blocking and checked again once open. */
function readRegular(file: string): { text: string } | { reason: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { reason: why(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { reason: kindOf(stat) };
    if (stat.size > MAX_BYTES) return { reason: `too large (${(stat.size / 1e6).toFixed(1)} MB; at most ${MAX_BYTES / 1e6} MB)` };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString('utf8') };
  } catch (error) {
    return { reason: why(error) };
  } finally {
    closeSync(fd);
  }
}

/** A file name as printed: control characters (a newline could fake a result line) shown as `?`. */
async function modelFacts(offline: boolean, env: Record<string, string | undefined>, warn: (text: string) => void): Promise<ModelFacts> {
  const today = new Date().toISOString().slice(0, 10);
  const snapshot: ModelFacts = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels, today };
  const key = offline ? undefined : environmentKey(env);
  if (!key) return snapshot;
  try {
    const baseUrl = env.GEMINI_DOCTOR_BASE_URL?.trim();
    const models: ModelInfo[] = await loadGeminiApi().listModels({ apiKey: key.key, apiVersion: 'v1beta', ...(baseUrl ? { baseUrl } : {}), timeoutMs: 30_000 });
    return { source: 'live', label: 'live', models, today };
  } catch {
    warn(`gemini-doctor: could not list the models with ${key.variable}; checking against the offline snapshot (${SNAPSHOT_DATE}).\n`);
    return snapshot;
  }
}

/** Bounds of the files read for the values they export (besides the walk's own bound on each file). */
const IMPORT_DEPTH = 4;

/**
 * The module graph of a run: imports resolve among the walked files only (each read and parsed at
 * most once); Python's dotted imports are looked for up to the folder named on the command line.
 */
function projectGraph(files: readonly Target[], targets: readonly string[], parser: CallParser): { graph: ModuleGraph; name: (key: string) => string } {
  const walked = new Map(files.map((t) => [moduleKey(t.file), t.file]));
  const roots = targets.map(moduleKey).filter((t) => !walked.has(t));
  const graph = new ModuleGraph({
    read: (key) => {
      const file = walked.get(key);
      if (file === undefined) return Promise.resolve(undefined);
      const read = readRegular(file);
      return Promise.resolve('text' in read && !read.text.slice(0, 8000).includes('\u0000') ? read.text : undefined);
    },
    extract: (key, text, options, prepare) => parser.extract(callLanguage(key)!, text, options, prepare),
    root: (key) => roots.filter((root) => key.startsWith(`${root}/`)).sort((a, b) => a.length - b.length)[0] ?? path.posix.dirname(key),
  }, { depth: IMPORT_DEPTH, files: files.length });
  return { graph, name: (key: string) => walked.get(key) ?? key };
}

/** A file as the module graph names it: absolute, with `/` separators. */
function moduleKey(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

export interface ValidateResult {
  readonly errors: number;
  /** Skips that fail the run: any with --strict, else those of files named on the command line. */
  readonly failedSkips: number;
}

const OPTIONS = new Set(['--json', '--offline', '--strict']);

/** `gemini-doctor validate [--json] [--offline] [--strict] FILE|DIR...` */
export async function validateCommand(args: readonly string[], out: (text: string) => void, err: (text: string) => void, env: Record<string, string | undefined>): Promise<ValidateResult> {
  const json = args.includes('--json');
  const offline = args.includes('--offline');
  const strict = args.includes('--strict');
  const within = deprecationsWithin(args);
  const unknown = args.filter((a, i) => a.startsWith('--') && !OPTIONS.has(a) && !(a.startsWith('--deprecations-within') || args[i - 1] === '--deprecations-within'));
  if (unknown.length > 0) throw new InputError(`unknown option '${unknown[0]!}' for validate`);
  const targets = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--deprecations-within');
  if (targets.length === 0) throw new InputError('validate needs at least one FILE or DIR');
  const { files, skipped } = walkFiles(targets);
  const facts = await modelFacts(offline, env, err);
  const parser = new CallParser();
  const { graph, name } = projectGraph(files, targets, parser);
  const calls: Record<string, unknown>[] = [];
  const findings: (CallFinding & { file: string })[] = [];
  /** A finding about a value several files import is reported once, at its definition. */
  const reported = new Set<string>();
  const skip = (target: Target, reason: string) => skipped.push({ file: target.file, reason, explicit: target.explicit });
  let checked = 0;
  for (const target of files) {
    const { file } = target;
    const language = callLanguage(file);
    if (!language) {
      skip(target, `not a ${LANGUAGES} file`);
      continue;
    }
    const read = readRegular(file);
    if ('reason' in read) {
      skip(target, read.reason);
      continue;
    }
    const { text } = read;
    if (text.slice(0, 8000).includes('\u0000')) {
      skip(target, 'binary file');
      continue;
    }
    if (!mayHaveCalls(text)) {
      checked++;
      continue;
    }
    try {
      const key = moduleKey(file);
      const extraction = moduleLanguage(file) ? await graph.extract(key, text) : await parser.extract(language, text);
      const fileFindings = validate(extraction, text, facts, { sources: graph.sources, name: file });
      for (const call of extraction.calls) {
        calls.push({
          file, line: call.range.start.line + 1, column: call.range.start.character + 1, language: call.language, api: call.api, method: call.method,
          model: call.model?.kind === 'string' ? call.model.value : null, apiVersion: call.apiVersion ?? null, params: callParams(call),
        });
      }
      for (const f of fileFindings) {
        const at = f.range.file === undefined ? file : name(f.range.file);
        const id = `${at}\u0000${f.ruleId}\u0000${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
        if (reported.has(id)) continue;
        reported.add(id);
        findings.push({ ...escalate(f, within, facts.today), file: at });
      }
      checked++;
    } catch (error) {
      // One odd file (JSON nested thousands deep, a parser failure) is reported and the run goes on.
      skip(target, error instanceof RangeError ? 'nested too deeply to read' : error instanceof Error ? error.message : String(error));
    }
  }
  // Findings reported in a file that defines an imported value go with that file's own.
  const order = new Map(files.map((t, i) => [t.file, i]));
  findings.sort((a, b) => (order.get(a.file) ?? files.length) - (order.get(b.file) ?? files.length));
  const failedSkips = skipped.filter((s) => strict || s.explicit).length;
  if (json) {
    out(`${safeJson({
      calls,
      findings: findings.map((f) => ({ file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1, ruleId: f.ruleId, severity: f.severity, message: f.message })),
      skipped: skipped.map((s) => ({ file: s.file, reason: s.reason })),
      models: facts.label,
    }, 2)}\n`);
    for (const s of skipped) err(`gemini-doctor: skipped ${displayFile(s.file)}: ${stripControls(s.reason)}\n`);
  } else {
    for (const s of skipped) err(`gemini-doctor: skipped ${displayFile(s.file)}: ${stripControls(s.reason)}\n`);
    // Messages quote the file's own text (a model id): controls in it are shown, never obeyed.
    for (const f of findings) out(`${displayFile(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.ruleId}: ${stripControls(f.message)}\n`);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const counts = calls.length > 0 ? `${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} other finding${findings.length - errors === 1 ? '' : 's'}` : outcomeSummary(0, findings);
    const skippedText = skipped.length > 0 ? `, ${skipped.length} skipped` : '';
    out(`${calls.length > 0 ? `${calls.length} Gemini call${calls.length === 1 ? '' : 's'} in ` : ''}${checked} file${checked === 1 ? '' : 's'}${skippedText}: ${counts} (models: ${facts.label}).\n`);
  }
  if (failedSkips > 0) err(`gemini-doctor: ${failedSkips} file${failedSkips === 1 ? ' was' : 's were'} not checked${strict ? ' (--strict)' : ' (named on the command line)'}.\n`);
  return { errors: findings.filter((f) => f.severity === 'error').length, failedSkips };
}
