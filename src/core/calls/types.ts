/** Shapes of call extraction and validation. */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
  /** The file the range lies in, when it is not the file being validated (a value imported from another module of the project). */
  readonly file?: string;
}

/**
 * What the extractors read of a syntax tree. A tree-sitter node fits it as it is; the core never
 * imports tree-sitter, the service that parses hands its nodes in.
 */
export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly startPosition: { readonly row: number; readonly column: number };
  readonly endPosition: { readonly row: number; readonly column: number };
  readonly startIndex: number;
  readonly endIndex: number;
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly parent: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  descendantForIndex(index: number): SyntaxNode | null;
  descendantsOfType(types: string | string[]): readonly (SyntaxNode | null)[];
}

/** A value as written in the source, resolved as far as the file allows; `unknown` is never guessed. */
export type Value =
  | { readonly kind: 'string'; readonly value: string; readonly range: Range }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly range: Range }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly range: Range }
  | { readonly kind: 'null'; readonly range: Range }
  | { readonly kind: 'object'; readonly entries: readonly Entry[]; readonly range: Range; readonly open: boolean }
  | { readonly kind: 'array'; readonly items: readonly Value[]; readonly range: Range }
  | { readonly kind: 'tuple'; readonly items: readonly Value[]; readonly range: Range; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string; readonly range: Range; readonly generated?: GeneratedSchema };

/** A JSON-Schema keyword a schema generator emits for a schema whose source is in the file. */
export interface GeneratedKeyword {
  readonly keyword: string;
  /** What in the source makes the generator emit it (`notes: dict[str, int]`, `extra="forbid"`, the default target). */
  readonly why: string;
  /** False where it depends on the generator's version or options the file does not show. */
  readonly certain: boolean;
}

/** A schema built by a generator (pydantic, zod) from a source in the same file: the keywords it emits. */
export interface GeneratedSchema {
  /** `pydantic`, `zod-to-json-schema`, `z.toJSONSchema`. */
  readonly generator: string;
  readonly keywords: readonly GeneratedKeyword[];
}

export interface Entry {
  /** The key as written (`max_output_tokens`, `MaxOutputTokens`, `maxOutputTokens`). */
  readonly key: string;
  readonly keyRange: Range;
  readonly value: Value;
  /** The whole entry (`key: value`), for quick fixes that move it. */
  readonly range: Range;
}

export type Api = 'config' | 'openai-compat' | 'langchain' | 'genai' | 'legacy-js' | 'python-genai' | 'legacy-python' | 'go' | 'rest' | 'curl' | 'java-genai' | 'java-vertex' | 'csharp-genai' | 'csharp-mscc' | 'csharp-vertex';

export interface GeminiCall {
  readonly api: Api;
  readonly language: string;
  /** `generateContent`, `generateContentStream`, `countTokens`, `embedContent`, `chats.create`. */
  readonly method: string;
  readonly range: Range;
  readonly model?: Value;
  /** From the client (`apiVersion`, `http_options`) or the URL (`/v1beta/`). */
  readonly apiVersion?: string;
  /** The generation config as an object: the `config` / `generationConfig` / `GenerateContentConfig{...}`. */
  readonly config?: Value & { readonly kind: 'object' };
  readonly safetySettings?: Value;
  /** @google/genai fields placed beside `config` instead of inside it. */
  readonly misplaced: readonly Entry[];
  /** The object the misplaced fields sit in (the request), for the quick fix; for REST, the request body. */
  readonly request?: Value & { readonly kind: 'object' };
  /** What is embedded or sent (`contents`, a batch's `requests`), when rules need its size. */
  readonly contents?: Value;
}

/** How a client is built (`genai.Client(api_key=…, vertexai=True)`), for rules on its options. */
export interface ClientOptions {
  readonly range: Range;
  readonly apiKey?: Value;
  readonly vertexai?: Value;
  readonly project?: Value;
  readonly location?: Value;
  /** The language of the SDK, where its clients differ (Go accepts a key with project/location on Vertex AI). */
  readonly language?: string;
}

/** Problems found while reading the file itself (a JSON body the API cannot parse, an SDK mix-up). */
export interface FileProblem {
  readonly ruleId: string;
  /** The rule's own severity when absent. */
  readonly severity?: 'error' | 'warning' | 'info';
  readonly range: Range;
  readonly message: string;
}

export interface Extraction {
  readonly calls: readonly GeminiCall[];
  /** String literals naming a Gemini model anywhere in the code (not comments), outside recognized calls too. */
  readonly modelLiterals: readonly (Value & { readonly kind: 'string' })[];
  readonly problems: readonly FileProblem[];
  /** The clients the file builds, where their options are visible. */
  readonly clients?: readonly ClientOptions[];
  /** The context caches the file creates (`caches.create`, a REST `cachedContents` body). */
  readonly caches?: readonly CacheCreation[];
  /** What other files of the project can import from this one, and what it imports (TS/JS and Python; read when asked for). */
  readonly module?: ModuleInterface;
}

/** A context cache created in the file, for the quick fix that moves request settings into it. */
export interface CacheCreation {
  readonly range: Range;
  /** The variable the created cache is assigned to (`cache = client.caches.create(…)`). */
  readonly variable?: string;
  /** Its config as written (contents, systemInstruction, ttl…); for REST, the request body. */
  readonly config?: Value & { readonly kind: 'object' };
}

/**
 * A name a file takes from another module: `import { MODEL } from './config'` (name `MODEL`),
 * `import * as cfg from './config'` and `import config` (name `*`, the module itself),
 * `import settings from './settings'` (name `default`), `from .config import MODEL_NAME`.
 */
export interface ModuleImport {
  /** The name in the importing file: `MODEL`, `cfg`, dotted for `import app.config` (`app.config`), `*` for `from x import *` / `export * from`. */
  readonly local: string;
  /** As written: `./config`, `../config.js`, `.config`, `..settings`, `app.config`. */
  readonly specifier: string;
  /** The exported name, `*` for the module itself, `default` for a default export. */
  readonly name: string;
  /** The importing module passes the name on (`export { X } from './x'`, `export * from`; in Python every imported name). */
  readonly reexported?: boolean;
}

/** A module-level binding another file can import: its name, where the name is written, and its value. */
export interface ModuleBinding {
  readonly name: string;
  readonly nameRange: Range;
  readonly value: Value;
}

export interface ModuleInterface {
  /** Exported constants (TS/JS: `export const`, `export { … }`, `export default`, CommonJS `module.exports`; Python: top-level names assigned once). */
  readonly exports: readonly ModuleBinding[];
  readonly imports: readonly ModuleImport[];
}

/** The values of names a file imports, looked up in the other files of the project (already stamped with their file). */
export type ImportedValues = (local: string) => Value | undefined;

/** What an extraction may be given: the values of imported names, and whether to report the module's interface. */
export interface ExtractOptions {
  readonly imports?: ImportedValues;
  readonly module?: boolean;
}

/** A file beyond what extraction reads safely (JSON nested thousands deep): the file is skipped, with this reason. */
export class ExtractionLimitError extends Error {
  override readonly name = 'ExtractionLimitError';
}
