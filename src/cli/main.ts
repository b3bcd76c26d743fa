import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { explainFile, explainPosition, formatText, toJson } from './explain';
import { InputError } from './lineStream';
import { CommandError, ModelsUsageError, modelsCommand } from './models';
import { validateCommand } from './validate';
import { groupFindings } from '../core/errors/recognize';

/** Exit codes shared by every subcommand. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

const USAGE = `Usage: gemini-doctor <command> [options]

Commands:
  explain [--json] [--at LINE:COL] FILE...
      Finds the Gemini API errors in log files, terminal dumps or code and explains them,
      one line per error. FILE may be - for standard input. --json prints a JSON array with
      a finding per occurrence (status name, code, message, ... each).
      --at LINE:COL (1-based, one FILE) prints what a hover at that position shows, or null.

  models [--json] [--offline] [--api-version v1|v1beta] [--base-url URL]
      Lists the Gemini models the API key can use, with their token limits. The key comes from
      GOOGLE_API_KEY or GEMINI_API_KEY; GEMINI_DOCTOR_BASE_URL also sets the endpoint.
      --offline prints the bundled snapshot instead. --json prints a JSON array, each model with
      its lifecycle {status, shutdownDate, successor, source} (null when unknown).

  validate [--json] [--offline] [--deprecations-within DAYS] FILE|DIR...
      Checks the Gemini calls in TypeScript, JavaScript, Python, Go, shell (curl) and JSON files
      against the rules and the models' limits (live with an API key, else the offline snapshot).
      --deprecations-within DAYS makes model-deprecated an error when the shutdown is that close.
      Exit code 1 when an error-severity finding exists.

Options:
  -h, --help      show this help
  -v, --version   print the version
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
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
  json: boolean;
  at?: { line: number; column: number };
  files: string[];
}

function parseExplain(args: readonly string[]): ExplainArgs {
  const parsed: ExplainArgs = { json: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? args[++i] : arg.slice('--at='.length);
      const m = /^(\d+):(\d+)$/.exec(value ?? '');
      if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--at needs LINE:COL, both 1-based numbers (got '${value ?? ''}')`);
      parsed.at = { line: Number(m[1]), column: Number(m[2]) };
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
    if (options.json) io.out(`${JSON.stringify(finding ? toJson(file, finding, true) : null, null, 2)}\n`);
    else io.out(finding ? `${toJson(file, finding, true).markdown}\n` : `Nothing to explain at ${options.at.line}:${options.at.column}.\n`);
    return ExitCode.ok;
  }
  const all = [];
  let failed = false;
  for (const file of options.files) {
    try {
      const findings = await explainFile(file);
      if (options.json) all.push(...findings.map((f) => toJson(file, f)));
      else groupFindings(findings).forEach((group) => io.out(`${formatText(file, group.primary)}\n`));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`gemini-doctor: ${error.message}\n`);
      failed = true;
    }
  }
  if (options.json) io.out(`${JSON.stringify(all, null, 2)}\n`);
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
      case 'validate':
        return (await validateCommand(rest, io.out, io.err, process.env)).errors > 0 ? ExitCode.findings : ExitCode.ok;
      case 'models':
        await modelsCommand(rest, io.out, process.env);
        return ExitCode.ok;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || error instanceof ModelsUsageError) {
      io.err(`gemini-doctor: ${error.message}. Run 'gemini-doctor --help' for usage.\n`);
      return ExitCode.usage;
    }
    if (error instanceof CommandError) {
      io.err(`gemini-doctor: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`gemini-doctor: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
