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

/** The longest run of characters the automaton reads in `literal`, cut to MAX_KEY; '' when there is none. */
function asciiKey(literal: string): string {
  let text = '';
  let from = 0;
  for (let i = 0; i <= literal.length; i++) {
    const code = i < literal.length ? literal.charCodeAt(i) : 0;
    if (code > 0 && code < ASCII && code !== 10 && code !== 13) continue; // no line break: see `firstHit`
    if (i - from > text.length) text = literal.slice(from, i);
    from = i + 1;
  }
  return text.slice(0, MAX_KEY);
}

/**
 * Keys such that every match of the alternative `source` contains one of them: its necessary
 * literal, or, when it has none outside groups, the keys of the alternatives of a group that every
 * match goes through (`\b(?:finish_reason|finishReason)…` → `finish_r`, `finishRe`). Undefined
 * when there are none (then only the regex can tell).
 */
export function keysOf(source: string): string[] | undefined {
  const own = asciiKey(necessaryLiteral(source));
  if (own) return [own];
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === '[') i = skipAtom(source, i);
    else if (c !== '(') i++;
    else {
      const end = skipAtom(source, i);
      const optional = /^(?:[?*]|\{0[,}])/.test(source.slice(end, end + 3));
      // A plain, non-capturing or named group, or a positive lookaround (what it looks at is in the text too).
      const body = /^\((?:\?:|\?=|\?<=|\?<\w+>)?/.exec(source.slice(i, end - 1))!;
      const negative = /^\(\?<?!/.test(source.slice(i, i + 4));
      if (!optional && !negative) {
        const keys = alternativesOf(source.slice(i + body[0].length, end - 1)).map(keysOf);
        if (keys.every((k) => k !== undefined)) return keys.flat() as string[];
      }
      i = end;
    }
  }
  return undefined;
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
  const text = asciiKey(necessaryLiteral(alternative));
  return text.length === 0 ? undefined : { text, bounded: false };
}

function isWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** What reaching a state means: nothing, a key found, or only keys that must stand alone (of length `boundedLength`). */
const NONE = 0;
const FOUND = 1;
const BOUNDED = 2;

/**
 * The Aho–Corasick automaton of `keys` over character classes (`classOf`, `width` classes): the full
 * transition table (`next[state * width + class]`) and, for each state, the keys that end there: its
 * own and, through its failure links, those that end where a suffix of its text ends.
 */
function automaton(keys: readonly string[], classOf: Uint8Array, width: number): { next: Int32Array; ends: number[][] } {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  keys.forEach((key, index) => {
    let state = 0;
    for (let i = 0; i < key.length; i++) {
      const code = classOf[key.charCodeAt(i)]!;
      let child = children[state]!.get(code);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ends.push([]);
        children[state]!.set(code, child);
      }
      state = child;
    }
    ends[state]!.push(index);
  });
  // Failure links, breadth first, folded into a full transition table.
  const next = new Int32Array(children.length * width);
  const fail = new Int32Array(children.length);
  const queue: number[] = [];
  for (const [code, child] of children[0]!) {
    next[code] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const back = fail[state]!;
    for (const key of ends[back]!) if (!ends[state]!.includes(key)) ends[state]!.push(key);
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
  return { next, ends };
}

export class LiteralGate {
  /** `classOf` for every byte value (no range check per byte). */
  private byteClass: Uint8Array | undefined;

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
    const { next, ends } = automaton(keys.map((key) => key.text), classOf, width);
    // What reaching each state means: a key found; or only keys that must stand alone, of one length
    // (checked around the hit); of two lengths there is no single check, and the regex decides.
    const found = ends.map((here) => (here.length === 0 ? NONE : here.some((k) => !keys[k]!.bounded) || new Set(here.map((k) => keys[k]!.text.length)).size > 1 ? FOUND : BOUNDED));
    const boundedLength = ends.map((here, state) => (found[state] === BOUNDED ? keys[here[0]!]!.text.length : 0));
    // One load per character: each entry is the next state's row offset, times two, plus 1 when a key ends there.
    const table = new Int32Array(next.length);
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

  /**
   * `firstHit` on UTF-8 bytes: the same hits as on the decoded text, as every key is ASCII and every
   * byte of a multi-byte character is 0x80 or above (no key holds one, as no key holds a non-ASCII
   * character). Reading bytes spares the decoding of text nobody looks at.
   */
  firstHitInBytes(bytes: Uint8Array, from: number, to: number): number {
    const { width, table, found, boundedLength } = this;
    const classOf = (this.byteClass ??= Uint8Array.from({ length: 256 }, (_, code) => (code < ASCII ? this.classOf[code]! : 0)));
    let row = 0;
    for (let i = from; i < to; i++) {
      const entry = table[row + classOf[bytes[i]!]!]!;
      row = entry >> 1;
      if ((entry & 1) === 0) continue;
      const state = row / width;
      if (found[state] === FOUND) return i;
      const before = i - boundedLength[state]!;
      if (!(before >= from && isWord(bytes[before]!)) && !(i + 1 < to && isWord(bytes[i + 1]!))) return i;
    }
    return -1;
  }
}

/**
 * Which of many regexes may match a text, found in one pass: each regex's keys (`keysOf` of each of
 * its alternatives) go into one automaton, and a regex none of whose keys is in the text cannot
 * match it, so its search is skipped. A regex with an alternative without keys is always searched.
 */
export class LiteralIndex {
  private constructor(
    private readonly classOf: Uint8Array,
    private readonly width: number,
    /** The next state times two, plus 1 when it ends some key; by state times `width` plus character class. */
    private readonly table: Int32Array,
    /** The regexes whose keys end at each state. */
    private readonly outputs: readonly (readonly number[])[],
    /** 1 for the regexes that are always searched. */
    private readonly always: Uint8Array,
  ) {}

  /** `ignoreCase`: keys are found in any case (needed when a regex has the `i` flag; sound for all). */
  static of(sources: readonly string[], options: { readonly ignoreCase?: boolean } = {}): LiteralIndex {
    const fold = (text: string) => (options.ignoreCase ? text.toLowerCase() : text);
    const always = new Uint8Array(sources.length);
    const keys: [text: string, regex: number][] = [];
    sources.forEach((source, regex) => {
      const own = alternativesOf(source).map(keysOf);
      if (own.some((k) => k === undefined)) always[regex] = 1;
      else for (const text of new Set((own as string[][]).flat().map(fold))) keys.push([text, regex]);
    });
    const classOf = new Uint8Array(0x10000); // every UTF-16 code unit: no range check per character
    let width = 1;
    for (const [text] of keys) {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (classOf[code] !== 0) continue;
        classOf[code] = width;
        const upper = text[i]!.toUpperCase().charCodeAt(0);
        if (options.ignoreCase && upper < ASCII) classOf[upper] = width;
        width++;
      }
    }
    const { next, ends } = automaton(keys.map(([text]) => text), classOf, width);
    const outputs = ends.map((here) => [...new Set(here.map((k) => keys[k]![1]))]);
    const table = new Int32Array(next.length);
    for (let i = 0; i < table.length; i++) table[i] = (next[i]! << 1) | (outputs[next[i]!]!.length > 0 ? 1 : 0);
    return new LiteralIndex(classOf, width, table, outputs, always);
  }

  /** For each regex (in the order given), 1 when `text` may match it, 0 when it cannot. One pass, linear. */
  mayMatch(text: string): Uint8Array {
    const { classOf, width, table, outputs } = this;
    const hits = this.always.slice();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const entry = table[state * width + classOf[code]!]!;
      state = entry >> 1;
      if ((entry & 1) === 0) continue;
      const found = outputs[state]!;
      for (let k = 0; k < found.length; k++) hits[found[k]!] = 1;
    }
    return hits;
  }
}
