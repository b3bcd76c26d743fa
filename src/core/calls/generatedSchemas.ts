/**
 * Schemas built by generators from a source in the same file: pydantic models (`response_schema=Recipe`,
 * `Recipe.model_json_schema()`) and zod schemas (`zodToJsonSchema(schema)`, `z.toJSONSchema(schema)`).
 * What each emits, as far as the source shows it:
 * - pydantic: `additionalProperties` for a `dict[str, X]` field (the value's schema; nothing for
 *   `dict[str, Any]` before pydantic 2.11, `true` since), `additionalProperties: false` for
 *   `extra="forbid"`, and whatever `json_schema_extra` adds
 *   (https://docs.pydantic.dev/latest/concepts/json_schema/, pydantic's `GenerateJsonSchema.dict_schema`).
 * - zod-to-json-schema: `$schema` (draft-07) unless the target is `openApi3`, and `additionalProperties: false`
 *   for a `z.object` (https://github.com/StefanTerdell/zod-to-json-schema).
 * - zod 4's `z.toJSONSchema`: `$schema` (draft 2020-12 by default) and `additionalProperties: false` for a
 *   `z.object` in output mode (https://zod.dev/json-schema).
 */
import type { GeneratedKeyword, GeneratedSchema, SyntaxNode, Value } from './types';
import { field, named } from './values';

const MAPPING = /\b(?:dict|Dict|Mapping|MutableMapping|OrderedDict|DefaultDict|defaultdict)\b/g;
const FORBID = /\bextra\s*=\s*(?:["']forbid["']|Extra\.forbid)|["']extra["']\s*:\s*["']forbid["']/;
const EXTRA_KEYWORD = /json_schema_extra\s*=\s*\{[^}]*?["'](additionalProperties|\$schema|propertyNames)["']\s*:/g;

/** The text inside the brackets that open at `open` (balanced), or undefined. */
function bracketed(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 2000; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** The second of two top-level, comma-separated parts (`str, list[int]` → `list[int]`). */
function valueType(inside: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) return inside.slice(i + 1).trim();
  }
  return undefined;
}

/** What one annotation emits: `additionalProperties` for each mapping in it. */
function mappingKeywords(field: string, type: string): GeneratedKeyword[] {
  const found: GeneratedKeyword[] = [];
  for (const match of type.matchAll(MAPPING)) {
    const after = match.index + match[0].length;
    const open = type.slice(after).search(/\S/);
    const inside = type[after + open] === '[' ? bracketed(type, after + open) : undefined;
    const value = inside === undefined ? undefined : valueType(inside);
    // An empty value schema (`Any`, a bare `dict`) gets additionalProperties only from pydantic 2.11 on.
    const certain = value !== undefined && !/^(?:typing\.)?(?:Any|object)$/.test(value);
    found.push({ keyword: 'additionalProperties', why: `${field}: ${type.trim()}`, certain });
  }
  return found;
}

/**
 * The pydantic models of a file (`class Recipe(BaseModel)`, and classes built on them) with the
 * keywords their JSON schema carries that Gemini's Schema type refuses. Nested models of the same
 * file are followed.
 */
export function pydanticModels(classes: readonly SyntaxNode[]): Map<string, GeneratedSchema> {
  const byName = new Map<string, SyntaxNode>();
  for (const node of classes) {
    const name = node.childForFieldName('name')?.text;
    if (name && !byName.has(name)) byName.set(name, node);
  }
  const isModel = (node: SyntaxNode, seen: Set<string>): boolean => {
    const bases = node.childForFieldName('superclasses');
    return (bases ? named(bases) : []).some((base) => {
      if (/(?:^|\.)BaseModel$/.test(base.text)) return true;
      const parent = byName.get(base.text);
      return parent !== undefined && !seen.has(base.text) && isModel(parent, seen.add(base.text));
    });
  };
  const memo = new Map<string, GeneratedKeyword[]>();
  const keywordsOf = (name: string, depth: number): GeneratedKeyword[] => {
    const known = memo.get(name);
    if (known) return known;
    memo.set(name, []); // a model that refers to itself
    const node = byName.get(name)!;
    const found: GeneratedKeyword[] = [];
    const bases = node.childForFieldName('superclasses');
    if (bases && FORBID.test(bases.text)) found.push({ keyword: 'additionalProperties', why: `${name}: extra="forbid"`, certain: true });
    for (const base of bases ? named(bases) : []) if (byName.has(base.text) && depth < 8) found.push(...keywordsOf(base.text, depth + 1));
    const body = node.childForFieldName('body');
    for (const statement of body ? named(body) : []) {
      if (statement.type === 'class_definition' && statement.childForFieldName('name')?.text === 'Config') {
        if (FORBID.test(statement.text)) found.push({ keyword: 'additionalProperties', why: `${name}.Config: extra = "forbid"`, certain: true });
        continue;
      }
      const assignment = statement.type === 'expression_statement' ? named(statement)[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left')?.text ?? '';
      const type = assignment.childForFieldName('type')?.text;
      const right = assignment.childForFieldName('right')?.text ?? '';
      if (left === 'model_config') {
        if (FORBID.test(right)) found.push({ keyword: 'additionalProperties', why: `${name}: model_config extra="forbid"`, certain: true });
        continue;
      }
      if (type) {
        found.push(...mappingKeywords(`${name}.${left}`, type));
        for (const other of type.match(/\b[A-Za-z_]\w*\b/g) ?? []) {
          if (other !== name && byName.has(other) && depth < 8) found.push(...keywordsOf(other, depth + 1));
        }
      }
      for (const match of right.matchAll(EXTRA_KEYWORD)) found.push({ keyword: match[1]!, why: `${name}.${left}: json_schema_extra`, certain: true });
    }
    memo.set(name, found);
    return found;
  };
  const models = new Map<string, GeneratedSchema>();
  for (const [name, node] of byName) {
    if (!isModel(node, new Set([name]))) continue;
    models.set(name, { generator: 'pydantic', keywords: keywordsOf(name, 0) });
  }
  return models;
}

/** `list[Recipe]`, `Recipe`, `Recipe.model_json_schema()` → `Recipe`. */
export function pydanticModelName(text: string): string | undefined {
  return /^(?:(?:typing\.)?(?:list|List)\[\s*)?([A-Za-z_]\w*)(?:\s*\])?(?:\.(?:model_json_schema|schema)\(\s*\))?$/.exec(text.trim())?.[1];
}

const ZOD_OBJECT = /^z\s*\.\s*(?:object|strictObject|looseObject)\s*\(/;

/**
 * What `zodToJsonSchema(schema, options)` or `z.toJSONSchema(schema, params)` emits. `schema` is the
 * zod source when the file shows it, `options` the second argument read as a value.
 */
export function zodSchema(callee: string, schema: SyntaxNode | undefined, options: Value | undefined): GeneratedSchema | undefined {
  const v4 = /(?:^|\.)toJSONSchema$/.test(callee);
  if (!v4 && !/(?:^|\.)zodToJsonSchema$/.test(callee)) return undefined;
  const generator = v4 ? 'z.toJSONSchema' : 'zod-to-json-schema';
  const target = field(options, 'target')?.value;
  const targetText = target?.kind === 'string' ? target.value : undefined;
  // Options the file does not show (a variable, a spread) may change the target.
  const hidden = (options !== undefined && options.kind !== 'object' && options.kind !== 'string') || (options?.kind === 'object' && options.open) || (target !== undefined && targetText === undefined);
  const keywords: GeneratedKeyword[] = [];
  // zod-to-json-schema writes $schema for its JSON-Schema targets (not openApi3); z.toJSONSchema for every draft.
  const jsonSchemaTarget = targetText === undefined ? !target : v4 ? !/openapi/i.test(targetText) : /^jsonSchema/.test(targetText);
  if (hidden) keywords.push({ keyword: '$schema', why: `${generator} with options the file does not show`, certain: false });
  else if (jsonSchemaTarget) keywords.push({ keyword: '$schema', why: targetText ? `${generator} with target ${targetText}` : `${generator}'s default target`, certain: true });
  const source = schema?.text.trimStart() ?? '';
  if (ZOD_OBJECT.test(source)) {
    // Options that change what unknown keys produce make it uncertain.
    const tuned = ['removeAdditionalStrategy', 'allowedAdditionalProperties', 'rejectedAdditionalProperties', 'io', 'override', 'postProcess'].some((k) => field(options, k));
    keywords.push({ keyword: 'additionalProperties', why: 'z.object', certain: !tuned && !hidden });
  }
  return { generator, keywords };
}
