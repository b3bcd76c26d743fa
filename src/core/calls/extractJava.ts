/**
 * Gemini calls in Java: the Google Gen AI SDK (`com.google.genai`: `client.models.generateContent(model,
 * contents, config)` with `GenerateContentConfig.builder()…build()`) and the older Vertex AI SDK
 * (`com.google.cloud.vertexai`: `new GenerativeModel(model, vertexAI)`, `new GenerativeModel.Builder()`,
 * `GenerationConfig.newBuilder().setTemperature(…)`). Builders are read as objects: each setter a key.
 */
import { assignedName } from './cachedContent';
import { MODEL_ID } from './extractScript';
import { calleeText, entry, named, negated, numberLiteral, rangeOf, unknown, field, NameTable } from './values';
import type { CacheCreation, ClientOptions, Entry, Extraction, FileProblem, GeminiCall, SyntaxNode, Value } from './types';

const LISTS = /^(?:Arrays\.asList|List\.of|ImmutableList\.of|Collections\.singletonList|Set\.of)$/;
const GENAI = /(?:^|\.)models\.(generateContent|generateContentStream|countTokens|embedContent)$/;
/** Setter names → the field they set: `setTemperature` → `temperature`, `addSafetySettings` → `safetySettings`. */
function setterKey(name: string): string {
  const bare = name.replace(/^(?:set|with|addAll|add)(?=[A-Z])/, '');
  const key = bare[0]!.toLowerCase() + bare.slice(1);
  return name.startsWith('add') && !key.endsWith('s') ? `${key}s` : key;
}

class JavaReader {
  /** Names bound once in the file → their value's node (`null`: bound more than once); built on the first lookup. */
  private readonly constants = new NameTable((constants) => {
    for (const declarator of this.declarators) {
      const name = declarator.childForFieldName('name');
      const value = declarator.childForFieldName('value');
      if (!name || !value) continue;
      // A name declared twice (two methods' locals) is ambiguous.
      constants.set(name.text, constants.has(name.text) ? null : value);
    }
  });

  /** The declarators are read when the first name is looked up: many files never look one up. */
  constructor(private readonly declarators: readonly SyntaxNode[]) {}

  value(node: SyntaxNode, depth = 0): Value {
    if (depth > 12) return unknown(node);
    const range = rangeOf(node);
    switch (node.type) {
      case 'string_literal': {
        const parts = named(node);
        if (parts.some((p) => p.type !== 'string_fragment')) return unknown(node);
        return { kind: 'string', value: parts.map((p) => p.text).join(''), range };
      }
      case 'decimal_integer_literal':
      case 'decimal_floating_point_literal':
        return numberLiteral(node);
      case 'unary_expression': {
        const operand = node.childForFieldName('operand');
        return negated(node, operand ? this.value(operand, depth + 1) : undefined);
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', range };
      case 'null_literal':
        return { kind: 'null', range };
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.value(inner, depth + 1) : unknown(node);
      }
      case 'identifier': {
        const constant = this.constants.get(node.text);
        return constant ? this.value(constant, depth + 1) : unknown(node);
      }
      case 'method_invocation': {
        const name = node.childForFieldName('name')?.text ?? '';
        const object = node.childForFieldName('object');
        if (object && LISTS.test(`${object.text}.${name}`)) {
          const args = node.childForFieldName('arguments');
          return { kind: 'array', items: (args ? named(args) : []).map((a) => this.value(a, depth + 1)), range };
        }
        return this.builder(node, depth) ?? unknown(node);
      }
      default:
        return unknown(node);
    }
  }

  /** `X.builder().a(1).b(2).build()`, `X.newBuilder().setA(1).build()`, `new X.Builder().setA(1).build()` → `{a: 1, b: 2}`. */
  builder(node: SyntaxNode, depth: number): (Value & { kind: 'object' }) | undefined {
    const entries: Entry[] = [];
    let current: SyntaxNode | null = node;
    for (let links = 0; current && links < 64; links++) {
      if (current.type === 'object_creation_expression') {
        if (!/Builder$/.test(current.childForFieldName('type')?.text ?? '')) return undefined;
        break;
      }
      if (current.type !== 'method_invocation') return undefined;
      const nameNode = current.childForFieldName('name');
      const name = nameNode?.text ?? '';
      const object = current.childForFieldName('object');
      if (name === 'builder' || name === 'newBuilder') {
        if (!object || object.type !== 'identifier') return undefined;
        break;
      }
      if (name !== 'build' && nameNode) {
        const args = current.childForFieldName('arguments');
        const first = args ? named(args)[0] : undefined;
        const key = setterKey(name);
        const value = first ? this.value(first, depth + 1) : unknown(current);
        const existing = entries.findIndex((e) => e.key === key);
        // `addSafetySettings(a).addSafetySettings(b)`: one list.
        if (existing >= 0 && name.startsWith('add')) {
          const list = entries[existing]!.value;
          entries[existing] = { ...entries[existing]!, value: { kind: 'array', items: [value, ...(list.kind === 'array' ? list.items : [list])], range: list.range } };
        } else if (existing < 0) entries.unshift(entry(key, nameNode, name.startsWith('add') && value.kind !== 'array' ? { kind: 'array', items: [value], range: value.range } : value, current));
      }
      current = object;
    }
    return current ? { kind: 'object', entries, range: rangeOf(node), open: false } : undefined;
  }
}

/** The outermost call of a chain that starts at `node` (`new GenerativeModel(…).withGenerationConfig(…)`). */
function chainTop(node: SyntaxNode): SyntaxNode {
  let top = node;
  while (top.parent?.type === 'method_invocation' && top.parent.childForFieldName('object')?.startIndex === top.startIndex && top.parent.childForFieldName('object')?.endIndex === top.endIndex) top = top.parent;
  return top;
}

/** Arguments that are never model names: the project and location of `new VertexAI(project, location)` and of builders. */
function isProjectOrLocation(node: SyntaxNode): boolean {
  const list = node.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  if (!call) return false;
  if (call.type === 'object_creation_expression') return /(?:^|\.)VertexAI$/.test(call.childForFieldName('type')?.text ?? '');
  return call.type === 'method_invocation' && /^(?:set)?(?:project|location|Project|Location)$/.test(call.childForFieldName('name')?.text ?? '');
}

export function extractJava(root: SyntaxNode): Extraction {
  const byType = new Map<string, SyntaxNode[]>();
  for (const node of root.descendantsOfType(['variable_declarator', 'method_invocation', 'object_creation_expression', 'string_literal', 'import_declaration'])) {
    if (!node) continue;
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  const nodes = (type: string) => byType.get(type) ?? [];
  const reader = new JavaReader(nodes('variable_declarator'));
  const calls: GeminiCall[] = [];
  const problems: FileProblem[] = [];
  for (const node of nodes('import_declaration')) {
    // The Gen AI SDK has no `client` package and no VertexAI / GenerativeModel / GenerationConfig: those are com.google.cloud.vertexai.
    if (/\bcom\.google\.genai\.(?:client\b|(?:[\w.]*\.)?(?:GenerativeModel|GenerationConfig|VertexAI)\b)/.test(node.text)) {
      problems.push({ ruleId: 'sdk-mismatch', range: rangeOf(node), message: 'com.google.genai has no such class: VertexAI, GenerativeModel and GenerationConfig.newBuilder() belong to the Vertex AI SDK (com.google.cloud.vertexai). With the Gen AI SDK use Client and client.models.generateContent(model, contents, GenerateContentConfig).' });
    }
  }
  const clients: ClientOptions[] = [];
  const caches: CacheCreation[] = [];
  // `Client` is a common class name: only com.google.genai's is read as a Gemini client.
  const genaiImport = nodes('import_declaration').some((node) => /\bcom\.google\.genai\b/.test(node.text));
  for (const node of nodes('method_invocation')) {
    const name = node.childForFieldName('name')?.text ?? '';
    if (name === 'builder' && genaiImport && /^Client$/.test(node.childForFieldName('object')?.text ?? '')) {
      // Client.builder().apiKey(…).vertexAI(true).project(…).location(…).build()
      const top = chainTop(node);
      const options = reader.builder(top, 0);
      if (options) clients.push({ range: rangeOf(top), apiKey: field(options, 'apiKey')?.value, vertexai: field(options, 'vertexAI')?.value, project: field(options, 'project')?.value, location: field(options, 'location')?.value, language: 'java' });
      continue;
    }
    if (name === 'create' && /(?:^|\.)caches$/.test(calleeText(node.childForFieldName('object')))) {
      // client.caches.create(model, CreateCachedContentConfig.builder()…build())
      const argsNode = node.childForFieldName('arguments');
      const config = argsNode && named(argsNode)[1] ? reader.value(named(argsNode)[1]!) : undefined;
      caches.push({ range: rangeOf(node), variable: assignedName(node), ...(config?.kind === 'object' ? { config } : {}) });
      continue;
    }
    // The callee ends in `.name`: the object is read only when the name is a method GENAI matches.
    if (!GENAI.test(`models.${name}`)) continue;
    const genai = GENAI.exec(`${calleeText(node.childForFieldName('object'))}.${name}`);
    if (!genai) continue;
    const argsNode = node.childForFieldName('arguments');
    const args = argsNode ? named(argsNode) : [];
    const model = args[0] ? reader.value(args[0]) : undefined;
    const config = args[2] ? reader.value(args[2]) : undefined;
    calls.push({
      api: 'java-genai', language: 'java', method: genai[1]!, range: rangeOf(node),
      ...(model ? { model } : {}),
      ...(config?.kind === 'object' ? { config } : {}),
      ...(field(config, 'safetySettings') ? { safetySettings: field(config, 'safetySettings')!.value } : {}),
      misplaced: [],
    });
  }
  for (const node of nodes('object_creation_expression')) {
    const type = node.childForFieldName('type')?.text ?? '';
    if (!/(?:^|\.)GenerativeModel(?:\.Builder)?$/.test(type)) continue;
    const top = chainTop(node);
    let model: Value | undefined;
    let config: Value | undefined;
    let safety: Value | undefined;
    if (type.endsWith('Builder')) {
      const built = reader.builder(top, 0);
      model = field(built, 'modelName')?.value;
      config = field(built, 'generationConfig')?.value;
      safety = field(built, 'safetySettings')?.value;
    } else {
      const argsNode = node.childForFieldName('arguments');
      const args = (argsNode ? named(argsNode) : []).map((a) => reader.value(a));
      model = args[0];
      config = args.slice(1).find((a) => a.kind === 'object');
      for (let link: SyntaxNode = node; link !== top && link.parent; link = link.parent) {
        const setter = link.parent.childForFieldName('name')?.text;
        const argsList = link.parent.childForFieldName('arguments');
        const first = argsList ? named(argsList)[0] : undefined;
        if (!first) continue;
        if (setter === 'withGenerationConfig') config = reader.value(first);
        if (setter === 'withSafetySettings') safety = reader.value(first);
      }
    }
    calls.push({
      api: 'java-vertex', language: 'java', method: 'generateContent', range: rangeOf(top),
      ...(model ? { model } : {}),
      ...(config?.kind === 'object' ? { config } : {}),
      ...(safety ? { safetySettings: safety } : {}),
      misplaced: [],
    });
  }
  const modelLiterals = nodes('string_literal')
    .filter((node) => MODEL_ID.test(node.text.slice(1, -1)) && !isProjectOrLocation(node))
    .map((node) => reader.value(node))
    .filter((v): v is Value & { kind: 'string' } => v.kind === 'string' && MODEL_ID.test(v.value));
  return { calls, modelLiterals, problems, clients, caches };
}
