/** Gemini calls in Go: google.golang.org/genai (`client.Models.GenerateContent`) and the legacy generative-ai-go (`client.GenerativeModel`). */
import { assignedName } from './cachedContent';
import { MODEL_ID } from './extractScript';
import { calleeText, entry, field, named, negated, numberLiteral, rangeOf, unknown, NameTable } from './values';
import type { CacheCreation, ClientOptions, Entry, Extraction, GeminiCall, SyntaxNode, Value } from './types';

class GoReader {
  /** Names bound once in the file → their value's node (`null`: bound more than once); built on the first lookup. */
  private readonly constants = new NameTable((constants) => {
    const remember = (name: SyntaxNode | null | undefined, value: SyntaxNode | null | undefined) => {
      if (!name || !value) return;
      constants.set(name.text, constants.has(name.text) ? null : value);
    };
    for (const spec of this.specs) {
      const names = spec ? named(spec).filter((n) => n.type === 'identifier') : [];
      const values = spec?.childForFieldName('value');
      if (names.length === 1 && values) remember(names[0], named(values)[0]);
    }
    for (const declaration of this.declarations) {
      const left = declaration?.childForFieldName('left');
      const right = declaration?.childForFieldName('right');
      if (left && right && named(left).length === 1 && named(right).length === 1) remember(named(left)[0], named(right)[0]);
    }
  });

  /**
   * `specs`: the const_spec and var_spec nodes of the file; `declarations`: its short_var_declaration
   * nodes. They are read when the first name is looked up: many files never look one up.
   */
  constructor(private readonly specs: readonly SyntaxNode[], private readonly declarations: readonly SyntaxNode[]) {}

  /** `{Key: value, ...}` is an object, `{a, b}` a list. */
  private literal(body: SyntaxNode, depth: number): Value {
    const entries: Entry[] = [];
    const items: Value[] = [];
    for (const element of named(body)) {
      if (element.type === 'keyed_element') {
        const [key, value] = named(element);
        if (key && value) entries.push(entry(key.text, key, this.value(value, depth + 1), element));
      } else items.push(this.value(element, depth + 1));
    }
    const range = rangeOf(body);
    return entries.length === 0 && items.length > 0 ? { kind: 'array', items, range } : { kind: 'object', entries, range, open: false };
  }

  value(node: SyntaxNode, depth = 0): Value {
    if (depth > 8) return unknown(node);
    const range = rangeOf(node);
    switch (node.type) {
      case 'interpreted_string_literal':
        return { kind: 'string', value: named(node).map((n) => n.text).join(''), range };
      case 'raw_string_literal':
        return { kind: 'string', value: node.text.slice(1, -1), range };
      case 'int_literal':
      case 'float_literal':
        return numberLiteral(node);
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', range };
      case 'nil':
        return { kind: 'null', range };
      case 'unary_expression': {
        const operand = node.childForFieldName('operand');
        const inner = operand ? this.value(operand, depth + 1) : undefined;
        if (!inner) return unknown(node);
        return node.text.trimStart().startsWith('&') ? inner : negated(node, inner);
      }
      case 'parenthesized_expression':
      case 'literal_element': {
        const inner = named(node)[0];
        return inner ? this.value(inner, depth + 1) : unknown(node);
      }
      case 'type_conversion_expression': {
        // genai.Ptr[float32](0.5), float32(0.5)
        const operand = node.childForFieldName('operand');
        return operand ? this.value(operand, depth + 1) : unknown(node);
      }
      case 'call_expression': {
        // genai.Ptr(0.5), genai.Ptr[int32](0)
        if (!/(?:^|\.)Ptr(?:\[[^\]]*\])?$/.test(calleeText(node.childForFieldName('function')))) return unknown(node);
        const args = node.childForFieldName('arguments');
        const first = args ? named(args)[0] : undefined;
        return first ? this.value(first, depth + 1) : unknown(node);
      }
      case 'composite_literal': {
        const body = node.childForFieldName('body');
        return body ? this.literal(body, depth) : unknown(node);
      }
      case 'literal_value':
        // The elements of a slice of structs: []*genai.SafetySetting{{Category: ..., Threshold: ...}}
        return this.literal(node, depth);
      case 'identifier': {
        const constant = this.constants.get(node.text);
        return constant ? this.value(constant, depth + 1) : unknown(node);
      }
      default:
        return unknown(node);
    }
  }
}

const GENAI = /(?:^|\.)Models\.(GenerateContent|GenerateContentStream|CountTokens|EmbedContent)$/;
const LEGACY = /(?:^|\.)GenerativeModel$/;
const METHODS: Record<string, string> = { GenerateContent: 'generateContent', GenerateContentStream: 'generateContentStream', CountTokens: 'countTokens', EmbedContent: 'embedContent' };

/** Node types read, each with the list it is collected in (one walk of the tree for all). */
const COLLECTED: Record<string, string> = {
  const_spec: 'spec', var_spec: 'spec', short_var_declaration: 'short_var_declaration', composite_literal: 'composite_literal', call_expression: 'call_expression',
  interpreted_string_literal: 'string', raw_string_literal: 'string',
};

export function extractGo(root: SyntaxNode): Extraction {
  const byGroup = new Map<string, SyntaxNode[]>();
  for (const node of root.descendantsOfType(Object.keys(COLLECTED))) {
    if (!node) continue;
    const group = COLLECTED[node.type]!;
    const list = byGroup.get(group);
    if (list) list.push(node);
    else byGroup.set(group, [node]);
  }
  const nodes = (group: string) => byGroup.get(group) ?? [];
  const reader = new GoReader(nodes('spec'), nodes('short_var_declaration'));
  const calls: GeminiCall[] = [];
  let apiVersion: string | undefined;
  const clients: ClientOptions[] = [];
  const caches: CacheCreation[] = [];
  for (const literal of nodes('composite_literal')) {
    if (!literal || !/ClientConfig$/.test(literal.childForFieldName('type')?.text ?? '')) continue;
    const options = reader.value(literal);
    const version = field(field(options, 'httpOptions')?.value, 'apiVersion')?.value;
    if (version?.kind === 'string') apiVersion = version.value;
    // `Backend: genai.BackendVertexAI` is what `vertexai=True` is in the other SDKs.
    const backend = field(options, 'backend')?.value;
    const vertexai: Value | undefined = backend?.kind === 'unknown' && /(?:^|\.)Backend(?:VertexAI|GeminiAPI|GoogleAI)$/.test(backend.text)
      ? { kind: 'boolean', value: /VertexAI$/.test(backend.text), range: backend.range } : backend;
    // Other SDKs have a ClientConfig too: only google.golang.org/genai's is a Gemini client.
    const type = literal.childForFieldName('type')?.text ?? '';
    if (!/^&?genai\.ClientConfig$/.test(type.replace(/\s/g, ''))) continue;
    clients.push({ range: rangeOf(literal), apiKey: field(options, 'apiKey')?.value, vertexai, project: field(options, 'project')?.value, location: field(options, 'location')?.value, language: 'go' });
  }
  for (const node of nodes('call_expression')) {
    if (!node) continue;
    const callee = calleeText(node.childForFieldName('function'));
    const argsNode = node.childForFieldName('arguments');
    const args = argsNode ? named(argsNode) : [];
    if (/(?:^|\.)Caches\.Create$/.test(callee)) {
      // client.Caches.Create(ctx, model, &genai.CreateCachedContentConfig{…})
      const config = args[2] ? reader.value(args[2]) : undefined;
      caches.push({ range: rangeOf(node), variable: assignedName(node), ...(config?.kind === 'object' ? { config } : {}) });
      continue;
    }
    const genai = GENAI.exec(callee);
    if (genai) {
      const model = args[1] ? reader.value(args[1]) : undefined;
      const config = args[3] ? reader.value(args[3]) : undefined;
      calls.push({
        api: 'go', language: 'go', method: METHODS[genai[1]!]!, range: rangeOf(node),
        ...(model ? { model } : {}),
        ...(apiVersion ? { apiVersion } : {}),
        ...(config?.kind === 'object' ? { config } : {}),
        ...(field(config, 'safetySettings') ? { safetySettings: field(config, 'safetySettings')!.value } : {}),
        misplaced: [],
      });
    } else if (LEGACY.test(callee) && args[0]) {
      calls.push({ api: 'go', language: 'go', method: 'generateContent', range: rangeOf(node), model: reader.value(args[0]), misplaced: [] });
    }
  }
  const modelLiterals = nodes('string')
    .map((node) => reader.value(node))
    .filter((v): v is Value & { kind: 'string' } => v.kind === 'string' && MODEL_ID.test(v.value));
  return { calls, modelLiterals, problems: [], clients, caches };
}
