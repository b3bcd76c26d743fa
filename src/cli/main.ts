import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Exit codes shared by every subcommand. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

const USAGE = `Usage: gemini-doctor <command> [options]

Options:
  -h, --help      show this help
  -v, --version   print the version
`;

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

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const [command] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    out(USAGE);
    return command === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (command === '-v' || command === '--version') {
    out(`${version()}\n`);
    return ExitCode.ok;
  }
  err(`gemini-doctor: unknown command '${command}'. Run 'gemini-doctor --help' for the list of commands.\n`);
  return ExitCode.usage;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (t) => process.stdout.write(t), (t) => process.stderr.write(t));
}
