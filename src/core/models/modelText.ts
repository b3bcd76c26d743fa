/**
 * Gemini model ids in any text: code, .env, YAML, JSON, TOML, Markdown. One linear scan per line,
 * bounded; names that only look alike (gemini-cli, gemini-doctor) are not model ids.
 */

/** `gemini-` + a version or a model word; imagen/veo/embedding families. `models/` is kept out of the id. */
const MODEL_ID = /(?<![\w.-])(?:models\/)?((?:gemini-(?:\d(?:[\w.]*\w)?|pro|flash|flash-lite|embedding|live|exp|ultra|nano)(?:-[a-z0-9](?:[a-z0-9.]*[a-z0-9])?)*|imagen-\d(?:[\w.]*\w)?(?:-[a-z0-9](?:[a-z0-9.]*[a-z0-9])?)*|veo-\d(?:[\w.]*\w)?(?:-[a-z0-9](?:[a-z0-9.]*[a-z0-9])?)*|text-embedding-\d+|embedding-\d{3}))(?![\w-]|\.\w)/g;

/** Lines longer than this are read only around the position (minified files, logs). */
const WINDOW = 2_000;

export interface ModelMention {
  readonly id: string;
  /** 0-based line and the id's start and end columns (the `models/` prefix excluded). */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

function matchesIn(text: string, offset: number, line: number): ModelMention[] {
  const found: ModelMention[] = [];
  MODEL_ID.lastIndex = 0;
  for (let m = MODEL_ID.exec(text); m; m = MODEL_ID.exec(text)) {
    const id = m[1]!;
    const start = m.index + m[0].length - id.length;
    found.push({ id, line, start: offset + start, end: offset + start + id.length });
  }
  return found;
}

/** The model id under `character` of `line`, if any. */
export function modelIdAt(line: string, character: number, lineNumber = 0): ModelMention | undefined {
  const from = Math.max(0, character - WINDOW / 2);
  const slice = line.length > WINDOW ? line.slice(from, from + WINDOW) : line;
  const offset = line.length > WINDOW ? from : 0;
  return matchesIn(slice, offset, lineNumber).find((m) => m.start <= character && character <= m.end);
}

/** Every model id in a text, line by line; at most `limit` mentions, the first WINDOW characters of a long line. */
export function findModelIds(text: string, limit = 10_000): ModelMention[] {
  const found: ModelMention[] = [];
  if (!/gemini-|imagen-|veo-|embedding-/i.test(text)) return found;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && found.length < limit; i++) {
    const line = lines[i]!;
    if (!/gemini-|imagen-|veo-|embedding-/.test(line)) continue;
    found.push(...matchesIn(line.length > WINDOW ? line.slice(0, WINDOW) : line, 0, i));
  }
  return found.slice(0, limit);
}

/**
 * Where a completion may offer model ids: inside the string of a `model` key or argument (`model:
 * "`, `model="`, `GEMINI_MODEL=`, `GenerativeModel("`, Go's `GenerateContent(ctx, "`, a REST URL's
 * `/models/`). Returns the column where the typed id starts, or undefined.
 */
export function modelStringStart(before: string): number | undefined {
  const text = before.length > WINDOW ? before.slice(-WINDOW) : before;
  const shift = before.length - text.length;
  const patterns = [
    /\b[\w]*model(?:_?name|Name|_?id|Id)?["']?\s*[:=]\s*(?:[\w.]+\()?["'`]((?:models\/)?[\w.-]*)$/i,
    /\b[A-Z_]*MODEL[A-Z_]*\s*=\s*["']?((?:models\/)?[\w.-]*)$/,
    /\bGenerativeModel\(\s*(?:model_name\s*=\s*)?["'`]((?:models\/)?[\w.-]*)$/,
    /\bGenerateContent(?:Stream)?\(\s*\w+\s*,\s*"((?:models\/)?[\w.-]*)$/,
    /\/models\/([\w.-]*)$/,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m) return shift + text.length - m[1]!.replace(/^models\//, '').length;
  }
  return undefined;
}

/** Does the document talk about Gemini at all (a cheap gate before offering completions)? */
export function mentionsGemini(text: string): boolean {
  return /gemini|genai|generativeai|generative-ai|generativelanguage/i.test(text);
}

/**
 * Globs for what a .gitignore leaves out, for the workspace inventory: plain names and paths
 * (`node_modules/`, `/build`, `*.log`); negations and patterns it cannot read are skipped.
 */
export function gitignoreGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/).slice(0, 1000)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!') || /[\\[\]{}]/.test(line)) continue;
    const anchored = line.startsWith('/');
    const body = line.replace(/^\/+/, '').replace(/\/+$/, '');
    if (!body || body.includes(',')) continue;
    const base = anchored || body.includes('/') ? body : `**/${body}`;
    globs.push(base, `${base}/**`);
  }
  return globs;
}
