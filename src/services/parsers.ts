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
        const root = tree.rootNode as unknown as SyntaxNode;
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
