/**
 * Tree-sitter through @vscode/tree-sitter-wasm, loaded on first use: the runtime and each grammar
 * once per process. In the package the files sit in dist/wasm (esbuild.js copies them); compiled for
 * tests they are read from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractCalls, moduleImports, type CallLanguage } from '../core/calls/extract';
import type { ExtractOptions, Extraction, ImportedValues, ModuleImport, SyntaxNode } from '../core/calls/types';

type TreeSitter = typeof import('@vscode/tree-sitter-wasm');
type Language = InstanceType<TreeSitter['Language']>;
type TreeNode = InstanceType<TreeSitter['Node']>;

/** What the nodes of one parsed file share: its text, the grammar's field ids, where its lines break. */
class Source {
  private readonly fieldIds = new Map<string, number>();
  private newlines: number[] | undefined;

  constructor(readonly text: string, private readonly language: Language) {}

  fieldId(name: string): number {
    let id = this.fieldIds.get(name);
    if (id === undefined) {
      id = this.language.fields.indexOf(name);
      this.fieldIds.set(name, id);
    }
    return id;
  }

  /** How many line breaks come before `index`. */
  breaksBefore(index: number): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) this.newlines.push(at);
    }
    let low = 0;
    let high = this.newlines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.newlines[middle]! < index) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * A tree-sitter node that reads its type and end from the wasm side once and the rest from the text:
 * every read through the tree-sitter API crosses into wasm (and a node or point read allocates), and
 * the extractors read a node's type, text and range several times. Tree-sitter's indexes and
 * columns count UTF-16 code units, as JavaScript strings do, and its rows count `\n` only. Children
 * are not kept: holding them would keep every node read alive for the whole extraction.
 */
class CachedNode implements SyntaxNode {
  readonly startIndex: number;
  readonly startPosition: { readonly row: number; readonly column: number };
  private typeName: string | undefined;
  private end = -1;

  constructor(private readonly node: TreeNode, private readonly source: Source, private up?: CachedNode | null) {
    this.startIndex = node.startIndex;
    this.startPosition = node.startPosition;
  }

  get type(): string {
    return (this.typeName ??= this.node.type);
  }

  get endIndex(): number {
    if (this.end < 0) this.end = this.node.endIndex;
    return this.end;
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get endPosition(): { readonly row: number; readonly column: number } {
    const end = this.endIndex;
    const text = this.source.text;
    const newline = text.indexOf('\n', this.startIndex);
    // On the start's line, columns count from the start (tree-sitter's own column there).
    if (newline === -1 || newline >= end) return { row: this.startPosition.row, column: this.startPosition.column + end - this.startIndex };
    return { row: this.startPosition.row + this.source.breaksBefore(end) - this.source.breaksBefore(this.startIndex), column: end - text.lastIndexOf('\n', end - 1) - 1 };
  }

  get namedChildren(): readonly CachedNode[] {
    const children: CachedNode[] = [];
    for (const child of this.node.namedChildren) if (child) children.push(new CachedNode(child, this.source, this));
    return children;
  }

  get parent(): CachedNode | null {
    if (this.up === undefined) {
      const parent = this.node.parent;
      this.up = parent ? new CachedNode(parent, this.source) : null;
    }
    return this.up;
  }

  childForFieldName(name: string): CachedNode | null {
    const id = this.source.fieldId(name);
    const child = id > 0 ? this.node.childForFieldId(id) : null;
    return child ? new CachedNode(child, this.source, this) : null;
  }

  descendantForIndex(index: number): CachedNode | null {
    const found = this.node.descendantForIndex(index);
    return found ? new CachedNode(found, this.source) : null;
  }

  descendantsOfType(types: string | string[]): readonly CachedNode[] {
    const found: CachedNode[] = [];
    for (const node of this.node.descendantsOfType(types)) if (node) found.push(new CachedNode(node, this.source));
    return found;
  }
}

function wasmDir(): string {
  const bundled = path.join(__dirname, 'wasm');
  if (existsSync(path.join(bundled, 'tree-sitter.js'))) return bundled;
  // A computed name keeps esbuild from resolving it at build time.
  const name = ['@vscode', 'tree-sitter-wasm', 'package.json'].join('/');
  return path.join(path.dirname(require.resolve(name)), 'wasm');
}

/** Parsers for the languages of Gemini calls; one per process is enough. */
export class CallParser {
  private runtime: Promise<TreeSitter> | undefined;
  private readonly languages = new Map<string, Promise<Language>>();

  private load(): Promise<TreeSitter> {
    this.runtime ??= (async () => {
      const dir = wasmDir();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const treeSitter = require(path.join(dir, 'tree-sitter.js')) as TreeSitter;
      await treeSitter.Parser.init({ locateFile: (file: string) => path.join(dir, file) });
      return treeSitter;
    })();
    return this.runtime;
  }

  private grammar(name: string): Promise<Language> {
    let language = this.languages.get(name);
    if (!language) {
      // The C# grammar's file is tree-sitter-c-sharp.wasm.
      const file = name === 'csharp' ? 'c-sharp' : name;
      language = this.load().then((ts) => ts.Language.load(readFileSync(path.join(wasmDir(), `tree-sitter-${file}.wasm`))));
      this.languages.set(name, language);
    }
    return language;
  }

  /**
   * Extracts the Gemini calls of a file's text. With `prepare`, the file's imports are handed to it
   * once the text is parsed, and the values it returns are what imported names resolve to.
   */
  async extract(language: CallLanguage, text: string, options: ExtractOptions = {}, prepare?: (imports: readonly ModuleImport[]) => Promise<ImportedValues | undefined>): Promise<Extraction> {
    if (language === 'json') return extractCalls('json', undefined, text);
    const ts = await this.load();
    const grammar = await this.grammar(language);
    const parser = new ts.Parser();
    try {
      parser.setLanguage(grammar);
      const tree = parser.parse(text);
      if (!tree) return { calls: [], modelLiterals: [], problems: [] };
      try {
        const root: SyntaxNode = new CachedNode(tree.rootNode, new Source(text, grammar), null);
        const imports = prepare ? moduleImports(language, root) : [];
        const imported = imports.length > 0 ? await prepare!(imports) : undefined;
        return extractCalls(language, root, text, imported ? { ...options, imports: imported } : options);
      } finally {
        tree.delete();
      }
    } finally {
      parser.delete();
    }
  }

  /** Parses only (for the benchmark beside extraction). */
  async parseOnly(language: Exclude<CallLanguage, 'json'>, text: string): Promise<void> {
    const ts = await this.load();
    const parser = new ts.Parser();
    parser.setLanguage(await this.grammar(language));
    parser.parse(text)?.delete();
    parser.delete();
  }
}
