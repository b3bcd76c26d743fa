/** Turning syntax nodes into Values, and the small helpers every extractor shares. */
import type { Entry, Range, SyntaxNode, Value } from './types';

export function rangeOf(node: SyntaxNode): Range {
  const start = node.startPosition;
  const end = node.endPosition;
  return { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } };
}

export function named(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
}

export function unknown(node: SyntaxNode): Value {
  return { kind: 'unknown', text: node.text, range: rangeOf(node) };
}

/** Member accesses of each grammar: the node type and the field of the accessed name. */
const MEMBER: Record<string, string> = {
  member_expression: 'property', attribute: 'attribute', selector_expression: 'field', field_access: 'field', member_access_expression: 'name',
};
const WRAPPERS = new Set(['non_null_expression', 'parenthesized_expression', 'await_expression', 'await']);
/** Callees longer than this are read from their last segments only. */
const SHORT = 200;

/**
 * The last segments of a call's callee without spaces or optional chaining: `ai.models.generateContent`.
 * Reads at most a few segments from the end, so a long call chain costs the same as a short one
 * (the text of every prefix of a 40,000-link chain would be quadratic); what is cut off reads `…`.
 */
export function calleeText(node: SyntaxNode | null, segments = 6): string {
  if (!node) return '';
  const parts: string[] = [];
  let current: SyntaxNode | null = node;
  while (current && parts.length < segments) {
    const length = current.endIndex - current.startIndex;
    if (length <= SHORT) {
      const text = current.text;
      parts.unshift(/[\s?!]/.test(text) ? text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!\./g, '.') : text);
      return parts.join('.');
    }
    const property = MEMBER[current.type] ? current.childForFieldName(MEMBER[current.type]!) : null;
    if (property) {
      parts.unshift(property.text);
      current = current.childForFieldName(current.type === 'attribute' ? 'object' : current.type === 'selector_expression' ? 'operand' : current.type === 'member_access_expression' ? 'expression' : 'object');
    } else if (WRAPPERS.has(current.type)) current = named(current)[0] ?? null;
    else break;
  }
  parts.unshift('…');
  return parts.join('.');
}

/** Numbers as the languages write them: `8_192`, `0x10`, `1e3`, `0.5f`. */
export function parseNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '').replace(/[fFlLjJ]$/, '');
  const n = Number(clean);
  return Number.isFinite(n) ? n : undefined;
}

/** A number literal as written, or unknown when it does not parse. */
export function numberLiteral(node: SyntaxNode): Value {
  const n = parseNumber(node.text);
  return n === undefined ? unknown(node) : { kind: 'number', value: n, text: node.text, range: rangeOf(node) };
}

/** `-x` of a number; anything else unary is unknown. */
export function negated(node: SyntaxNode, inner: Value | undefined): Value {
  return inner?.kind === 'number' && node.text.trimStart().startsWith('-') ? { kind: 'number', value: -inner.value, text: node.text, range: rangeOf(node) } : unknown(node);
}

/** Looks up identifiers: constants of the file and defaults of the enclosing function's parameters. */
export type Resolver = (name: string, at: SyntaxNode) => Value | undefined;

export function entry(key: string, keyNode: SyntaxNode, value: Value, whole: SyntaxNode): Entry {
  return { key, keyRange: rangeOf(keyNode), value, range: rangeOf(whole) };
}

/** Last segment of a dotted name: `HarmCategory.HARM_CATEGORY_HATE_SPEECH` → `HARM_CATEGORY_HATE_SPEECH`. */
export function lastSegment(text: string): string {
  return text.split('.').pop() ?? text;
}

/** `max_output_tokens`, `MaxOutputTokens` → `maxOutputTokens`; REST and TS names stay. */
export function camelName(key: string): string {
  const snake = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  if (/^[A-Z][a-z]/.test(snake)) {
    // Go fields: MaxOutputTokens, TopP, ResponseMIMEType, CandidateCount.
    const go = snake.replace(/MIME/, 'Mime');
    return go[0]!.toLowerCase() + go.slice(1);
  }
  return snake;
}

/** A key without its naming convention: `max_output_tokens`, `MaxOutputTokens`, `maxOutputTokens` → `maxoutputtokens`. */
export function normalKey(key: string): string {
  return key.replace(/_/g, '').toLowerCase();
}

/** The entry of an object by key, whatever the naming convention. */
export function field(object: Value | undefined, name: string): Entry | undefined {
  if (object?.kind !== 'object') return undefined;
  const wanted = normalKey(name);
  return object.entries.find((e) => isNormalKey(e.key, wanted));
}

/** `normalKey(key) === wanted` without building the normal key (rules look fields up many times per call). */
function isNormalKey(key: string, wanted: string): boolean {
  let at = 0;
  for (let i = 0; i < key.length; i++) {
    let code = key.charCodeAt(i);
    if (code === 95) continue; // _
    // Lower-casing beyond ASCII can change the length: compare the normal key itself.
    if (code > 127) return normalKey(key) === wanted;
    if (code >= 65 && code <= 90) code += 32;
    if (wanted.charCodeAt(at) !== code) return false;
    at++;
  }
  return at === wanted.length;
}

/** A string that names a Gemini model. */
export const MODEL_ID = /^(?:models\/)?gemini-[0-9][a-z0-9.-]*$|^(?:models\/)?gemini-(?:pro|pro-vision|ultra|flash|flash-lite|flash-latest|pro-latest|flash-lite-latest)$/;

/**
 * The string nodes (of `types`) that contain a match of `pattern` in the source text: found from the
 * text and the tree's index lookup, so a file's many other strings are never visited.
 */
export function stringsMatching(root: SyntaxNode, text: string, pattern: RegExp, types: ReadonlySet<string>): SyntaxNode[] {
  const found = new Map<number, SyntaxNode>();
  for (const match of text.matchAll(pattern)) {
    let node = root.descendantForIndex(match.index);
    for (let up = 0; node && up < 3 && !types.has(node.type); up++) node = node.parent;
    if (node && types.has(node.type) && !found.has(node.startIndex)) found.set(node.startIndex, node);
  }
  return [...found.values()];
}

/** Where a model name or a Gemini REST URL may be written. */
export const MODEL_OR_URL = /gemini-|googleapis\.com/g;

/** Edit distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The (at most three) known names closest to `id`, closest first: "did you mean". */
export function suggestions(id: string, known: readonly string[]): string[] {
  return known
    .map((k) => ({ k, d: editDistance(id, k) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(id.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ k }) => k);
}

/**
 * A file's names → the node of their value (`null` when a name cannot be trusted as a constant: bound
 * twice, or not `const`). `fill` runs on the first lookup only: many files never look a name up.
 */
export class NameTable {
  private table: Map<string, SyntaxNode | null> | undefined;

  constructor(private readonly fill: (table: Map<string, SyntaxNode | null>) => void) {}

  get(name: string): SyntaxNode | null | undefined {
    return this.read().get(name);
  }

  has(name: string): boolean {
    return this.read().has(name);
  }

  private read(): Map<string, SyntaxNode | null> {
    if (!this.table) {
      this.table = new Map();
      this.fill(this.table);
    }
    return this.table;
  }
}
