/** Gemini calls in Python: google-genai (`client.models.generate_content`) and google-generativeai / Vertex (`GenerativeModel`). */
import { memo, MODEL_ID } from './extractScript';
import { openAiBaseUrl, openAiCall, urlCall, wrapperCall } from './forms';
import { assignedName } from './cachedContent';
import { pydanticModelName, pydanticModels } from './generatedSchemas';
import { settingsCalls, type Binding } from './settings';
import { calleeText, entry, field, lastSegment, MODEL_OR_URL, named, negated, numberLiteral, rangeOf, stringsMatching, unknown, NameTable } from './values';
import type { CacheCreation, ClientOptions, Entry, ExtractOptions, Extraction, FileProblem, GeminiCall, GeneratedSchema, ImportedValues, ModuleBinding, ModuleImport, SyntaxNode, Value } from './types';

/** Constructors whose keyword arguments are a config object. */
const CONFIG_CLASSES = new Set(['GenerateContentConfig', 'GenerationConfig', 'ThinkingConfig', 'HttpOptions', 'SafetySetting', 'dict', 'EmbedContentConfig', 'CountTokensConfig',
  'Tool', 'FunctionDeclaration', 'Schema', 'ToolConfig', 'FunctionCallingConfig', 'CreateCachedContentConfig']);

function pythonString(node: SyntaxNode): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = named(node).map(pythonString);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  const children = named(node);
  if (children.some((c) => c.type === 'interpolation')) return undefined;
  return children.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

class PythonReader {
  /** Names bound once in the file → their value's node (`null`: bound more than once); built on the first lookup. */
  private readonly assignments = new NameTable((assignments) => {
    for (const node of this.nodes) {
      const left = node?.childForFieldName('left');
      const right = node?.childForFieldName('right');
      if (!left || (left.type !== 'identifier' && left.type !== 'attribute') || !right) continue;
      // A name assigned more than once is not a constant; `self.model = …` is read as `self.model`.
      assignments.set(left.text, assignments.has(left.text) ? null : right);
    }
  });

  /** The assignments are read when the first name is looked up: many files never look one up. */
  constructor(private readonly nodes: readonly SyntaxNode[], private readonly models = new Map<string, GeneratedSchema>(), private readonly imported?: ImportedValues) {}

  private resolve(name: string, at: SyntaxNode, depth: number): Value | undefined {
    for (let node = at.parent; node; node = node.parent) {
      if (node.type !== 'function_definition' && node.type !== 'lambda') continue;
      const parameters = node.childForFieldName('parameters');
      for (const parameter of parameters ? named(parameters) : []) {
        if ((parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') && parameter.childForFieldName('name')?.text === name) {
          const value = parameter.childForFieldName('value');
          return value ? this.value(value, depth + 1) : undefined;
        }
      }
    }
    const assigned = this.assignments.get(name);
    if (assigned) return this.value(assigned, depth + 1);
    // Not assigned here: a name imported from another file of the project.
    return assigned === null ? undefined : this.imported?.(name);
  }

  /** Assigned exactly once in the file (anywhere): a value other modules may trust. */
  assignedOnce(name: string): boolean {
    return !!this.assignments.get(name);
  }

  /** Keyword arguments of a call as entries; positional ones in order. */
  argumentsOf(call: SyntaxNode, depth = 0): { positional: Value[]; keywords: Entry[]; open: boolean } {
    const list = call.childForFieldName('arguments');
    const positional: Value[] = [];
    const keywords: Entry[] = [];
    let open = false;
    for (const argument of list ? named(list) : []) {
      if (argument.type === 'keyword_argument') {
        const name = argument.childForFieldName('name');
        const value = argument.childForFieldName('value');
        // The prompt is never checked: read only as far as its size.
        if (name && value) keywords.push(entry(name.text, name, name.text === 'contents' ? this.shallow(value) : this.value(value, depth + 1), argument));
      } else if (argument.type === 'dictionary_splat' || argument.type === 'list_splat') open = true;
      else positional.push(this.value(argument, depth + 1));
    }
    return { positional, keywords, open };
  }

  /** A pydantic model of the file where a schema goes (`Recipe`, `list[Recipe]`, `Recipe.model_json_schema()`), with what it emits. */
  private generated(node: SyntaxNode): Value | undefined {
    const name = node.endIndex - node.startIndex < 200 ? pydanticModelName(node.text) : undefined;
    const schema = name ? this.models.get(name) : undefined;
    return schema && schema.keywords.length > 0 ? { kind: 'unknown', text: node.text, range: rangeOf(node), generated: schema } : undefined;
  }

  private shallow(node: SyntaxNode): Value {
    if (node.type !== 'list') return unknown(node);
    return { kind: 'array', items: named(node).map((item) => ({ kind: 'unknown', text: '', range: rangeOf(item) })), range: rangeOf(node) };
  }

  value(node: SyntaxNode, depth = 0): Value {
    if (depth > 8) return unknown(node);
    const range = rangeOf(node);
    const text = pythonString(node);
    if (text !== undefined) return { kind: 'string', value: text, range };
    switch (node.type) {
      case 'integer':
      case 'float':
        return numberLiteral(node);
      case 'unary_operator': {
        const argument = node.childForFieldName('argument');
        return negated(node, argument ? this.value(argument, depth + 1) : undefined);
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', range };
      case 'none':
        return { kind: 'null', range };
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.value(inner, depth + 1) : unknown(node);
      }
      case 'list':
      case 'set':
        return { kind: 'array', items: named(node).map((n) => this.value(n, depth + 1)), range };
      case 'tuple':
      case 'expression_list':
        return { kind: 'tuple', items: named(node).map((n) => this.value(n, depth + 1)), range, text: node.text };
      case 'dictionary': {
        const entries: Entry[] = [];
        let open = false;
        for (const pair of named(node)) {
          const key = pair.childForFieldName('key');
          const value = pair.childForFieldName('value');
          const name = key ? pythonString(key) : undefined;
          if (pair.type !== 'pair' || !key || !value || name === undefined) open = true;
          else entries.push(entry(name, key, this.value(value, depth + 1), pair));
        }
        return { kind: 'object', entries, range, open };
      }
      case 'call': {
        const callee = lastSegment(calleeText(node.childForFieldName('function')));
        if (!CONFIG_CLASSES.has(callee)) return this.generated(node) ?? unknown(node);
        const { keywords, open } = this.argumentsOf(node, depth);
        return { kind: 'object', entries: keywords, range, open };
      }
      case 'identifier':
        return this.resolve(node.text, node, depth) ?? this.generated(node) ?? unknown(node);
      case 'subscript':
        return this.generated(node) ?? unknown(node);
      case 'attribute': {
        // `self.model`: set once in the class (`self.model = …`), or a class attribute (`MODEL = …`).
        const assigned = this.assignments.get(node.text) ?? (/^(?:self|cls)\.\w+$/.test(node.text) ? this.assignments.get(node.text.replace(/^\w+\./, '')) : undefined);
        if (assigned) return this.value(assigned, depth + 1);
        // `config.MODEL_NAME` of an imported module (`import config`, `from app import config`, `import app.config as cfg`).
        const object = node.childForFieldName('object');
        const module = object && !this.assignments.has(object.text) ? this.imported?.(object.text) : undefined;
        const attribute = node.childForFieldName('attribute')?.text;
        const found = module?.kind === 'object' && attribute ? module.entries.find((e) => e.key === attribute) : undefined;
        return found ? found.value : unknown(node);
      }
      default:
        return unknown(node);
    }
  }
}

const GENAI = /(?:^|\.)models\.(generate_content|generate_content_stream|count_tokens|embed_content)$/;
const CHATS = /(?:^|\.)chats\.create$/;
const LEGACY = /(?:^|\.)GenerativeModel$/;
const CLIENT = /(?:^|\.)Client$/;
const LIVE = /(?:^|\.)live\.connect$/;
const CACHES_CREATE = /(?:^|\.)caches\.create$/;
const INTERACTIONS = /(?:^|\.)interactions\.create$/;
const OPENAI_CLIENT = /(?:^|\.)(?:Async)?OpenAI$/;
const OPENAI_CREATE = /(?:^|\.)chat\.completions\.(?:create|parse)$/;
/** Wrappers that take the model and the settings as keyword arguments (LangChain, LlamaIndex, Vertex AI). */
const WRAPPERS = /(?:^|\.)(?:ChatGoogleGenerativeAI|GoogleGenerativeAI|ChatVertexAI|VertexAI|GoogleGenAI|Gemini|GeminiModel)$/;
const METHODS: Record<string, string> = { generate_content: 'generateContent', generate_content_stream: 'generateContentStream', count_tokens: 'countTokens', embed_content: 'embedContent' };
const REQUEST_FIELDS = new Set(['model', 'contents', 'config', 'history', 'content']);
const SNAKE_CONFIG_FIELDS = new Set(['temperature', 'top_p', 'top_k', 'candidate_count', 'max_output_tokens', 'stop_sequences', 'response_mime_type', 'response_schema',
  'safety_settings', 'thinking_config', 'system_instruction', 'tools', 'generation_config']);

const STRING_TYPES = new Set(['string']);

export function extractPython(root: SyntaxNode, text: string, options: ExtractOptions = {}): Extraction {
  // One walk of the tree for every node type read.
  const byType = new Map<string, SyntaxNode[]>();
  for (const node of root.descendantsOfType(['assignment', 'import_from_statement', 'call', 'class_definition'])) {
    if (!node) continue;
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  const nodes = (type: string) => byType.get(type) ?? [];
  const reader = new PythonReader(nodes('assignment'), pydanticModels(nodes('class_definition')), options.imports);
  const calls: GeminiCall[] = [];
  const problems: FileProblem[] = [];
  const clients: ClientOptions[] = [];
  const caches: CacheCreation[] = [];
  let apiVersion: string | undefined;
  const newSdk = nodes('import_from_statement').some((node) => /^from\s+google\s+import\s+.*\bgenai\b/.test(node.text));
  const genaiClientImport = nodes('import_from_statement').some((node) => /^from\s+google\.genai\s+import\s+.*\bClient\b/.test(node.text));
  const allCalls = nodes('call');
  const openAiCalls: SyntaxNode[] = [];
  let compat = false;
  for (const node of allCalls) {
    const callee = calleeText(node.childForFieldName('function'));
    if (OPENAI_CLIENT.test(callee)) {
      const base = openAiBaseUrl(reader.argumentsOf(node).keywords.find((k) => k.key === 'base_url')?.value);
      compat ||= base.gemini;
      if (base.problem) problems.push(base.problem);
      continue;
    }
    if (OPENAI_CREATE.test(callee)) {
      openAiCalls.push(node);
      continue;
    }
    if (CACHES_CREATE.test(callee)) {
      const config = reader.argumentsOf(node).keywords.find((k) => k.key === 'config')?.value;
      caches.push({ range: rangeOf(node), variable: assignedName(node), ...(config?.kind === 'object' ? { config } : {}) });
      continue;
    }
    if (LIVE.test(callee) || INTERACTIONS.test(callee)) {
      const { keywords } = reader.argumentsOf(node);
      const model = keywords.find((k) => k.key === 'model')?.value;
      const config = keywords.find((k) => k.key === 'config' || k.key === 'generation_config')?.value;
      calls.push({
        api: 'python-genai', language: 'python', method: LIVE.test(callee) ? 'live.connect' : 'interactions.create', range: rangeOf(node),
        ...(model ? { model } : {}), ...(config?.kind === 'object' ? { config } : {}), misplaced: [],
      });
      continue;
    }
    if (WRAPPERS.test(callee)) {
      const wrapped = wrapperCall('python', rangeOf(node), reader.argumentsOf(node).keywords);
      if (wrapped) {
        calls.push(wrapped);
        continue;
      }
    }
    if (CLIENT.test(callee)) {
      const { keywords } = reader.argumentsOf(node);
      const option = (name: string) => keywords.find((k) => k.key === name)?.value;
      // Other libraries have a Client(api_key=…, project=…) too: only google-genai's is read for its options.
      if (/(?:^|\.)genai\.Client$/.test(callee) || (callee === 'Client' && genaiClientImport)) clients.push({ range: rangeOf(node), apiKey: option('api_key'), vertexai: option('vertexai'), project: option('project'), location: option('location') });
      const options = option('http_options');
      const version = field(options, 'apiVersion')?.value;
      if (version?.kind === 'string') apiVersion = version.value;
      continue;
    }
    const genai = GENAI.exec(callee);
    if (genai || CHATS.test(callee)) {
      const { keywords } = reader.argumentsOf(node);
      const model = keywords.find((k) => k.key === 'model')?.value;
      const config = keywords.find((k) => k.key === 'config')?.value;
      const contents = keywords.find((k) => k.key === 'contents')?.value;
      calls.push({
        api: 'python-genai', language: 'python', method: genai ? METHODS[genai[1]!]! : 'chats.create', range: rangeOf(node),
        ...(contents ? { contents } : {}),
        ...(model ? { model } : {}),
        ...(apiVersion ? { apiVersion } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(field(config, 'safetySettings') ? { safetySettings: field(config, 'safetySettings')!.value } : {}),
        misplaced: keywords.filter((k) => SNAKE_CONFIG_FIELDS.has(k.key) && !REQUEST_FIELDS.has(k.key)),
      });
    } else if (LEGACY.test(callee)) {
      if (newSdk && /^genai\./.test(callee)) {
        problems.push({ ruleId: 'sdk-mismatch', range: rangeOf(node), message: 'google.genai has no GenerativeModel: that is the legacy google.generativeai SDK. With `from google import genai`, call client.models.generate_content(model=..., config=...).' });
      }
      const { positional, keywords } = reader.argumentsOf(node);
      const model = keywords.find((k) => k.key === 'model_name' || k.key === 'model')?.value ?? positional[0];
      const config = keywords.find((k) => k.key === 'generation_config')?.value;
      const safety = keywords.find((k) => k.key === 'safety_settings')?.value;
      calls.push({
        api: 'legacy-python', language: 'python', method: 'generateContent', range: rangeOf(node),
        ...(model ? { model } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(safety ? { safetySettings: safety } : {}),
        misplaced: [],
      });
    } else if (newSdk && callee === 'genai.configure') {
      problems.push({ ruleId: 'sdk-mismatch', range: rangeOf(node), message: 'google.genai has no configure(): that is the legacy google.generativeai SDK. With `from google import genai`, create genai.Client(api_key=...).' });
    }
  }
  // The openai SDK is a Gemini call only on Gemini's endpoint.
  if (compat) for (const node of openAiCalls) calls.push(openAiCall('python', rangeOf(node), reader.argumentsOf(node).keywords, problems));
  const strings = stringsMatching(root, text, MODEL_OR_URL, STRING_TYPES);
  for (const node of strings) {
    const content = named(node).find((c) => c.type === 'string_content');
    if (!content || !content.text.includes('googleapis.com')) continue;
    const call = urlCall('python', content.text, rangeOf(content).start, rangeOf(node));
    if (call) calls.push(call);
  }
  // Module-level values are read once, for the settings and for the exports.
  const topValue = memo((node) => reader.value(node));
  if (calls.length === 0) calls.push(...settingsCalls(topLevel(root, { value: topValue }), 'python'));
  const modelLiterals = strings
    .filter((node) => MODEL_ID.test(node.text.replace(/^[a-zA-Z]*(['"]{1,3})|['"]{1,3}$/g, '')))
    .map((node) => reader.value(node))
    .filter((v): v is Value & { kind: 'string' } => v.kind === 'string' && MODEL_ID.test(v.value));
  return { calls, modelLiterals, problems, clients, caches, ...(options.module ? { module: { exports: pythonExports(root, reader, topValue), imports: pythonImports(root) } } : {}) };
}

/** `a.b` of a dotted name, or `..a.b` of a relative import. */
function moduleName(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

/**
 * What a module imports, at its top level: `from .config import MODEL as M`, `from . import config`,
 * `from app.settings import *`, `import config`, `import app.config as cfg`, `import app.config`.
 * Every imported name is also a name of the module others may import in turn.
 */
export function pythonImports(root: SyntaxNode): ModuleImport[] {
  const imports: ModuleImport[] = [];
  for (const statement of named(root)) {
    if (statement.type === 'import_from_statement') {
      const module = statement.childForFieldName('module_name');
      if (!module) continue;
      const specifier = moduleName(module);
      for (const part of named(statement)) {
        if (part === module || part.startIndex === module.startIndex) continue;
        if (part.type === 'wildcard_import') imports.push({ local: '*', specifier, name: '*', reexported: true });
        else if (part.type === 'dotted_name') imports.push({ local: part.text, specifier, name: part.text, reexported: true });
        else if (part.type === 'aliased_import') {
          const name = part.childForFieldName('name')?.text;
          const alias = part.childForFieldName('alias')?.text;
          if (name && alias) imports.push({ local: alias, specifier, name, reexported: true });
        }
      }
    } else if (statement.type === 'import_statement') {
      for (const part of named(statement)) {
        if (part.type === 'dotted_name') imports.push({ local: moduleName(part), specifier: moduleName(part), name: '*', reexported: true });
        else if (part.type === 'aliased_import') {
          const name = part.childForFieldName('name');
          const alias = part.childForFieldName('alias')?.text;
          if (name && alias) imports.push({ local: alias, specifier: moduleName(name), name: '*', reexported: true });
        }
      }
    }
  }
  return imports;
}

/** The names other modules can import: top-level names assigned once in the file (one re-bound anywhere is not trusted). */
function pythonExports(root: SyntaxNode, reader: PythonReader, topValue: (node: SyntaxNode) => Value): ModuleBinding[] {
  const exports: ModuleBinding[] = [];
  for (const statement of named(root)) {
    const assignment = statement.type === 'expression_statement' ? named(statement)[0] : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const right = assignment?.childForFieldName('right');
    if (left?.type === 'identifier' && right) exports.push({ name: left.text, nameRange: rangeOf(left), value: reader.assignedOnce(left.text) ? topValue(right) : unknown(right) });
  }
  return exports;
}

/** The module-level assignments of a file (`MODEL_ID = "…"`, `DEFAULT_PARAMS = {…}`). */
function topLevel(root: SyntaxNode, reader: { value(node: SyntaxNode): Value }): Binding[] {
  const bindings: Binding[] = [];
  for (const statement of named(root)) {
    const assignment = statement.type === 'expression_statement' ? named(statement)[0] : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const right = assignment?.childForFieldName('right');
    if (left?.type === 'identifier' && right) bindings.push({ name: left.text, value: reader.value(right) });
  }
  return bindings;
}
