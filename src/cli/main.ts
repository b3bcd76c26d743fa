import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { explainFile, explainPosition, longLineNote, OutputBuffer } from './explain';
import { FindingGrouper, formatText, toJson, writeJsonFinding } from './findingOutput';
import { InputError, MAX_LINE } from './lineStream';
import { CommandError, ModelsUsageError, modelsCommand } from './models';
import { safeJson, stripControls } from './output';
import { validateCommand } from './validate';

/** Threads that scan a log dense with errors by default at most (each takes its own memory). */
const MAX_WORKERS = 4;

/** Exit codes shared by every subcommand. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

const USAGE = `Usage: gemini-doctor <command> [options]

Commands:
  explain [--json | --json-lines] [--threads N] [--at LINE:COL] FILE...
      Finds the Gemini API errors in log files, terminal dumps or code and explains them,
      one line per error, as they are found. FILE may be - for standard input (UTF-8, or
      UTF-16 with a byte-order mark). --json prints a JSON array with a finding per occurrence
      (status name, code, message, ... each); --json-lines one JSON object per line.
      Only the first ${MAX_LINE.toLocaleString('en-US')} characters of a longer line are explained.
      --at LINE:COL (1-based, one FILE) prints what a hover at that position shows, or null.
      --threads N: a file dense with errors is scanned by up to N threads (default: the
      processors, at most ${MAX_WORKERS}); the output is the same. 1: one thread.

  models [--json] [--offline] [--api-version v1|v1beta] [--base-url URL]
      Lists the Gemini models the API key can use, with their token limits. The key comes from
      GOOGLE_API_KEY or GEMINI_API_KEY; GEMINI_DOCTOR_BASE_URL also sets the endpoint
      (GOOGLE_GEMINI_BASE_URL is ignored). The key is sent to that origin only: a redirect
      elsewhere is refused.
      --offline prints the bundled snapshot instead. --json prints a JSON array, each model with
      its lifecycle {status, shutdownDate, successor, source} (null when unknown).

  validate [--json] [--offline] [--strict] [--deprecations-within DAYS] FILE|DIR...
      Checks the Gemini calls in TypeScript, JavaScript, Python, Go, Java, C#, shell (curl) and
      JSON files against the rules and the models' limits (live with an API key, else the offline
      snapshot). Exit code 1 when an error-severity finding exists. Files that cannot be checked
      (too large, binary, unreadable, not a regular file) are named as skipped; exit code 2 when a
      file named on the command line is skipped, or any file with --strict.
      --deprecations-within DAYS makes model-deprecated an error when the shutdown is that close.

Options:
  -h, --help      show this help
  -v, --version   print the version
`;

export interface Io {
  /** Standard output: text, or UTF-8 bytes as they are. */
  out(chunk: string | Uint8Array): void;
  err(text: string): void;
  /** Resolves when what was written has been taken by the reader (back pressure on a slow pipe). */
  drained?(): Promise<void>;
}

class UsageError extends Error {}

/** The version in the package.json above this file (dist/cli.js in the package, out/ in tests). */
function version(): string {
  for (let dir = __dirname, depth = 0; depth < 4; dir = dirname(dir), depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'gemini-doctor' && manifest.version) return manifest.version;
    } catch {
      // no package.json at this level
    }
  }
  return 'unknown';
}

interface ExplainArgs {
  format: 'text' | 'json' | 'json-lines';
  /** Threads that may scan (`--threads`): the processors, at most MAX_WORKERS. */
  threads: number;
  at?: { line: number; column: number };
  files: string[];
}

function parseExplain(args: readonly string[]): ExplainArgs {
  const parsed: ExplainArgs = { format: 'text', threads: Math.min(MAX_WORKERS, availableParallelism()), files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json' || arg === '--json-lines') {
      const format = arg === '--json' ? 'json' : 'json-lines';
      if (parsed.format !== 'text' && parsed.format !== format) throw new UsageError('--json and --json-lines exclude each other');
      parsed.format = format;
    } else if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? args[++i] : arg.slice('--at='.length);
      const m = /^(\d+):(\d+)$/.exec(value ?? '');
      if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--at needs LINE:COL, both 1-based numbers (got '${value ?? ''}')`);
      parsed.at = { line: Number(m[1]), column: Number(m[2]) };
    } else if (arg === '--threads' || arg.startsWith('--threads=')) {
      const value = arg === '--threads' ? args[++i] : arg.slice('--threads='.length);
      if (!/^[1-9]\d{0,2}$/.test(value ?? '')) throw new UsageError(`--threads needs a number from 1 to 999 (got '${value ?? ''}')`);
      parsed.threads = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}' for explain`);
    else parsed.files.push(arg);
  }
  if (parsed.files.length === 0) throw new UsageError('explain needs at least one FILE (or - for standard input)');
  if (parsed.at && parsed.files.length !== 1) throw new UsageError('--at works on exactly one FILE');
  return parsed;
}

async function explain(args: readonly string[], io: Io): Promise<number> {
  const options = parseExplain(args);
  if (options.at) {
    const finding = await explainPosition(options.files[0]!, options.at.line, options.at.column);
    const file = options.files[0]!;
    if (options.format !== 'text') io.out(`${safeJson(finding ? toJson(file, finding, true) : null, options.format === 'json' ? 2 : undefined)}\n`);
    else io.out(finding ? `${stripControls(toJson(file, finding, true).markdown ?? '', { keepNewlines: true })}\n` : `Nothing to explain at ${options.at.line}:${options.at.column}.\n`);
    return ExitCode.ok;
  }
  let written = 0;
  let failed = false;
  // What the findings of one batch of lines print goes out in one write, not one write per finding.
  const out = new OutputBuffer(io.out);
  const json = options.format === 'text' ? undefined : options.format;
  for (const file of options.files) {
    // Text: one line per error, printed when the error is complete. JSON: each occurrence as found.
    const grouper = options.format === 'text' ? new FindingGrouper((primary) => out.write(`${formatText(file, primary)}\n`)) : undefined;
    try {
      await explainFile(file, (finding) => {
        if (grouper) grouper.add(finding);
        else if (json) out.writeWith((writer) => writeJsonFinding(writer, file, finding, json, json === 'json' ? (written === 0 ? '[\n' : ',\n') : ''));
        written++;
      }, {
        onLine: (line) => grouper?.passed(line),
        onLongLine: (line, length) => {
          out.flush();
          io.err(`${longLineNote(file, line, length)}\n`);
        },
        visited: () => out.flush(),
        ...(io.drained ? { drained: io.drained } : {}),
        workers: options.threads,
        batches: {
          format: options.format,
          onBatch: (batch) => {
            const { bytes, count } = batch;
            if (grouper) grouper.addBatch(batch, (whole) => out.write(whole));
            else if (count > 0) {
              if (options.format === 'json') out.write(written === 0 ? '[\n' : ',\n');
              out.write(bytes);
            }
            written += count;
          },
        },
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      out.flush();
      io.err(`gemini-doctor: ${stripControls(error.message)}\n`);
      failed = true;
    } finally {
      grouper?.flush();
      out.flush();
    }
  }
  if (options.format === 'json') io.out(written === 0 ? '[]\n' : '\n]\n');
  return failed ? ExitCode.usage : ExitCode.ok;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.err(USAGE);
        return ExitCode.usage;
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return ExitCode.ok;
      case '-v':
      case '--version':
        io.out(`${version()}\n`);
        return ExitCode.ok;
      case 'explain':
        return await explain(rest, io);
      case 'validate': {
        const result = await validateCommand(rest, io.out, io.err, process.env);
        return result.failedSkips > 0 ? ExitCode.usage : result.errors > 0 ? ExitCode.findings : ExitCode.ok;
      }
      case 'models':
        await modelsCommand(rest, io.out, process.env, io.err);
        return ExitCode.ok;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || error instanceof ModelsUsageError) {
      io.err(`gemini-doctor: ${stripControls(error.message)}. Run 'gemini-doctor --help' for usage.\n`);
      return ExitCode.usage;
    }
    if (error instanceof CommandError) {
      io.err(`gemini-doctor: ${stripControls(error.message)}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

/**
 * When the reader of our output goes away (`gemini-doctor explain big.log | head`), stop at once and
 * quietly, as `grep` does: nobody is left to read the rest, and a stack trace is not an answer.
 */
function exitWhenReaderCloses(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

if (require.main === module) {
  exitWhenReaderCloses(process.stdout);
  exitWhenReaderCloses(process.stderr);
  const io: Io = {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', resolve)) : Promise.resolve()),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`gemini-doctor: unexpected error: ${stripControls(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 2;
    },
  );
}
