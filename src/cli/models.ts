import { successorFor } from '../core/calls/modelRules';
import { isDeprecatedStatus, lifecycleOf, statusLabel, type LifecycleStatus } from '../core/models/lifecycle';
import { explainListError } from '../core/models/listError';
import { describeLimits, groupModels } from '../core/models/present';
import { SNAPSHOT_DATE, snapshotModels } from '../core/models/snapshot';
import type { ModelInfo, ModelSourceKind } from '../core/models/types';
import { EndpointError, ignoredEndpointVariables, parseEndpoint, type Endpoint } from '../services/endpoint';
import { failureFacts, redactKey } from '../services/failure';
import { loadGeminiApi } from '../services/loadGeminiApi';
import { environmentKey } from '../services/modelSource';
import { safeJson, stripControls } from './output';

/** A failure the user can fix (no key, invalid key, endpoint down): a message and exit code 2. */
export class CommandError extends Error {}
/** Wrong arguments for `models`. */
export class ModelsUsageError extends Error {}

interface ModelsArgs {
  json: boolean;
  offline: boolean;
  apiVersion: 'v1' | 'v1beta';
  endpoint: Endpoint;
}

/** --base-url and GEMINI_DOCTOR_BASE_URL, checked alike (no credentials, http(s) only). */
function endpointOf(raw: string | undefined, what: string): Endpoint {
  try {
    return parseEndpoint(raw, what);
  } catch (error) {
    if (error instanceof EndpointError) throw new ModelsUsageError(error.message);
    throw error;
  }
}

function parse(args: readonly string[], env: Record<string, string | undefined>): ModelsArgs {
  let baseUrl: [string, string] | undefined = env.GEMINI_DOCTOR_BASE_URL?.trim() ? [env.GEMINI_DOCTOR_BASE_URL, 'GEMINI_DOCTOR_BASE_URL'] : undefined;
  const parsed: Omit<ModelsArgs, 'endpoint'> = { json: false, offline: false, apiVersion: 'v1beta' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--json') parsed.json = true;
    else if (flag === '--offline') parsed.offline = true;
    else if (flag === '--api-version') {
      const version = value();
      if (version !== 'v1' && version !== 'v1beta') throw new ModelsUsageError(`--api-version is v1 or v1beta (got '${version ?? ''}')`);
      parsed.apiVersion = version;
    } else if (flag === '--base-url') {
      const url = value();
      if (!url?.trim()) throw new ModelsUsageError('--base-url needs an http(s) URL');
      baseUrl = [url, '--base-url'];
    } else throw new ModelsUsageError(`unknown argument '${stripControls(args[i]!.split('=')[0]!)}' for models`);
  }
  return { ...parsed, endpoint: endpointOf(baseUrl?.[0], baseUrl?.[1] ?? 'the endpoint') };
}

export interface ModelJson {
  id: string;
  displayName: string | null;
  inputTokenLimit: number | null;
  outputTokenLimit: number | null;
  supportedActions: string[];
  temperature: number | null;
  maxTemperature: number | null;
  topP: number | null;
  topK: number | null;
  thinking: boolean | null;
  source: ModelSourceKind;
  /** From the lifecycle table; null when the table does not know the id. */
  lifecycle: { status: LifecycleStatus; shutdownDate: string | null; successor: string | null; source: string } | null;
}

export function modelJson(model: ModelInfo, source: ModelSourceKind, list: readonly ModelInfo[] = [model]): ModelJson {
  const entry = lifecycleOf(model.id);
  return {
    id: model.id,
    displayName: model.displayName ?? null,
    inputTokenLimit: model.inputTokenLimit ?? null,
    outputTokenLimit: model.outputTokenLimit ?? null,
    supportedActions: [...model.supportedActions],
    temperature: model.temperature ?? null,
    maxTemperature: model.maxTemperature ?? null,
    topP: model.topP ?? null,
    topK: model.topK ?? null,
    thinking: model.thinking ?? null,
    source,
    lifecycle: entry ? { status: entry.status, shutdownDate: entry.shutdown ?? null, successor: isDeprecatedStatus(entry.status) ? successorFor(model.id, { source, models: list }) ?? null : null, source: entry.source.url } : null,
  };
}

/** `gemini-doctor models`: the models the key can use (live), or the offline snapshot. */
export async function modelsCommand(args: readonly string[], out: (text: string) => void, env: Record<string, string | undefined>, err: (text: string) => void = () => undefined): Promise<void> {
  const options = parse(args, env);
  if (!options.offline) {
    for (const note of [...ignoredEndpointVariables(env), ...(options.endpoint.warning ? [options.endpoint.warning] : [])]) err(`gemini-doctor: ${note}\n`);
  }
  let apiKey: string | undefined;
  let models: readonly ModelInfo[];
  let source: ModelSourceKind;
  if (options.offline) {
    models = snapshotModels;
    source = 'snapshot';
  } else {
    const key = environmentKey(env);
    if (!key) throw new CommandError(`no API key: set GEMINI_API_KEY or GOOGLE_API_KEY, or use --offline for the bundled snapshot (${SNAPSHOT_DATE})`);
    apiKey = key.key;
    try {
      models = await loadGeminiApi().listModels({ apiKey: key.key, apiVersion: options.apiVersion, baseUrl: options.endpoint.url, timeoutMs: 30_000 });
    } catch (error) {
      const facts = failureFacts(error);
      const why = explainListError({ ...facts, message: redactKey(facts.message, key.key) });
      throw new CommandError(redactKey(`cannot list models (key from ${key.variable}): ${why.title}. ${why.detail}`, key.key));
    }
    source = 'live';
  }
  // What the API answered is untrusted: the key (in any form) never printed, control characters made visible.
  const print = (text: string) => out(redactKey(text, apiKey));
  if (options.json) {
    print(`${safeJson(models.map((m) => modelJson(m, source, models)), 2)}\n`);
    return;
  }
  const label = source === 'live' ? `live (${options.apiVersion}, ${options.endpoint.label})` : `offline snapshot (${SNAPSHOT_DATE})`;
  const lines = [`Gemini models, ${label}:`];
  for (const group of groupModels(models)) {
    lines.push('', `${group.title}:`);
    const width = Math.max(...group.models.map((m) => m.id.length));
    for (const model of group.models) {
      const entry = lifecycleOf(model.id);
      const status = entry && entry.status !== 'stable' && entry.status !== 'preview' ? `  [${statusLabel(entry)}${entry.shutdown ? ` ${entry.shutdown}` : ''}]` : '';
      lines.push(stripControls(`  ${model.id.padEnd(width)}  ${describeLimits(model)}${status}`));
    }
  }
  print(`${lines.join('\n')}\n`);
}
