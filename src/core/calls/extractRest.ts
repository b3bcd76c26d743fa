/**
 * REST request bodies: JSON files with `generationConfig` / `contents`, and curl commands (`-d` /
 * `--data` JSON plus the URL). jsonc-parser reads the JSON: it keeps offsets for precise ranges and
 * reports what the API would refuse (comments, trailing commas) instead of failing.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { field, named, rangeOf } from './values';
import { ExtractionLimitError, type CacheCreation, type Entry, type Extraction, type FileProblem, type GeminiCall, type Position, type Range, type SyntaxNode, type Value } from './types';

/** Offsets ↔ positions in a text (line starts computed once). */
export function lineIndex(text: string): { positionAt: (offset: number) => Position; offsetAt: (position: Position) => number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return {
    positionAt: (offset) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low, character: offset - starts[low]! };
    },
    offsetAt: (position) => (starts[position.line] ?? text.length) + position.character,
  };
}

/** Offset → position in a text. */
export function positions(text: string): (offset: number) => Position {
  return lineIndex(text).positionAt;
}

function jsonValue(node: JsonNode, at: (offset: number) => Position, base: number): Value {
  const range: Range = { start: at(base + node.offset), end: at(base + node.offset + node.length) };
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: String(node.value), range };
    case 'number':
      return { kind: 'number', value: Number(node.value), text: String(node.value), range };
    case 'boolean':
      return { kind: 'boolean', value: Boolean(node.value), range };
    case 'null':
      return { kind: 'null', range };
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map((c) => jsonValue(c, at, base)), range };
    case 'object': {
      const entries: Entry[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value) continue;
        const keyRange = { start: at(base + key.offset), end: at(base + key.offset + key.length) };
        entries.push({ key: String(key.value), keyRange, value: jsonValue(value, at, base), range: { start: keyRange.start, end: at(base + value.offset + value.length) } });
      }
      return { kind: 'object', entries, range, open: false };
    }
    default:
      return { kind: 'unknown', text: '', range };
  }
}

export const URL_RE = /\/(v1(?:beta|alpha)?\d*)\/(?:projects\/[^/\s]+\/locations\/[^/\s]+\/)?(?:publishers\/google\/)?(?:models|tunedModels)\/([\w.-]+):(\w+)/;

interface Body {
  readonly value: Value;
  readonly errors: readonly FileProblem[];
}

function isRequest(value: Value): boolean {
  return Boolean(field(value, 'contents') ?? field(value, 'generationConfig') ?? field(value, 'generation_config') ?? field(value, 'requests'));
}

/** Request bodies inside a JSON value: the value itself, or objects nested in it (collections, fixtures). */
function requestsIn(value: Value, found: Value[] = []): Value[] {
  if (value.kind === 'object') {
    if (isRequest(value)) found.push(value);
    else value.entries.forEach((e) => requestsIn(e.value, found));
  } else if (value.kind === 'array') value.items.forEach((item) => requestsIn(item, found));
  return found;
}

interface Bodies {
  readonly requests: readonly Value[];
  readonly errors: readonly FileProblem[];
}

/** JSON nested deeper than this is not read (no request body is; the parser would recurse that deep). */
export const MAX_JSON_DEPTH = 256;

interface Scan {
  /** Comments outside strings: `[offset, length]`. */
  readonly comments: readonly (readonly [number, number])[];
  /** Offsets of commas followed (after spaces) by `}` or `]`, outside strings. */
  readonly trailingCommas: readonly number[];
  readonly depth: number;
}

/** One pass over JSON text: comments, trailing commas and nesting depth outside strings (linear). */
function scanJson(json: string): Scan {
  const comments: [number, number][] = [];
  const trailingCommas: number[] = [];
  let depth = 0;
  let maxDepth = 0;
  let pendingComma = -1;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34 /* " */) {
      pendingComma = -1;
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 47 /* / */ && (json.charCodeAt(i + 1) === 47 || json.charCodeAt(i + 1) === 42)) {
      const block = json.charCodeAt(i + 1) === 42;
      const end = block ? json.indexOf('*/', i + 2) : json.indexOf('\n', i + 2);
      const stop = end < 0 ? json.length : block ? end + 2 : end;
      comments.push([i, stop - i]);
      i = stop - 1;
    } else if (c === 44 /* , */) pendingComma = i;
    else if (c === 123 || c === 91) {
      pendingComma = -1;
      maxDepth = Math.max(maxDepth, ++depth);
    } else if (c === 125 || c === 93) {
      if (pendingComma >= 0) trailingCommas.push(pendingComma);
      pendingComma = -1;
      depth--;
    } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) pendingComma = -1;
  }
  return { comments, trailingCommas, depth: maxDepth };
}

/** Parses JSON that starts at `base` in the document and holds Gemini request bodies. */
function bodies(json: string, base: number, at: (offset: number) => Position): Bodies | undefined {
  const scan = scanJson(json);
  if (scan.depth > MAX_JSON_DEPTH) throw new ExtractionLimitError(`JSON nested ${scan.depth} levels deep (more than ${MAX_JSON_DEPTH})`);
  const errors: ParseError[] = [];
  const tree = parseTree(json, errors, { allowTrailingComma: true, disallowComments: false });
  if (!tree || (tree.type !== 'object' && tree.type !== 'array')) return undefined;
  const requests = requestsIn(jsonValue(tree, at, base));
  if (requests.length === 0) return undefined;
  const problems: FileProblem[] = errors.map((e) => ({
    ruleId: 'invalid-json',
    range: { start: at(base + e.offset), end: at(base + e.offset + Math.max(1, e.length)) },
    message: `The API cannot parse this request body: ${printParseErrorCode(e.error)}.`,
  }));
  // jsonc-parser accepts comments; the API does not.
  for (const [offset, length] of scan.comments) {
    problems.push({ ruleId: 'invalid-json', range: { start: at(base + offset), end: at(base + offset + length) }, message: 'Comment: the API cannot parse this request body (JSON has no comments).' });
  }
  // The API accepts trailing commas (Google AI Studio's generated samples have them); strict JSON tools do not. One note per body.
  const first = scan.trailingCommas[0];
  if (first !== undefined) {
    const count = scan.trailingCommas.length;
    problems.push({ ruleId: 'invalid-json', severity: 'info', range: { start: at(base + first), end: at(base + first + 1) },
      message: `${count} trailing comma${count === 1 ? '' : 's'} in this request body: the Gemini API accepts them, strict JSON parsers (jq, JSON.parse) do not.` });
  }
  return { requests, errors: problems };
}

/** The first request body of some JSON (curl data, a heredoc). */
function body(json: string, base: number, at: (offset: number) => Position): Body | undefined {
  const parsed = bodies(json, base, at);
  return parsed ? { value: parsed.requests[0]!, errors: parsed.errors } : undefined;
}

function restCall(api: 'rest' | 'curl', language: string, request: Value, url: { text: string; offset: number } | undefined, range: Range, at: (offset: number) => Position): GeminiCall {
  const match = url ? URL_RE.exec(url.text) : null;
  const modelStart = match && url && url.offset >= 0 ? url.offset + match.index + match[0].lastIndexOf(`${match[2]!}:`) : -1;
  const modelRange: Range = modelStart >= 0 ? { start: at(modelStart), end: at(modelStart + match![2]!.length) } : range;
  const config = field(request, 'generationConfig')?.value ?? field(request, 'generation_config')?.value;
  const contents = field(request, 'requests')?.value ?? field(request, 'contents')?.value;
  // Without a model in the URL, the request's own `model` field (GenerateContentRequest.model, `models/…`) names it.
  const bodyModel = match ? undefined : field(request, 'model')?.value;
  return {
    // Without a URL, a body of `requests` is a batch embed (batchEmbedContents).
    api, language, method: match?.[3] ?? (field(request, 'requests') ? 'batchEmbedContents' : 'generateContent'), range,
    ...(request.kind === 'object' ? { request } : {}),
    ...(contents ? { contents } : {}),
    ...(match ? { model: { kind: 'string', value: match[2]!, range: modelRange } as Value } : bodyModel?.kind === 'string' ? { model: bodyModel } : {}),
    ...(match ? { apiVersion: match[1]! } : {}),
    ...(config?.kind === 'object' ? { config } : {}),
    ...(field(request, 'safetySettings') ? { safetySettings: field(request, 'safetySettings')!.value } : {}),
    misplaced: [],
  };
}

/** A JSON document with Gemini request bodies: a body itself, or a collection that holds some. */
export function extractJson(text: string): Extraction {
  const at = positions(text);
  const parsed = bodies(text, 0, at);
  if (!parsed) return { calls: [], modelLiterals: [], problems: [] };
  const url = URL_RE.exec(text);
  const calls = parsed.requests.map((request) => restCall('rest', 'json', request, url ? { text: url[0], offset: url.index } : undefined, request.range, at));
  return { calls, modelLiterals: [], problems: parsed.errors };
}

const DATA_FLAGS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--json', '--data-ascii']);

/** The text of a shell word and where its content starts in the document. */
function shellText(node: SyntaxNode): { text: string; offset: number } | undefined {
  if (node.type === 'raw_string') return { text: node.text.slice(1, -1), offset: node.startIndex + 1 };
  if (node.type === 'string') return { text: node.text.slice(1, -1), offset: node.startIndex + 1 };
  if (node.type === 'word') return { text: node.text, offset: node.startIndex };
  return undefined;
}

/** `NAME=value` assignments of the script, for expanding `$NAME` / `${NAME}` in URLs. */
function shellVariables(root: SyntaxNode): Map<string, string> {
  const variables = new Map<string, string>();
  for (const assignment of root.descendantsOfType('variable_assignment')) {
    const name = assignment?.childForFieldName('name')?.text;
    const value = assignment?.childForFieldName('value');
    const content = value ? shellText(value) : undefined;
    if (name && content && !/\$/.test(content.text)) variables.set(name, variables.has(name) ? '' : content.text);
  }
  return variables;
}

/** curl commands that call the Gemini API in a shell script, and heredoc request bodies they send. */
export function extractShell(root: SyntaxNode, text: string): Extraction {
  const at = positions(text);
  const calls: GeminiCall[] = [];
  const problems: FileProblem[] = [];
  const caches: CacheCreation[] = [];
  const variables = shellVariables(root);
  const expand = (word: string) => word.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a?: string, b?: string) => variables.get((a ?? b)!) || whole);
  const heredocs = root.descendantsOfType('heredoc_body').flatMap((node) => {
    const parsed = node ? body(node.text, node.startIndex, at) : undefined;
    return parsed && node ? [{ parsed, range: rangeOf(node) }] : [];
  });
  const modelLiterals: (Value & { kind: 'string' })[] = [];
  for (const [name, value] of variables) {
    if (!/^(?:models\/)?gemini-/.test(value)) continue;
    const node = root.descendantsOfType('variable_assignment').find((n) => n?.childForFieldName('name')?.text === name)?.childForFieldName('value');
    if (node) {
      const inner = shellText(node)!;
      modelLiterals.push({ kind: 'string', value, range: { start: at(inner.offset), end: at(inner.offset + inner.text.length) } });
    }
  }
  for (const command of root.descendantsOfType('command')) {
    if (!command || command.childForFieldName('name')?.text !== 'curl') continue;
    const args = named(command).slice(1);
    let url: { text: string; offset: number } | undefined;
    let data: Body | undefined;
    args.forEach((arg, i) => {
      const word = shellText(arg) ?? (arg.type === 'concatenation' ? { text: arg.text, offset: arg.startIndex } : undefined);
      const expanded = word ? expand(word.text) : '';
      if (word && /https?:\/\//.test(expanded) && URL_RE.test(expanded)) url = expanded === word.text ? word : { text: expanded, offset: -1 };
      const previous = args[i - 1]?.text;
      const candidates: SyntaxNode[] = [];
      if (previous && DATA_FLAGS.has(previous)) candidates.push(arg);
      if (arg.type === 'process_substitution') candidates.push(...arg.descendantsOfType(['raw_string', 'string']).filter((n): n is SyntaxNode => n !== null));
      for (const candidate of candidates) {
        const content = shellText(candidate);
        if (content && /^\s*\{/.test(content.text)) data ??= body(content.text, content.offset, at);
        // '{… "cachedContent": "'$CACHE_NAME'" …}' (the caching guide's curl): the quotes around the
        // variable are characters of a JSON string, so the word reads as JSON as it is written. Used
        // only when it parses: other splices ('"$X"') are not JSON.
        if (!content && candidate.type === 'concatenation' && /^'\s*\{[\s\S]*'$/.test(candidate.text)) {
          const spliced = body(candidate.text.slice(1, -1), candidate.startIndex + 1, at);
          if (spliced && spliced.errors.every((e) => e.severity === 'info')) data ??= spliced;
        }
      }
    });
    // `-d @request.json` written by a heredoc in the same script.
    if (!data && heredocs.length === 1 && args.some((a) => /^['"]?@/.test(a.text))) data = heredocs[0]!.parsed;
    // POST …/cachedContents creates a context cache: its body is the cache's config.
    if (data?.value.kind === 'object' && args.some((a) => /\/cachedContents(?![\w/])/.test(expand(a.text)))) caches.push({ range: rangeOf(command), config: data.value });
    if (!url && !data) continue;
    if (!data) {
      calls.push(restCall('curl', 'shellscript', { kind: 'object', entries: [], range: rangeOf(command), open: true }, url, rangeOf(command), at));
      continue;
    }
    const call = restCall('curl', 'shellscript', data.value, url, rangeOf(command), at);
    // A model named through a variable is reported where the variable is set.
    const literal = url?.offset === -1 && call.model?.kind === 'string' ? modelLiterals.find((l) => l.value === (call.model as { value: string }).value) : undefined;
    calls.push(literal ? { ...call, model: literal } : call);
    problems.push(...data.errors);
  }
  return { calls, modelLiterals, problems, caches };
}
