/**
 * Context caching: the cache a request's `cachedContent` names, when the same file creates it
 * (`cache = client.caches.create(model=…, config=…)`), and the quick fix that moves
 * systemInstruction / tools / toolConfig from the request into that creation's config, as the API's
 * own error proposes ("Proposed fix: move those values to CachedContent",
 * https://ai.google.dev/gemini-api/docs/caching).
 */
import { lineIndex } from './extractRest';
import type { CacheCreation, Entry, Position, Range, SyntaxNode, Value } from './types';
import { named } from './values';

/** Nodes that wrap a call without changing its value (`await`, parentheses, C#'s `= …`, Go's expression lists). */
const WRAPPERS = new Set(['await_expression', 'await', 'parenthesized_expression', 'equals_value_clause', 'expression_list', 'non_null_expression']);

/** The variable a call's result is assigned to (`cache = …`, `const cache = await …`, `cache, err := …`, `var cache = …`). */
export function assignedName(node: SyntaxNode): string | undefined {
  let current = node;
  for (let up = 0; current.parent && WRAPPERS.has(current.parent.type) && up < 4; up++) current = current.parent;
  const parent = current.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text ?? named(parent)[0]?.text;
  if (['assignment', 'short_var_declaration', 'assignment_statement', 'assignment_expression'].includes(parent.type)) {
    const left = parent.childForFieldName('left');
    const first = left?.type === 'expression_list' || left?.type === 'pattern_list' ? named(left)[0] : left;
    return first && /^[A-Za-z_]\w*$/.test(first.text) ? first.text : undefined;
  }
  return undefined;
}

/**
 * The cache creation a `cachedContent` value names: `cache.name` (`cache.Name`, `cache.name().get()`)
 * of a variable the file assigns from `caches.create`; for REST, a shell variable and the one
 * `cachedContents` creation of the script. Undefined when the file does not show it.
 */
export function cacheOf(cached: Value, caches: readonly CacheCreation[], rest: boolean): CacheCreation | undefined {
  // A literal name is a cache made elsewhere; a shell variable (`"$CACHE_NAME"`) is the one the script creates.
  if (rest) return caches.length === 1 && cached.kind === 'string' && /\$\{?\w+/.test(cached.value) ? caches[0] : undefined;
  if (cached.kind !== 'unknown') return undefined;
  const variable = /^([A-Za-z_]\w*)\s*\.\s*(?:name|Name)\b/.exec(cached.text)?.[1];
  const found = variable ? caches.filter((c) => c.variable === variable) : [];
  return found.length === 1 ? found[0] : undefined;
}

const NOT_NAMES = new Set(['true', 'false', 'null', 'undefined', 'None', 'True', 'False', 'nil', 'new', 'this', 'self', 'await', 'lambda', 'for', 'in', 'if', 'else',
  'and', 'or', 'not', 'is', 'return', 'function', 'const', 'let', 'var', 'of', 'typeof', 'as', 'async', 'default']);

/** The names a piece of code uses from its surroundings: identifiers that are not keys, members or keywords. */
function freeNames(code: string): string[] {
  const bare = code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.$])([A-Za-z_$][\w$]*)\b(?!\s*(?::(?!:)|=(?!=)))/g)) {
    if (!NOT_NAMES.has(match[1]!)) names.add(match[1]!);
  }
  return [...names];
}

/** Where `name` is defined or imported in the text (offsets), by the declaration forms of the languages read. */
function definitions(text: string, name: string): number[] {
  const n = name.replace(/\$/g, '\\$');
  const forms = new RegExp(
    `\\b(?:const|let|var|val|def|class|func|function|import)\\s+${n}\\b|^[ \\t]*${n}\\s*(?::[^=\\n]*)?(?::=|=(?!=))|\\b${n}\\s*:=|[\\w>\\]]\\s+${n}\\s*=(?!=)|^\\s*(?:from\\s+\\S+\\s+)?import\\b[^\\n]*\\b${n}\\b|\\bimport\\s*\\{[^}]*\\b${n}\\b|\\busing\\b[^\\n]*\\b${n}\\b|^\\s*(?:${n}\\s+)?"[^"\\n]*\\/${n}"`,
    'gm',
  );
  return [...text.matchAll(forms)].map((m) => m.index);
}

/**
 * The names the moved code uses that may not exist where the cache is created: defined after the
 * creation starts, or not defined in the file at all (a parameter of another function). Capitalized
 * names (classes, enums, namespaces) are taken to be imported.
 */
function unavailable(code: string, text: string, at: number): string[] {
  return freeNames(code).filter((name) => {
    const found = definitions(text, name);
    if (found.length === 0) return !/^[A-Z]/.test(name);
    return found.some((offset) => offset >= at);
  });
}

export interface MoveFix {
  readonly edits: readonly { readonly range: Range; readonly newText: string }[];
}

/** Why no fix: the creation already has the setting, or the moved code uses names the creation does not see. */
export type MoveResult = { readonly fix: MoveFix } | { readonly reason: string };

/**
 * Edits that move `entry` (a setting of the request) into the creation's config: the entry deleted
 * from the request, the same value inserted as the creation's language writes a config field.
 */
export function moveIntoCache(text: string, entry: Entry, cache: CacheCreation, language: string): MoveResult {
  const config = cache.config;
  if (!config) return { reason: 'its config is not written in the file' };
  const index = lineIndex(text);
  const offset = (p: Position) => index.offsetAt(p);
  if (config.entries.some((e) => e.key.replace(/_/g, '').toLowerCase() === entry.key.replace(/_/g, '').toLowerCase())) {
    return { reason: `it already sets ${entry.key}` };
  }
  const entryStart = offset(entry.range.start);
  const entryEnd = offset(entry.range.end);
  const configStart = offset(config.range.start);
  const configEnd = offset(config.range.end);
  if (entryStart < configEnd && configStart < entryEnd) return { reason: 'the request and the cache share this config' };
  const java = language === 'java';
  // The value as written: after the key and its `:` / `=` / `(`.
  const afterKey = text.slice(offset(entry.keyRange.end), entryEnd);
  const valueText = java ? afterKey.trim().replace(/^\(([\s\S]*)\)$/, '$1').trim() : afterKey.replace(/^["'`]?\s*[:=]?\s*/, '').trim() || text.slice(offset(entry.keyRange.start), offset(entry.keyRange.end));
  if (!valueText) return { reason: 'the value is not written here' };
  const missing = unavailable(valueText, text, offset(cache.range.start));
  if (missing.length > 0) return { reason: `${missing.slice(0, 3).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not defined before the cache is created` };

  const source = text.slice(configStart, configEnd);
  const key = entry.key.replace(/^["'`]|["'`]$/g, '');
  let insertAt: number;
  let item: string;
  let braces = true;
  if (java) {
    const build = source.lastIndexOf('.build()');
    if (build < 0) return { reason: 'its config builder has no build()' };
    const insert = { start: index.positionAt(configStart + build), end: index.positionAt(configStart + build) };
    return { fix: { edits: [deletion(text, entry, java, index), { range: insert, newText: `.${key}(${valueText})` }] } };
  }
  if (language === 'python' && !source.startsWith('{')) {
    insertAt = source.indexOf('(');
    item = `${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}=${valueText}`;
    braces = false;
  } else {
    insertAt = source.indexOf('{');
    const quoted = language === 'python' || language === 'json' || language === 'shellscript' || language === 'bash' ? `"${key}"` : key;
    item = language === 'csharp' ? `${key} = ${valueText}` : `${quoted}: ${valueText}`;
  }
  if (insertAt < 0) return { reason: 'its config has no body to add to' };
  const after = configStart + insertAt + 1;
  const rest = text.slice(after, configEnd);
  const empty = config.entries.length === 0 && /^\s*[})]/.test(rest);
  const multiline = /^[ \t]*\r?\n([ \t]*)\S/.exec(rest);
  const newText = empty ? (braces ? ` ${item} ` : item) : multiline ? `\n${multiline[1]}${item},` : braces && /^\s/.test(rest) ? ` ${item},` : `${item}, `;
  const at = index.positionAt(after);
  return { fix: { edits: [deletion(text, entry, java, index), { range: { start: at, end: at }, newText }] } };
}

/** Deletes an entry from the request: its line when it has one to itself, else with the comma beside it; a Java setter with its dot. */
function deletion(text: string, entry: Entry, java: boolean, index: ReturnType<typeof lineIndex>): { range: Range; newText: string } {
  let start = index.offsetAt(java ? entry.keyRange.start : entry.range.start);
  let end = index.offsetAt(entry.range.end);
  if (java) {
    const dot = /\s*\.\s*$/.exec(text.slice(Math.max(0, start - 200), start));
    if (dot) start -= dot[0].length;
    return { range: { start: index.positionAt(start), end: index.positionAt(end) }, newText: '' };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const own = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*,?[ \t]*\r?\n/.exec(text.slice(end));
  if (own) return { range: { start: index.positionAt(lineStart), end: index.positionAt(end + own[0].length) }, newText: '' };
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
    if (before) start -= before[0].length;
  }
  return { range: { start: index.positionAt(start), end: index.positionAt(end) }, newText: '' };
}
