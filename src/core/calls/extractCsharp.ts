/**
 * Gemini calls in C#: Google.GenAI (`client.Models.GenerateContentAsync(model:, contents:, config:)` with
 * `new GenerateContentConfig { Temperature = … }`), Mscc.GenerativeAI (`googleAI.GenerativeModel(model:
 * Model.Gemini25Flash)`, its `Model.*` constants read as the ids they stand for) and
 * Google.Cloud.AIPlatform.V1 (`new GenerateContentRequest { Model = $"…/models/{model}", GenerationConfig = … }`).
 */
import { assignedName } from './cachedContent';
import { MODEL_ID } from './extractScript';
import { calleeText, entry, field, named, negated, parseNumber, rangeOf, unknown, NameTable } from './values';
import type { CacheCreation, ClientOptions, Entry, Extraction, GeminiCall, SyntaxNode, Value } from './types';

const GENAI = /(?:^|\.)Models\.(GenerateContent|GenerateContentStream|CountTokens|EmbedContent)(?:Async)?$/;
const MSCC = /(?:^|\.)GenerativeModel$/;
const VERTEX = /(?:^|\.)(GenerateContent|StreamGenerateContent)(?:Async)?$/;
const METHODS: Record<string, string> = {
  GenerateContent: 'generateContent', GenerateContentStream: 'generateContentStream', StreamGenerateContent: 'generateContentStream', CountTokens: 'countTokens', EmbedContent: 'embedContent',
};
const FUNCTIONS = new Set(['method_declaration', 'local_function_statement', 'constructor_declaration', 'lambda_expression', 'anonymous_method_expression']);

/**
 * The model id a Mscc.GenerativeAI `Model.*` constant stands for, from its name: `Gemini25Flash` →
 * `gemini-2.5-flash`, `Gemini20FlashExperimental` → `gemini-2.0-flash-exp`, `Gemini15FlashLatest` →
 * `gemini-1.5-flash-latest`. Undefined for names that do not follow the pattern.
 */
export function msccModelId(constant: string): string | undefined {
  const match = /^Gemini(\d)(\d?)((?:[A-Z][a-z]*|\d+[A-Za-z]?)*)$/.exec(constant);
  if (!match) return undefined;
  const version = match[2] ? `${match[1]}.${match[2]}` : match[1]!;
  const words = (match[3]!.match(/[A-Z][a-z]*|\d+[A-Za-z]?/g) ?? []).map((w) => (w === 'Experimental' ? 'exp' : w.toLowerCase()));
  return ['gemini', version, ...words].join('-');
}

/** The value of a C# variable declarator or the default of a parameter: the named child after the name. */
function initializer(node: SyntaxNode): SyntaxNode | undefined {
  const name = node.childForFieldName('name');
  return name ? named(node).find((n) => n.startIndex > name.startIndex && n.type !== 'bracketed_argument_list') : undefined;
}

class CsharpReader {
  /** Names bound once in the file → their value's node (`null`: bound more than once); built on the first lookup. */
  private readonly constants = new NameTable((constants) => {
    for (const declarator of this.declarators) {
      const name = declarator.childForFieldName('name');
      const value = initializer(declarator);
      if (!name || !value) continue;
      constants.set(name.text, constants.has(name.text) ? null : value);
    }
  });

  /** The declarators are read when the first name is looked up: many files never look one up. */
  constructor(private readonly declarators: readonly SyntaxNode[]) {}

  private resolve(name: string, at: SyntaxNode, depth: number): Value | undefined {
    for (let node = at.parent; node; node = node.parent) {
      if (!FUNCTIONS.has(node.type)) continue;
      const parameters = node.childForFieldName('parameters');
      for (const parameter of parameters ? named(parameters) : []) {
        if (parameter.childForFieldName('name')?.text !== name) continue;
        const value = initializer(parameter);
        return value ? this.value(value, depth + 1) : undefined;
      }
    }
    const constant = this.constants.get(name);
    return constant ? this.value(constant, depth + 1) : undefined;
  }

  value(node: SyntaxNode, depth = 0): Value {
    if (depth > 12) return unknown(node);
    const range = rangeOf(node);
    switch (node.type) {
      case 'string_literal':
      case 'verbatim_string_literal': {
        const parts = named(node);
        if (parts.some((p) => p.type !== 'string_literal_content')) return node.type === 'verbatim_string_literal' ? { kind: 'string', value: node.text.slice(2, -1), range } : unknown(node);
        return { kind: 'string', value: parts.map((p) => p.text).join(''), range };
      }
      case 'interpolated_string_expression': {
        // Vertex resource names: $"projects/{p}/locations/{l}/publishers/google/models/{model}" → the model.
        const last = named(node).at(-1);
        const inner = last?.type === 'interpolation' ? named(last).find((n) => n.type !== 'interpolation_brace') : undefined;
        if (inner?.type !== 'identifier' || !/\/models\/\{\w+\}"$/.test(node.text)) return unknown(node);
        const model = this.resolve(inner.text, node, depth);
        return model?.kind === 'string' ? model : unknown(node);
      }
      case 'integer_literal':
      case 'real_literal':
      {
        const n = /^0[xX]/.test(node.text) ? undefined : parseNumber(node.text.replace(/[dDmMuU]+$/, ''));
        return n === undefined ? unknown(node) : { kind: 'number', value: n, text: node.text, range };
      }
      case 'prefix_unary_expression': {
        const operand = named(node)[0];
        return negated(node, operand ? this.value(operand, depth + 1) : undefined);
      }
      case 'boolean_literal':
        return { kind: 'boolean', value: node.text === 'true', range };
      case 'null_literal':
        return { kind: 'null', range };
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.value(inner, depth + 1) : unknown(node);
      }
      case 'identifier':
        return this.resolve(node.text, node, depth) ?? unknown(node);
      case 'member_access_expression': {
        const id = node.childForFieldName('expression')?.text === 'Model' ? msccModelId(node.childForFieldName('name')?.text ?? '') : undefined;
        return id ? { kind: 'string', value: id, range } : unknown(node);
      }
      case 'object_creation_expression':
      case 'implicit_object_creation_expression': {
        const init = node.childForFieldName('initializer') ?? named(node).find((n) => n.type === 'initializer_expression');
        return init ? this.initializer(init, depth) : { kind: 'object', entries: [], range, open: true };
      }
      case 'initializer_expression':
        return this.initializer(node, depth);
      case 'array_creation_expression':
      case 'implicit_array_creation_expression':
      case 'collection_expression': {
        const init = named(node).find((n) => n.type === 'initializer_expression');
        const items = node.type === 'collection_expression' ? named(node) : init ? named(init) : [];
        return { kind: 'array', items: items.map((n) => this.value(n, depth + 1)), range };
      }
      default:
        return unknown(node);
    }
  }

  /** `{ A = 1, B = 2 }` is an object; `{ a, b }` (a collection initializer) a list. */
  private initializer(init: SyntaxNode, depth: number): Value {
    const entries: Entry[] = [];
    const items: Value[] = [];
    for (const child of named(init)) {
      const left = child.type === 'assignment_expression' ? child.childForFieldName('left') : undefined;
      const right = child.type === 'assignment_expression' ? child.childForFieldName('right') : undefined;
      if (left?.type === 'identifier' && right) entries.push(entry(left.text, left, this.value(right, depth + 1), child));
      else items.push(this.value(child, depth + 1));
    }
    const range = rangeOf(init.parent ?? init);
    return entries.length === 0 && items.length > 0 ? { kind: 'array', items, range } : { kind: 'object', entries, range, open: false };
  }

  /** Named (`model: x`) and positional arguments of a call. */
  arguments(call: SyntaxNode): { named: Map<string, Value>; positional: Value[] } {
    const list = call.childForFieldName('arguments');
    const byName = new Map<string, Value>();
    const positional: Value[] = [];
    for (const argument of list ? named(list) : []) {
      const name = argument.childForFieldName('name');
      const value = named(argument).filter((n) => n !== name).at(-1);
      if (!value) continue;
      if (name) byName.set(name.text, this.value(value));
      else positional.push(this.value(value));
    }
    return { named: byName, positional };
  }
}

export function extractCsharp(root: SyntaxNode): Extraction {
  const byType = new Map<string, SyntaxNode[]>();
  for (const node of root.descendantsOfType(['variable_declarator', 'invocation_expression', 'string_literal', 'verbatim_string_literal', 'member_access_expression', 'object_creation_expression'])) {
    if (!node) continue;
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  const nodes = (type: string) => byType.get(type) ?? [];
  const reader = new CsharpReader(nodes('variable_declarator'));
  const calls: GeminiCall[] = [];
  const clients: ClientOptions[] = [];
  const caches: CacheCreation[] = [];
  // `Client` is a common class name: only Google.GenAI's is read as a Gemini client.
  const genaiSdk = root.text.includes('Google.GenAI');
  for (const node of genaiSdk ? nodes('object_creation_expression') : []) {
    // Google.GenAI: new Client(apiKey: …, vertexAI: true, project: …, location: …)
    if (!/^(?:Google\.GenAI\.)?Client$/.test(node.childForFieldName('type')?.text ?? '')) continue;
    const args = reader.arguments(node).named;
    clients.push({ range: rangeOf(node), apiKey: args.get('apiKey'), vertexai: args.get('vertexAI'), project: args.get('project'), location: args.get('location'), language: 'csharp' });
  }
  for (const node of nodes('invocation_expression')) {
    const callee = calleeText(node.childForFieldName('function'));
    if (/(?:^|\.)Caches\.Create(?:Async)?$/.test(callee)) {
      // client.Caches.CreateAsync(model: …, config: new CreateCachedContentConfig { … })
      const args = reader.arguments(node);
      const config = args.named.get('config') ?? args.positional[1];
      caches.push({ range: rangeOf(node), variable: assignedName(node), ...(config?.kind === 'object' ? { config } : {}) });
      continue;
    }
    const genai = GENAI.exec(callee);
    const vertex = !genai && VERTEX.exec(callee);
    if (genai) {
      const args = reader.arguments(node);
      const model = args.named.get('model') ?? args.positional[0];
      const config = args.named.get('config') ?? args.positional[2];
      calls.push({
        api: 'csharp-genai', language: 'csharp', method: METHODS[genai[1]!]!, range: rangeOf(node),
        ...(model ? { model } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(field(config, 'safetySettings') ? { safetySettings: field(config, 'safetySettings')!.value } : {}),
        misplaced: [],
      });
    } else if (MSCC.test(callee)) {
      const args = reader.arguments(node);
      const model = args.named.get('model') ?? args.positional[0];
      const config = args.named.get('generationConfig');
      const safety = args.named.get('safetySettings');
      calls.push({
        api: 'csharp-mscc', language: 'csharp', method: 'generateContent', range: rangeOf(node),
        ...(model ? { model } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(safety ? { safetySettings: safety } : {}),
        misplaced: [],
      });
    } else if (vertex) {
      // PredictionServiceClient.GenerateContent(request): a request object with Model and GenerationConfig.
      const request = reader.arguments(node).positional[0];
      const model = field(request, 'model')?.value;
      if (request?.kind !== 'object' || !model) continue;
      const config = field(request, 'generationConfig')?.value;
      const safety = field(request, 'safetySettings')?.value;
      calls.push({
        api: 'csharp-vertex', language: 'csharp', method: METHODS[vertex[1]!]!, range: rangeOf(node),
        model,
        ...(config?.kind === 'object' ? { config } : {}),
        ...(safety ? { safetySettings: safety } : {}),
        misplaced: [],
      });
    }
  }
  const literals = [...nodes('string_literal'), ...nodes('verbatim_string_literal')].filter((n) => MODEL_ID.test(n.text.replace(/^@?"|"$/g, '')));
  const constants = nodes('member_access_expression').filter((n) => n.childForFieldName('expression')?.text === 'Model');
  const modelLiterals = [...literals, ...constants]
    .map((node) => reader.value(node))
    .filter((v): v is Value & { kind: 'string' } => v.kind === 'string' && MODEL_ID.test(v.value));
  return { calls, modelLiterals, problems: [], clients, caches };
}
