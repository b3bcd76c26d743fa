import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { callLanguage, mayHaveCalls } from '../core/calls/extract';
import { callParams, validate, type CallFinding, type ModelFacts } from '../core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../core/models/snapshot';
import type { ModelInfo } from '../core/models/types';
import { loadGeminiApi } from '../services/loadGeminiApi';
import { environmentKey } from '../services/modelSource';
import { CallParser } from '../services/parsers';
import { deprecationsWithin, escalate } from './deprecations';
import { InputError } from './lineStream';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', '.vscode-test', '.vscode-host', 'vendor']);
const MAX_BYTES = 5_000_000;

/** The files under the arguments that may hold Gemini calls, sorted. */
function filesOf(targets: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) walk(full);
      } else if (callLanguage(name)) files.push(full);
    }
  };
  for (const target of targets) {
    let stat;
    try {
      stat = statSync(target);
    } catch {
      throw new InputError(`cannot read ${target}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(target);
    else files.push(target);
  }
  return files;
}

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

export interface ValidateResult {
  readonly errors: number;
}

/** `gemini-doctor validate [--json] [--offline] FILE|DIR...` */
export async function validateCommand(args: readonly string[], out: (text: string) => void, err: (text: string) => void, env: Record<string, string | undefined>): Promise<ValidateResult> {
  const json = args.includes('--json');
  const offline = args.includes('--offline');
  const within = deprecationsWithin(args);
  const unknown = args.filter((a, i) => a.startsWith('--') && a !== '--json' && a !== '--offline' && !(a.startsWith('--deprecations-within') || args[i - 1] === '--deprecations-within'));
  if (unknown.length > 0) throw new InputError(`unknown option '${unknown[0]!}' for validate`);
  const targets = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--deprecations-within');
  if (targets.length === 0) throw new InputError('validate needs at least one FILE or DIR');
  const files = filesOf(targets);
  const facts = await modelFacts(offline, env, err);
  const parser = new CallParser();
  const calls: Record<string, unknown>[] = [];
  const findings: (CallFinding & { file: string })[] = [];
  for (const file of files) {
    const language = callLanguage(file);
    if (!language) {
      err(`gemini-doctor: skipped ${file}: not a TypeScript, JavaScript, Python, Go, shell or JSON file\n`);
      continue;
    }
    const stat = statSync(file);
    if (stat.size > MAX_BYTES) {
      err(`gemini-doctor: skipped ${file}: too large (${(stat.size / 1e6).toFixed(1)} MB)\n`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (text.includes('\u0000') || !mayHaveCalls(text)) continue;
    const extraction = await parser.extract(language, text);
    for (const call of extraction.calls) {
      calls.push({
        file, line: call.range.start.line + 1, column: call.range.start.character + 1, language: call.language, api: call.api, method: call.method,
        model: call.model?.kind === 'string' ? call.model.value : null, apiVersion: call.apiVersion ?? null, params: callParams(call),
      });
    }
    findings.push(...validate(extraction, text, facts).map((f) => ({ ...escalate(f, within, facts.today), file })));
  }
  if (json) {
    out(`${JSON.stringify({
      calls,
      findings: findings.map((f) => ({ file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1, ruleId: f.ruleId, severity: f.severity, message: f.message })),
      models: facts.label,
    }, null, 2)}\n`);
  } else {
    for (const f of findings) out(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.ruleId}: ${f.message}\n`);
    const errors = findings.filter((f) => f.severity === 'error').length;
    out(`${calls.length} Gemini call${calls.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} other finding${findings.length - errors === 1 ? '' : 's'} (models: ${facts.label}).\n`);
  }
  return { errors: findings.filter((f) => f.severity === 'error').length };
}
