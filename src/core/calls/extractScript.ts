/** Gemini calls in TypeScript and JavaScript: @google/genai and the legacy @google/generative-ai. */
import { openAiBaseUrl, openAiCall, urlCall, wrapperCall } from './forms';
import { assignedName } from './cachedContent';
import { zodSchema } from './generatedSchemas';
import { settingsCalls, type Binding } from './settings';
import { calleeText, entry, field, MODEL_ID, MODEL_OR_URL, named, negated, numberLiteral, rangeOf, stringsMatching, unknown, NameTable } from './values';
import type { CacheCreation, ClientOptions, Entry, ExtractOptions, Extraction, FileProblem, GeminiCall, ImportedValues, ModuleBinding, ModuleImport, SyntaxNode, Value } from './types';

/** Fields that belong inside `config` in @google/genai but are sometimes written beside it. */
export const CONFIG_FIELDS = new Set(['temperature', 'topP', 'topK', 'candidateCount', 'maxOutputTokens', 'stopSequences', 'presencePenalty', 'frequencyPenalty', 'seed',
  'responseMimeType', 'responseSchema', 'responseJsonSchema', 'responseLogprobs', 'logprobs', 'safetySettings', 'thinkingConfig', 'systemInstruction', 'tools', 'toolConfig',
  'cachedContent', 'responseModalities', 'speechConfig', 'generationConfig']);

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function', 'generator_function_declaration']);

function stringOf(node: SyntaxNode): string | undefined {
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && !named(node).some((n) => n.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

/** Request fields that hold the prompt, not settings. */
const CONTENT_FIELDS = new Set(['contents', 'history', 'parts']);

class ScriptReader {
  /** Names bound once in the file → their value's node (`null`: bound more than once); built on the first lookup. */
  private readonly constants = new NameTable((constants) => {
    for (const declarator of this.declarators) {
      const name = declarator?.childForFieldName('name');
      const value = declarator?.childForFieldName('value');
      // The keyword only: the text of the whole declaration would make many declarators quadratic.
      const parent = declarator?.parent;
      const kind = parent?.type === 'lexical_declaration' ? parent.childForFieldName('kind')?.type : undefined;
      if (!name || name.type !== 'identifier' || !value) continue;
      // Only `const` is a constant; a name declared twice is ambiguous.
      constants.set(name.text, kind === 'const' && !constants.has(name.text) ? value : null);
    }
  });

  /** The declarators are read when the first name is looked up: many files never look one up. */
  constructor(private readonly declarators: readonly SyntaxNode[], private readonly imported?: ImportedValues) {}

  private resolve(name: string, at: SyntaxNode, depth: number): Value | undefined {
    for (let node = at.parent; node; node = node.parent) {
      if (!FUNCTIONS.has(node.type)) continue;
      const parameters = node.childForFieldName('parameters');
      for (const parameter of parameters ? named(parameters) : []) {
        const pattern = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('left');
        const value = parameter.childForFieldName('value') ?? parameter.childForFieldName('right');
        if (pattern?.text === name) return value ? this.value(value, depth + 1) : undefined;
      }
    }
    const constant = this.constants.get(name);
    if (constant && !isRequire(constant)) return this.value(constant, depth + 1);
    // Not declared here (or `require`d): a name imported from another file of the project.
    return constant === null ? undefined : this.imported?.(name);
  }

  /** A name as the file binds it: a constant, or an imported name (for `export { X }`). */
  binding(name: string, at: SyntaxNode): Value | undefined {
    return this.resolve(name, at, 0);
  }

  /** The prompt, read only as far as its size: a list of unread items, or unknown. */
  private shallow(node: SyntaxNode): Value {
    if (node.type !== 'array') return unknown(node);
    return { kind: 'array', items: named(node).map((item) => ({ kind: 'unknown', text: '', range: rangeOf(item) })), range: rangeOf(node) };
  }

  value(node: SyntaxNode, depth = 0): Value {
    if (depth > 8) return unknown(node);
    const range = rangeOf(node);
    const text = stringOf(node);
    if (text !== undefined) return { kind: 'string', value: text, range };
    switch (node.type) {
      case 'number':
        return numberLiteral(node);
      case 'unary_expression': {
        const argument = node.childForFieldName('argument');
        return negated(node, argument ? this.value(argument, depth + 1) : undefined);
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', range };
      case 'null':
      case 'undefined':
        return { kind: 'null', range };
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression': {
        const inner = named(node)[0];
        return inner ? this.value(inner, depth + 1) : unknown(node);
      }
      case 'array':
        return { kind: 'array', items: named(node).map((n) => this.value(n, depth + 1)), range };
      case 'object': {
        const entries: Entry[] = [];
        let open = false;
        for (const child of named(node)) {
          if (child.type === 'pair') {
            const key = child.childForFieldName('key');
            const value = child.childForFieldName('value');
            if (!key || !value) continue;
            const name = stringOf(key) ?? (key.type === 'computed_property_name' ? undefined : key.text);
            if (name === undefined) open = true;
            // The prompt is never checked: not reading it keeps large requests cheap.
            else entries.push(entry(name, key, CONTENT_FIELDS.has(name) ? this.shallow(value) : this.value(value, depth + 1), child));
          } else if (child.type === 'shorthand_property_identifier') {
            entries.push(entry(child.text, child, this.resolve(child.text, child, depth) ?? unknown(child), child));
          } else {
            open = true; // spread, method: keys we cannot know
          }
        }
        return { kind: 'object', entries, range, open };
      }
      case 'identifier':
        return this.resolve(node.text, node, depth) ?? unknown(node);
      case 'call_expression': {
        // zodToJsonSchema(schema, options), z.toJSONSchema(schema): what the generator emits, where the schema is visible.
        const args = node.childForFieldName('arguments');
        const [schema, options] = args ? named(args) : [];
        const source = schema?.type === 'identifier' ? this.constants.get(schema.text) ?? schema : schema;
        const generated = zodSchema(calleeText(node.childForFieldName('function')), source ?? undefined, options ? this.value(options, depth + 1) : undefined);
        return generated && generated.keywords.length > 0 ? { kind: 'unknown', text: node.text, range, generated } : unknown(node);
      }
      case 'member_expression': {
        const object = node.childForFieldName('object');
        const property = node.childForFieldName('property');
        const base = object ? this.value(object, depth + 1) : undefined;
        const found = property && base ? field(base, property.text) : undefined;
        return found ? found.value : unknown(node);
      }
      default:
        return unknown(node);
    }
  }
}

const GENAI = /(?:^|\.)models\.(generateContent|generateContentStream|countTokens|embedContent|computeTokens)$/;
const CHATS = /(?:^|\.)chats\.create$/;
const LEGACY = /(?:^|\.)getGenerativeModel$/;
const CLIENT = /(?:^|\.)GoogleGenAI$/;
const LEGACY_CLIENT = /(?:^|\.)GoogleGenerativeAI$/;
const LIVE = /(?:^|\.)live\.connect$/;
const CACHES_CREATE = /(?:^|\.)caches\.create$/;
const INTERACTIONS = /(?:^|\.)interactions\.create$/;
const OPENAI_CLIENT = /(?:^|\.)OpenAI$/;
const OPENAI_CREATE = /(?:^|\.)chat\.completions\.(?:create|parse)$/;
/** Wrappers that take the model and the settings in one options object (LangChain.js, LlamaIndex.TS). */
const WRAPPERS = /(?:^|\.)(?:ChatGoogleGenerativeAI|GoogleGenerativeAI|ChatVertexAI|Gemini)$/;
const REQUEST_FIELDS = new Set(['model', 'contents', 'config', 'history', 'src', 'content']);

const STRING_TYPES = new Set(['string', 'template_string']);

export function extractScript(root: SyntaxNode, language: string, text: string, options: ExtractOptions = {}): Extraction {
  // One walk of the tree for every node type read (each walk costs about a third of the parse).
  const byType = new Map<string, SyntaxNode[]>();
  for (const node of root.descendantsOfType(['variable_declarator', 'new_expression', 'call_expression'])) {
    if (!node) continue;
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  const nodes = (type: string) => byType.get(type) ?? [];
  const reader = new ScriptReader(nodes('variable_declarator'), options.imports);
  const calls: GeminiCall[] = [];
  let apiVersion: string | undefined;
  const problems: FileProblem[] = [];
  const clients: ClientOptions[] = [];
  /** Variables holding a legacy @google/generative-ai client, which has no `models`. */
  const legacyClients = new Set<string>();
  let compat = false;
  const firstArgument = (node: SyntaxNode) => {
    const args = node.childForFieldName('arguments');
    const first = args ? named(args)[0] : undefined;
    return first ? reader.value(first) : undefined;
  };
  for (const node of nodes('new_expression')) {
    const constructor = calleeText(node.childForFieldName('constructor'));
    if (OPENAI_CLIENT.test(constructor)) {
      const base = openAiBaseUrl(field(firstArgument(node), 'baseURL')?.value);
      compat ||= base.gemini;
      if (base.problem) problems.push(base.problem);
      continue;
    }
    if (LEGACY_CLIENT.test(constructor)) {
      // (LangChain.js has a GoogleGenerativeAI too; it takes a model and is read as a wrapper below.)
      const name = node.parent?.type === 'variable_declarator' ? node.parent.childForFieldName('name')?.text : undefined;
      if (name) legacyClients.add(name);
    }
    if (WRAPPERS.test(constructor)) {
      const options = firstArgument(node);
      const wrapped = options?.kind === 'object' ? wrapperCall(language, rangeOf(node), options.entries) : undefined;
      if (wrapped) calls.push(wrapped);
      continue;
    }
    if (!CLIENT.test(constructor)) continue;
    const args = node.childForFieldName('arguments');
    const firstNode = args ? named(args)[0] : undefined;
    const value = firstArgument(node);
    // A key where the options object belongs: `new GoogleGenAI(process.env.GEMINI_API_KEY)`.
    if (firstNode && (value?.kind === 'string' || (firstNode.type === 'member_expression' && /^process\.env\./.test(firstNode.text)))) {
      problems.push({ ruleId: 'sdk-mismatch', range: rangeOf(firstNode), message: '@google/genai\'s GoogleGenAI takes an options object, not the key: write new GoogleGenAI({ apiKey: ... }) (a string here leaves the client without a key).' });
    }
    clients.push({ range: rangeOf(node), apiKey: field(value, 'apiKey')?.value, vertexai: field(value, 'vertexai')?.value, project: field(value, 'project')?.value, location: field(value, 'location')?.value });
    const version = field(value, 'apiVersion')?.value ?? field(field(value, 'httpOptions')?.value, 'apiVersion')?.value;
    if (version?.kind === 'string') apiVersion = version.value;
  }
  const caches: CacheCreation[] = [];
  for (const node of nodes('call_expression')) {
    const callee = calleeText(node.childForFieldName('function'));
    if (CACHES_CREATE.test(callee)) {
      const config = field(firstArgument(node), 'config')?.value;
      caches.push({ range: rangeOf(node), variable: assignedName(node), ...(config?.kind === 'object' ? { config } : {}) });
      continue;
    }
    if (OPENAI_CREATE.test(callee)) {
      const request = compat ? firstArgument(node) : undefined;
      if (request?.kind === 'object') calls.push(openAiCall(language, rangeOf(node), request.entries, problems));
      continue;
    }
    if (LIVE.test(callee) || INTERACTIONS.test(callee)) {
      const request = firstArgument(node);
      const config = field(request, 'config')?.value ?? field(request, 'generationConfig')?.value;
      calls.push({
        api: 'genai', language, method: LIVE.test(callee) ? 'live.connect' : 'interactions.create', range: rangeOf(node),
        ...(field(request, 'model') ? { model: field(request, 'model')!.value } : {}), ...(config?.kind === 'object' ? { config } : {}), misplaced: [],
      });
      continue;
    }
    const genai = GENAI.exec(callee);
    if (genai && legacyClients.has(callee.split('.')[0]!)) {
      problems.push({ ruleId: 'sdk-mismatch', range: rangeOf(node), message: `@google/generative-ai's GoogleGenerativeAI has no models.${genai[1]!}: that is @google/genai's GoogleGenAI. With the legacy SDK call genAI.getGenerativeModel({ model }).${genai[1]!}(...); better, move to @google/genai.` });
    }
    const legacy = !genai && LEGACY.test(callee);
    if (!genai && !legacy && !CHATS.test(callee)) continue;
    const args = node.childForFieldName('arguments');
    const first = args ? named(args)[0] : undefined;
    const request = first ? reader.value(first) : undefined;
    const requestObject = request?.kind === 'object' ? request : undefined;
    if (!legacy) {
      const config = field(request, 'config')?.value;
      calls.push({
        api: 'genai', language, method: genai ? genai[1]! : 'chats.create', range: rangeOf(node),
        ...(field(request, 'contents') ? { contents: field(request, 'contents')!.value } : {}),
        ...(field(request, 'model') ? { model: field(request, 'model')!.value } : {}),
        ...(apiVersion ? { apiVersion } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(field(config, 'safetySettings') ? { safetySettings: field(config, 'safetySettings')!.value } : {}),
        misplaced: requestObject ? requestObject.entries.filter((e) => CONFIG_FIELDS.has(e.key) && !REQUEST_FIELDS.has(e.key)) : [],
        ...(requestObject ? { request: requestObject } : {}),
      });
    } else {
      const config = field(request, 'generationConfig')?.value;
      calls.push({
        api: 'legacy-js', language, method: 'generateContent', range: rangeOf(node),
        ...(field(request, 'model') ? { model: field(request, 'model')!.value } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(field(request, 'safetySettings') ? { safetySettings: field(request, 'safetySettings')!.value } : {}),
        misplaced: [],
      });
    }
  }
  const strings = stringsMatching(root, text, MODEL_OR_URL, STRING_TYPES);
  for (const node of strings) {
    const text = node.text;
    if (!text.includes('googleapis.com') || text.includes('${')) continue;
    const start = rangeOf(node).start;
    const call = urlCall(language, text.slice(1, -1), { line: start.line, character: start.character + 1 }, rangeOf(node));
    if (call) calls.push(call);
  }
  // Module-level values are read once, for the settings and for the exports.
  const topValue = memo((node) => reader.value(node));
  if (calls.length === 0) calls.push(...settingsCalls(topLevel(root, { value: topValue }), language));
  // The cheap test on the text first: most strings of a file are not model names.
  const modelLiterals = strings
    .flatMap((node) => (MODEL_ID.test(node.text.slice(1, -1)) ? [reader.value(node)] : []))
    .filter((v): v is Value & { kind: 'string' } => v.kind === 'string' && MODEL_ID.test(v.value));
  return { calls, modelLiterals, problems, clients, caches, ...(options.module ? { module: { exports: scriptExports(root, reader, topValue), imports: scriptImports(root) } } : {}) };
}

/** A reading of nodes done at most once per node. */
export function memo(read: (node: SyntaxNode) => Value): (node: SyntaxNode) => Value {
  const values = new Map<number, Value>();
  return (node) => {
    let value = values.get(node.startIndex);
    if (!value) values.set(node.startIndex, (value = read(node)));
    return value;
  };
}

function isRequire(node: SyntaxNode): boolean {
  return node.type === 'call_expression' && node.childForFieldName('function')?.text === 'require';
}

/** The string of a `from '…'` / `require('…')`. */
function specifierOf(node: SyntaxNode | null | undefined): string | undefined {
  return node ? stringOf(node) : undefined;
}

/**
 * What a module imports from other files: ES `import` (default, named, namespace), `export … from`,
 * and CommonJS `const x = require('…')` / `const { a, b: c } = require('…')` at the top level.
 */
export function scriptImports(root: SyntaxNode): ModuleImport[] {
  const imports: ModuleImport[] = [];
  for (const statement of named(root)) {
    const source = specifierOf(statement.childForFieldName('source'));
    if (statement.type === 'import_statement' && source !== undefined) {
      const clause = named(statement).find((n) => n.type === 'import_clause');
      for (const part of clause ? named(clause) : []) {
        if (part.type === 'identifier') imports.push({ local: part.text, specifier: source, name: 'default' });
        else if (part.type === 'namespace_import') {
          const local = named(part)[0];
          if (local) imports.push({ local: local.text, specifier: source, name: '*' });
        } else if (part.type === 'named_imports') {
          for (const specifier of named(part)) {
            const name = specifier.childForFieldName('name')?.text;
            if (name) imports.push({ local: specifier.childForFieldName('alias')?.text ?? name, specifier: source, name });
          }
        }
      }
    } else if (statement.type === 'export_statement' && source !== undefined) {
      const clause = named(statement).find((n) => n.type === 'export_clause');
      if (!clause) imports.push({ local: '*', specifier: source, name: '*', reexported: true });
      for (const specifier of clause ? named(clause) : []) {
        const name = specifier.childForFieldName('name')?.text;
        if (name) imports.push({ local: specifier.childForFieldName('alias')?.text ?? name, specifier: source, name, reexported: true });
      }
    } else if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
      for (const declarator of named(statement)) {
        const value = declarator.childForFieldName('value');
        const pattern = declarator.childForFieldName('name');
        const args = value && isRequire(value) ? value.childForFieldName('arguments') : undefined;
        const required = args ? specifierOf(named(args)[0]) : undefined;
        if (!pattern || required === undefined) continue;
        if (pattern.type === 'identifier') imports.push({ local: pattern.text, specifier: required, name: '*' });
        else if (pattern.type === 'object_pattern') {
          for (const part of named(pattern)) {
            if (part.type === 'shorthand_property_identifier_pattern') imports.push({ local: part.text, specifier: required, name: part.text });
            else if (part.type === 'pair_pattern' && part.childForFieldName('value')?.type === 'identifier') {
              imports.push({ local: part.childForFieldName('value')!.text, specifier: required, name: part.childForFieldName('key')?.text ?? '' });
            }
          }
        }
      }
    }
  }
  return imports;
}

/**
 * What other files can import: `export const` (a `let`/`var` can be re-bound, so its value is not
 * trusted), `export { a, b as c }`, `export default …`, and CommonJS `module.exports = {…}` /
 * `exports.NAME = …`.
 */
function scriptExports(root: SyntaxNode, reader: ScriptReader, topValue: (node: SyntaxNode) => Value): ModuleBinding[] {
  const exports: ModuleBinding[] = [];
  const add = (name: string, nameNode: SyntaxNode, value: Value) => exports.push({ name, nameRange: rangeOf(nameNode), value });
  for (const statement of named(root)) {
    if (statement.type === 'export_statement') {
      if (statement.childForFieldName('source')) continue;
      const declaration = statement.childForFieldName('declaration');
      const value = statement.childForFieldName('value');
      const clause = named(statement).find((n) => n.type === 'export_clause');
      if (declaration?.type === 'lexical_declaration' || declaration?.type === 'variable_declaration') {
        const constant = declaration.childForFieldName('kind')?.type === 'const';
        for (const declarator of named(declaration)) {
          const name = declarator.childForFieldName('name');
          const init = declarator.childForFieldName('value');
          if (name?.type === 'identifier' && init) add(name.text, name, constant ? topValue(init) : unknown(init));
        }
      } else if (value) add('default', value, reader.value(value));
      for (const specifier of clause ? named(clause) : []) {
        const name = specifier.childForFieldName('name');
        if (!name) continue;
        add(specifier.childForFieldName('alias')?.text ?? name.text, name, reader.binding(name.text, name) ?? unknown(name));
      }
    } else if (statement.type === 'expression_statement') {
      const assignment = named(statement)[0];
      const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left') : undefined;
      const right = assignment?.childForFieldName('right');
      if (!left || !right) continue;
      const target = left.text.replace(/\s+/g, '');
      if (target === 'module.exports') {
        const value = reader.value(right);
        add('default', right, value);
        if (value.kind === 'object') for (const entry of value.entries) exports.push({ name: entry.key, nameRange: entry.keyRange, value: entry.value });
      } else {
        const name = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target)?.[1];
        if (name) add(name, left, reader.value(right));
      }
    }
  }
  return exports;
}

/** The module-level constants of a file (`export const GEMINI_CONFIG = {…}`). */
function topLevel(root: SyntaxNode, reader: { value(node: SyntaxNode): Value }): Binding[] {
  const bindings: Binding[] = [];
  for (const statement of named(root)) {
    const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    if (declaration?.type !== 'lexical_declaration' && declaration?.type !== 'variable_declaration') continue;
    for (const declarator of named(declaration)) {
      const name = declarator.childForFieldName('name');
      const value = declarator.childForFieldName('value');
      if (name?.type === 'identifier' && value) bindings.push({ name: name.text, value: reader.value(value) });
    }
  }
  return bindings;
}

export { MODEL_ID } from './values';
