/**
 * Values imported from other files of the same project: `import { GEMINI_MODEL } from './config'`,
 * `from .settings import GENERATION_CONFIG`, `import config` then `config.MODEL_NAME`.
 *
 * A `ModuleGraph` reads each file of a run once (through its host, which does the I/O and the
 * parsing), follows the imports of a file before its calls are read, and hands the extraction the
 * imported values, stamped with the file they are written in, so findings about them are reported
 * where they can be fixed: at the definition. Only files of the project are followed (relative
 * TS/JS paths; Python relative imports and dotted imports found under the file's folders up to the
 * project root); packages stay unknown. Cycles are not followed, and the depth and the number of
 * files are bounded.
 */
import type { Entry, ExtractOptions, Extraction, ImportedValues, ModuleBinding, ModuleImport, Range, Value } from './types';

/** The two module systems read: TS/JS and Python. */
export type ModuleLanguage = 'script' | 'python';

const SCRIPT_FILE = /\.(?:ts|mts|cts|tsx|js|mjs|cjs|jsx)$/i;

export function moduleLanguage(file: string): ModuleLanguage | undefined {
  if (/\.py$/i.test(file)) return 'python';
  return SCRIPT_FILE.test(file) ? 'script' : undefined;
}

/** `/` paths: the folder of a file. */
export function dirname(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '' : at === 0 ? '/' : file.slice(0, at);
}

/** Joins `/` paths, resolving `.` and `..` (a `..` above a relative start is kept). */
export function joinPath(base: string, relative: string): string {
  const absolute = base.startsWith('/');
  const parts: string[] = [];
  for (const part of `${base}/${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  return `${absolute ? '/' : ''}${parts.join('/')}`;
}

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * The files a specifier may name, in the order the module systems try them (the first that exists
 * wins). TS/JS: relative specifiers only, with or without extension (`./config.js` may be
 * `config.ts`), or a folder's index file. Python: `.x`/`..x` from the file's package; `a.b` from the
 * file's folder and each folder above it up to `root` (where the project's packages sit), as a
 * module `a/b.py` or a package `a/b/__init__.py`. Empty for anything else (a package dependency).
 */
export function moduleCandidates(from: string, specifier: string, root?: string): string[] {
  const language = moduleLanguage(from);
  const folder = dirname(from);
  if (language === 'script') {
    if (!/^\.\.?(?:\/|$)/.test(specifier)) return [];
    const base = joinPath(folder, specifier);
    const stem = base.replace(/\.(?:js|jsx|mjs|cjs)$/, '');
    const candidates = [base, ...SCRIPT_EXTENSIONS.map((e) => `${stem}${e}`), ...SCRIPT_EXTENSIONS.map((e) => `${base}/index${e}`)];
    return [...new Set(candidates.filter((c) => SCRIPT_FILE.test(c)))];
  }
  if (language !== 'python') return [];
  const module = (dir: string, dotted: string) => {
    const path = dotted ? joinPath(dir, dotted.split('.').join('/')) : dir;
    return [`${path}.py`, `${path}/__init__.py`].filter((c) => !c.startsWith('.py'));
  };
  const relative = /^(\.+)(.*)$/.exec(specifier);
  if (relative) {
    let dir = folder;
    for (let up = 1; up < relative[1]!.length; up++) dir = dirname(dir);
    const dotted = relative[2]!;
    return dotted ? module(dir, dotted) : [`${dir}/__init__.py`];
  }
  if (!/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(specifier)) return [];
  const candidates: string[] = [];
  const top = root?.replace(/\/+$/, '');
  let dir = folder;
  // The file's own folder first (a script run from there), then each folder up to the root.
  for (let level = 0; level < 8; level++) {
    candidates.push(...module(dir, specifier));
    if (top === undefined ? level >= 3 : dir === top || !dir.startsWith(`${top}/`)) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return candidates;
}

/** A copy of a value whose ranges say they lie in `file` (ranges that already name a file keep it). */
export function stampValue(value: Value, file: string): Value {
  const range = (r: Range): Range => (r.file === undefined ? { ...r, file } : r);
  const entryOf = (e: Entry): Entry => ({ key: e.key, keyRange: range(e.keyRange), value: stampValue(e.value, file), range: range(e.range) });
  switch (value.kind) {
    case 'object':
      return { ...value, entries: value.entries.map(entryOf), range: range(value.range) };
    case 'array':
    case 'tuple':
      return { ...value, items: value.items.map((i) => stampValue(i, file)), range: range(value.range) };
    default:
      return { ...value, range: range(value.range) };
  }
}

/** What a module graph needs from its host: reading the files of the project, and parsing. */
export interface ModuleHost {
  /**
   * The text of a file of the project, or undefined when there is none at that path (or it is too
   * large, excluded, or the run was cancelled). Called for the candidate paths of each import.
   */
  read(file: string): Promise<string | undefined>;
  /**
   * Parses `text` and extracts its calls with `options`; `prepare` is called with the file's imports
   * once it is parsed and before its values are read, and returns the values of the imported names.
   */
  extract(file: string, text: string, options: ExtractOptions, prepare: (imports: readonly ModuleImport[]) => Promise<ImportedValues | undefined>): Promise<Extraction>;
  /** The project root of a file (the walked folder, the workspace folder): Python's dotted imports are not looked for above it. */
  root?(file: string): string | undefined;
}

export interface GraphLimits {
  /** How many imports deep a chain is followed (the file validated is depth 0). */
  readonly depth: number;
  /** How many files besides those validated may be read for their exports. */
  readonly files: number;
}

interface Loaded {
  readonly file: string;
  readonly extraction: Extraction;
}

const EMPTY_MODULE_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The modules of one run (the CLI's walk, a Validate Workspace run, one editor validation): each
 * file read and parsed at most once; the texts kept for fixes in the files that define values.
 */
export class ModuleGraph {
  private readonly loaded = new Map<string, Promise<Loaded | undefined>>();
  /** Files whose extraction is under way: an import of one of them is a cycle and is not followed. */
  private readonly active = new Set<string>();
  private readonly stamped = new Map<string, Value | undefined>();
  private readonly texts = new Map<string, string>();
  /** Modules whose extraction is done, for the synchronous look-up of re-exported names. */
  private readonly done = new Map<string, Loaded>();
  /** Files read while a bound or a cycle left some of their imports unfollowed: validated on their own, they are read again. */
  private readonly partial = new Set<string>();
  private imported = 0;

  constructor(private readonly host: ModuleHost, private readonly limits: GraphLimits = { depth: 4, files: 5000 }) {}

  /** The texts read so far, by file: what fixes in another file than the one validated need. */
  get sources(): ReadonlyMap<string, string> {
    return this.texts;
  }

  /** The extraction of a file validated in this run (`text` is its content, e.g. an editor's unsaved document). */
  async extract(file: string, text: string): Promise<Extraction> {
    const cached = this.loaded.get(file);
    const done = cached ? await cached : undefined;
    if (done && this.texts.get(file) === text && !this.partial.has(file)) return done.extraction;
    this.partial.delete(file);
    const promise = this.parse(file, text, 0);
    this.loaded.set(file, promise.then((extraction) => ({ file, extraction }), () => undefined));
    const extraction = await promise;
    this.done.set(file, { file, extraction });
    return extraction;
  }

  private async parse(file: string, text: string, depth: number): Promise<Extraction> {
    this.texts.set(file, text);
    this.active.add(file);
    try {
      return await this.host.extract(file, text, { module: true }, (imports) => this.valuesFor(file, imports, depth));
    } finally {
      this.active.delete(file);
    }
  }

  /** A module imported at `depth`: read and parsed once; undefined past the bounds, in a cycle, or when it cannot be read. */
  private async module(file: string, depth: number, importer: string): Promise<Loaded | undefined> {
    if (this.active.has(file)) {
      this.partial.add(importer);
      return undefined;
    }
    const cached = this.loaded.get(file);
    if (cached) return cached;
    if (depth > this.limits.depth || this.imported >= this.limits.files) {
      this.partial.add(importer);
      return undefined;
    }
    const promise = (async (): Promise<Loaded | undefined> => {
      const text = await this.host.read(file);
      if (text === undefined) return undefined;
      this.imported++;
      try {
        const loaded = { file, extraction: await this.parse(file, text, depth) };
        this.done.set(file, loaded);
        return loaded;
      } catch {
        // A module that cannot be read (nested too deeply, a parser failure) leaves its names unknown.
        return undefined;
      }
    })();
    this.loaded.set(file, promise);
    return promise;
  }

  /** The first candidate of a specifier that is a file of the project. */
  private async resolve(from: string, specifier: string, depth: number, root?: string): Promise<Loaded | undefined> {
    for (const candidate of moduleCandidates(from, specifier, root)) {
      if (candidate === from) continue;
      const found = await this.module(candidate, depth, from);
      if (found) return found;
      if (this.active.has(candidate)) return undefined;
    }
    return undefined;
  }

  private async valuesFor(file: string, imports: readonly ModuleImport[], depth: number): Promise<ImportedValues | undefined> {
    const targets = new Map<ModuleImport, Loaded>();
    // Relative imports first: they are files of the project; a dotted Python import may be a package, and a host may bound its lookups.
    const ordered = [...imports].sort((a, b) => Number(!a.specifier.startsWith('.')) - Number(!b.specifier.startsWith('.')));
    for (const entry of ordered) {
      // Python `from app import config`: the submodule app/config.py first, else the name in app/__init__.py.
      // (Names with capitals are constants, not modules: `from .config import MODEL_NAME` is not probed as a submodule.)
      if (moduleLanguage(file) === 'python' && /^[a-z_][a-z0-9_]*$/.test(entry.name)) {
        const submodule = await this.resolve(file, entry.specifier.endsWith('.') ? `${entry.specifier}${entry.name}` : `${entry.specifier}.${entry.name}`, depth + 1, this.rootOf(file));
        if (submodule) {
          targets.set({ ...entry, name: '*' }, submodule);
          continue;
        }
      }
      const target = await this.resolve(file, entry.specifier, depth + 1, this.rootOf(file));
      if (target) targets.set(entry, target);
    }
    if (targets.size === 0) return undefined;
    const byLocal = new Map<string, { entry: ModuleImport; target: Loaded }>();
    const wildcards: Loaded[] = [];
    for (const [entry, target] of targets) {
      // `from .config import *` brings the names in; TS/JS `export * from` only passes them on.
      if (entry.local === '*') {
        if (moduleLanguage(file) === 'python') wildcards.push(target);
      }
      else if (!byLocal.has(entry.local)) byLocal.set(entry.local, { entry, target });
    }
    return (local) => {
      const found = byLocal.get(local);
      if (found) return this.exported(found.target, found.entry.name, new Set());
      for (const target of wildcards) {
        const value = this.exported(target, local, new Set());
        if (value) return value;
      }
      return undefined;
    };
  }

  private rootOf(file: string): string | undefined {
    return this.host.root?.(file);
  }

  /** A name a loaded module exports (`*`: the module as an object of its exports), stamped with its file. */
  private exported(module: Loaded, name: string, seen: Set<string>): Value | undefined {
    const key = `${module.file}\u0000${name}`;
    if (this.stamped.has(key)) return this.stamped.get(key);
    if (seen.has(key)) return undefined;
    seen.add(key);
    const value = this.lookup(module, name, seen);
    this.stamped.set(key, value);
    return value;
  }

  private lookup(module: Loaded, name: string, seen: Set<string>): Value | undefined {
    const face = module.extraction.module;
    if (!face) return undefined;
    if (name === '*') {
      const entries: Entry[] = face.exports.map((b: ModuleBinding) => ({ key: b.name, keyRange: { ...b.nameRange, file: module.file }, value: stampValue(b.value, module.file), range: { ...b.nameRange, file: module.file } }));
      // Names the module passes on (`from .config import MODEL` in a package's __init__.py, `export { X } from`).
      for (const entry of face.imports) {
        if (!entry.reexported || entry.local === '*' || entries.some((e) => e.key === entry.local)) continue;
        const value = this.exported(module, entry.local, seen);
        if (value) entries.push({ key: entry.local, keyRange: value.range, value, range: value.range });
      }
      return { kind: 'object', entries, range: { ...EMPTY_MODULE_RANGE, file: module.file }, open: true };
    }
    const own = face.exports.find((b) => b.name === name);
    if (own) return stampValue(own.value, module.file);
    // A name the module itself imports (Python re-exports every imported name; TS/JS `export * from`).
    for (const entry of face.imports) {
      if (!entry.reexported || (entry.local !== name && entry.local !== '*')) continue;
      for (const candidate of moduleCandidates(module.file, entry.specifier, this.rootOf(module.file))) {
        const target = this.done.get(candidate);
        if (!target) continue;
        const value = this.exported(target, entry.local === '*' ? name : entry.name, seen);
        if (value) return value;
      }
    }
    return undefined;
  }
}
