/**
 * A cheap necessary condition for a large regex alternation: every alternative needs some literal
 * text to match (`Quota exceeded for ` in `Quota exceeded for (?:quota )?metric`), so a line that
 * contains none of those literals cannot match, and most lines of a log contain none. The literals
 * are found in one pass over the line by one automaton (Aho–Corasick), however many there are, where
 * the regex engine tries each alternative at each position.
 */

/** Characters of a literal kept: a prefix of a necessary literal is necessary too, and keeps the automaton small. */
const MAX_KEY = 8;
/** Character codes the automaton reads; any other character is read as code 0, which no key contains. */
const ASCII = 128;

/** The top-level alternatives of a regex source (`a|b(c|d)` → `a`, `b(c|d)`). */
export function alternativesOf(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** Index just past the group (`(`) or class (`[`) that starts at `i`. */
function skipAtom(source: string, i: number): number {
  if (source[i] === '[') {
    let j = i + 1;
    if (source[j] === '^') j++;
    for (; j < source.length && source[j] !== ']'; j++) if (source[j] === '\\') j++;
    return j + 1;
  }
  let depth = 0;
  let inClass = false;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return source.length;
}

/** Escaped characters that stand for themselves (`\.`, `\(`, `\/`); `\b`, `\d`, `\w`, `\s` … do not. */
const LITERAL_ESCAPES = new Set([...'.*+?^${}()|[]\\/-\'"` ']);

/**
 * The longest run of literal characters that every match of the alternative `source` contains: text
 * at the top level that no quantifier makes optional or repeats; groups, classes, anchors and
 * escapes such as `\d` end a run. '' when there is none.
 */
export function necessaryLiteral(source: string): string {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === '(' || c === '[') {
      end();
      i = skipAtom(source, i);
      continue;
    }
    if (c === '?' || c === '*' || c === '+' || c === '{') {
      // The quantifier applies to the last character of the run (or to a group, already left out).
      run = run.slice(0, -1);
      end();
      if (c === '{') while (i < source.length && source[i] !== '}') i++;
      i++;
      if (source[i] === '?') i++;
      continue;
    }
    if (c === '\\') {
      const escaped = source[i + 1] ?? '';
      if (LITERAL_ESCAPES.has(escaped)) run += escaped;
      else end();
      i += 2;
      continue;
    }
    if (c === '.' || c === '^' || c === '$') end();
    else run += c;
    i++;
  }
  end();
  return best;
}

/** A literal that must stand alone (`\b429\b`): its match counts only between non-word characters. */
interface Key {
  readonly text: string;
  readonly bounded: boolean;
}

/** The key of one alternative, or undefined when it has no usable necessary literal. */
function keyOf(alternative: string): Key | undefined {
  const whole = /^\\b(\w+)\\b$/.exec(alternative);
  if (whole) return { text: whole[1]!, bounded: true };
  // Only the characters the automaton reads: the longest run of them in the necessary literal.
  const literal = necessaryLiteral(alternative);
  let text = '';
  let from = 0;
  for (let i = 0; i <= literal.length; i++) {
    const code = i < literal.length ? literal.charCodeAt(i) : 0;
    if (code > 0 && code < ASCII && code !== 10 && code !== 13) continue; // no line break: see `firstHit`
    if (i - from > text.length) text = literal.slice(from, i);
    from = i + 1;
  }
  return text.length === 0 ? undefined : { text: text.slice(0, MAX_KEY), bounded: false };
}

function isWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** What reaching a state means: nothing, a key found, or only keys that must stand alone (of length `boundedLength`). */
const NONE = 0;
const FOUND = 1;
const BOUNDED = 2;

export class LiteralGate {
  private constructor(
    /** The character class of each ASCII code: one per character the keys use, 0 for all others. */
    private readonly classOf: Uint8Array,
    /** Number of classes: the width of a row of `next`. */
    private readonly width: number,
    private readonly table: Int32Array,
    private readonly found: Uint8Array,
    private readonly boundedLength: Uint8Array,
  ) {}

  /**
   * The gate of the regex `source` (no flags), or undefined when some top-level alternative has no
   * necessary literal (then only the regex itself can tell).
   */
  static of(source: string): LiteralGate | undefined {
    const keys: Key[] = [];
    for (const alternative of alternativesOf(source)) {
      const key = keyOf(alternative);
      if (!key) return undefined;
      keys.push(key);
    }
    // Only the characters of the keys are told apart: a small table stays in the processor's cache.
    const classOf = new Uint8Array(ASCII);
    let width = 1;
    for (const key of keys) for (let i = 0; i < key.text.length; i++) if (classOf[key.text.charCodeAt(i)] === 0) classOf[key.text.charCodeAt(i)] = width++;
    // The trie of the keys.
    const children: Map<number, number>[] = [new Map()];
    const found: number[] = [NONE];
    const boundedLength: number[] = [0];
    for (const key of keys) {
      let state = 0;
      for (let i = 0; i < key.text.length; i++) {
        const code = classOf[key.text.charCodeAt(i)]!;
        let child = children[state]!.get(code);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          found.push(NONE);
          boundedLength.push(0);
          children[state]!.set(code, child);
        }
        state = child;
      }
      if (!key.bounded) found[state] = FOUND;
      else if (found[state] === NONE) {
        found[state] = BOUNDED;
        boundedLength[state] = key.text.length;
      }
    }
    // Failure links, breadth first, folded into a full transition table.
    const count = children.length;
    const next = count <= 0xffff ? new Uint16Array(count * width) : new Uint32Array(count * width);
    const fail = new Int32Array(count);
    const queue: number[] = [];
    for (let code = 0; code < width; code++) {
      const child = children[0]!.get(code);
      if (child !== undefined) {
        next[code] = child;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const back = fail[state]!;
      // A key that ends where a suffix of this state's text ends is found here too.
      if (found[back] === FOUND) found[state] = FOUND;
      else if (found[back] === BOUNDED && found[state] !== FOUND) {
        if (found[state] === BOUNDED && boundedLength[state] !== boundedLength[back]) found[state] = FOUND; // two lengths: no single check; let the regex decide
        else {
          found[state] = BOUNDED;
          boundedLength[state] = boundedLength[back]!;
        }
      }
      for (let code = 0; code < width; code++) {
        const child = children[state]!.get(code);
        if (child !== undefined) {
          fail[child] = next[back * width + code]!;
          next[state * width + code] = child;
          queue.push(child);
        } else {
          next[state * width + code] = next[back * width + code]!;
        }
      }
    }
    // One load per character: each entry is the next state's row offset, times two, plus 1 when a key ends there.
    const table = new Int32Array(count * width);
    for (let i = 0; i < table.length; i++) table[i] = ((next[i]! * width) << 1) | (found[next[i]!] === NONE ? 0 : 1);
    return new LiteralGate(classOf, width, table, Uint8Array.from(found), Uint8Array.from(boundedLength));
  }

  /** False when `text` cannot match the regex; true when it may. One pass, linear in `text`. */
  mayMatch(text: string): boolean {
    return this.firstHit(text, 0, text.length) !== -1;
  }

  /**
   * Where in `text[from, to)` the first key ends (the index of its last character), -1 when there is
   * none: a text of many lines is tested in one pass, and a line that contains no hit cannot match.
   * The same hits as `mayMatch` on each line alone, as no key holds a line break (a line break takes
   * the automaton back to its start) and a line break is no word character. One pass, linear.
   */
  firstHit(text: string, from: number, to: number): number {
    const { classOf, width, table, found, boundedLength } = this;
    let row = 0;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      const entry = table[row + (code < ASCII ? classOf[code]! : 0)]!;
      row = entry >> 1;
      if ((entry & 1) === 0) continue;
      const state = row / width;
      if (found[state] === FOUND) return i;
      // Outside [from, to) counts as a line's end, as in `mayMatch` on that line alone.
      const before = i - boundedLength[state]!;
      if (!(before >= from && isWord(text.charCodeAt(before))) && !(i + 1 < to && isWord(text.charCodeAt(i + 1)))) return i;
    }
    return -1;
  }
}
