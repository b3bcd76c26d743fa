/**
 * Rules on the request as a whole (tools, caching, schemas, batches, clients, keys): combinations the
 * API refuses although each setting alone is valid. Each is a plain function in the rule lists of
 * validate.ts.
 */
import type { CallRule, FileRule, Validation } from './validate';
import type { Entry, GeminiCall, GeneratedSchema, Range, Value } from './types';
import { cacheOf, moveIntoCache } from './cachedContent';
import { camelName, field, normalKey } from './values';

/** A setting of the request, in the config or beside it (REST bodies, legacy SDKs keep tools at the top). */
function setting(call: GeminiCall, name: string): Entry | undefined {
  return field(call.config, name) ?? field(call.request, name) ?? call.misplaced.find((e) => normalKey(e.key) === normalKey(name));
}

function present(entry: Entry | undefined): entry is Entry {
  return entry !== undefined && entry.value.kind !== 'null';
}

/** The function declarations among the tools, where they are visible. */
function functionDeclarations(tools: Value | undefined): Value[] {
  const list = tools?.kind === 'array' ? tools.items : tools?.kind === 'object' ? [tools] : [];
  return list.flatMap((tool) => {
    const declarations = field(tool, 'functionDeclarations')?.value;
    return declarations?.kind === 'array' ? declarations.items : declarations ? [declarations] : [];
  });
}

const UNSUPPORTED_SCHEMA_KEYS = new Set(['additionalproperties', '$schema', 'propertynames']);

/** JSON-Schema keywords Gemini's Schema type rejects, anywhere in a visible schema (bounded depth). */
function schemaProblems(schema: Value | undefined, found: Entry[] = [], depth = 0): Entry[] {
  if (!schema || depth > 32) return found;
  if (schema.kind === 'array') schema.items.forEach((item) => schemaProblems(item, found, depth + 1));
  if (schema.kind !== 'object') return found;
  for (const entry of schema.entries) {
    const key = normalKey(entry.key);
    if (UNSUPPORTED_SCHEMA_KEYS.has(key) || (key === 'enum' && entry.value.kind === 'array' && entry.value.items.length === 0)) found.push(entry);
    else schemaProblems(entry.value, found, depth + 1);
  }
  return found;
}

/** One finding per generated schema: the keywords its generator emits, and what in the source makes it. */
function generatedSchemaProblem(v: Validation, range: Range, schema: GeneratedSchema, instead: string): void {
  const certain = schema.keywords.filter((k) => k.certain);
  const shown = (certain.length > 0 ? certain : schema.keywords).slice(0, 3);
  if (shown.length === 0) return;
  const keywords = [...new Set(shown.map((k) => `"${k.keyword}"`))].join(' and ');
  const why = shown.map((k) => k.why).join('; ');
  if (certain.length > 0) {
    v.add('schema-keyword-unsupported', range, `${schema.generator} emits ${keywords} for this schema (${why}), which Gemini's Schema does not take: the SDK or the API refuses it (400 "Invalid JSON payload received. Unknown name"). Pass it as ${instead}, which takes JSON Schema.`);
  } else {
    v.add('schema-keyword-unsupported', range, `${schema.generator} may emit ${keywords} for this schema (${why}), depending on its version or options the file does not show; Gemini's Schema does not take it. If it does, pass the schema as ${instead}, which takes JSON Schema.`, undefined, 'info');
  }
}

const schemaKeywordUnsupported: CallRule = (v, { call }) => {
  const schemas: { value: Value; instead: string }[] = [];
  // Named as the SDK of the call spells its fields.
  const spelled = (name: string) => (call.language === 'python' ? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : name);
  const responseSchema = setting(call, 'responseSchema');
  if (responseSchema) schemas.push({ value: responseSchema.value, instead: spelled('responseJsonSchema') });
  for (const declaration of functionDeclarations(setting(call, 'tools')?.value)) {
    const parameters = field(declaration, 'parameters');
    if (parameters) schemas.push({ value: parameters.value, instead: spelled('parametersJsonSchema') });
  }
  for (const { value, instead } of schemas) {
    if (value.kind === 'unknown' && value.generated) {
      generatedSchemaProblem(v, value.range, value.generated, instead);
      continue;
    }
    for (const entry of schemaProblems(value)) {
      const what = normalKey(entry.key) === 'enum' ? 'an empty enum' : `"${entry.key}"`;
      v.add('schema-keyword-unsupported', entry.keyRange, `Gemini's Schema does not take ${what}: the API answers 400 (Invalid JSON payload received. Unknown name / cannot be empty). Drop it, or pass a full JSON Schema as ${instead}.`);
    }
  }
};

const jsonModeWithTools: CallRule = (v, { call }) => {
  const mime = setting(call, 'responseMimeType');
  if (mime?.value.kind !== 'string' || mime.value.value !== 'application/json') return;
  if (functionDeclarations(setting(call, 'tools')?.value).length === 0) return;
  v.add('json-mode-with-tools', mime.keyRange, 'responseMimeType "application/json" with function declarations: the API answers 400 ("Function calling with a response mime type: \'application/json\' is unsupported"). Use one or the other per request.');
};

/** Where the moved settings go, as the call's SDK names the cache creation. */
function cacheCreationName(call: GeminiCall): string {
  if (call.language === 'python') return 'client.caches.create(config=types.CreateCachedContentConfig(…))';
  if (call.language === 'go') return 'client.Caches.Create(…, &genai.CreateCachedContentConfig{…})';
  if (call.language === 'java') return 'client.caches.create(…, CreateCachedContentConfig.builder()…build())';
  if (call.language === 'csharp') return 'client.Caches.CreateAsync(…, config: new CreateCachedContentConfig { … })';
  if (call.api === 'rest' || call.api === 'curl') return 'the body of POST …/cachedContents';
  return 'ai.caches.create({ model, config: { … } })';
}

const cachedContentConflict: FileRule = (v, extraction, text) => {
  const caches = extraction.caches ?? [];
  for (const call of extraction.calls) {
    const cached = setting(call, 'cachedContent');
    if (!present(cached)) continue;
    const cache = cacheOf(cached.value, caches, call.api === 'rest' || call.api === 'curl');
    const conflicting = ['systemInstruction', 'tools', 'toolConfig'].map((name) => setting(call, name)).filter(present);
    for (const entry of conflicting) {
      const name = camelName(entry.key);
      const error = `${name} together with cachedContent: the API answers 400 ("CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config").`;
      if (!cache) {
        // Dropping it from the request alone would change what the model gets: it belongs in the cache.
        const where = caches.length > 0 ? 'this request does not name a cache this file creates' : 'the cache\'s creation is not in this file';
        v.add('cachedContent-conflict', entry.keyRange, `${error} It belongs in the cache: set it where the cache is created, in ${cacheCreationName(call)}, and drop it here (${where}).`);
        continue;
      }
      const moved = moveIntoCache(text, entry, cache, call.language);
      const line = cache.range.start.line + 1;
      if ('fix' in moved) {
        v.add('cachedContent-conflict', entry.keyRange, `${error} Move it into the cache created on line ${line}.`, { title: `Move ${name} into the cache creation`, edits: moved.fix.edits });
      } else {
        v.add('cachedContent-conflict', entry.keyRange, `${error} It belongs in the cache created on line ${line}; no quick fix, because ${moved.reason}.`);
      }
    }
  }
};

const EMBED_BATCH_LIMIT = 100;

const embedBatchTooLarge: CallRule = (v, { call }) => {
  if (!/embed/i.test(call.method)) return;
  const contents = call.contents;
  if (contents?.kind !== 'array' || contents.items.length <= EMBED_BATCH_LIMIT) return;
  v.add('embed-batch-too-large', contents.range, `${contents.items.length} items in one embedding batch: the API takes at most ${EMBED_BATCH_LIMIT} ("at most 100 requests can be in one batch"). Split it into batches of ${EMBED_BATCH_LIMIT}.`);
};

/** The per-call rules of this file, in order. */
export const requestRules: readonly CallRule[] = [schemaKeywordUnsupported, jsonModeWithTools, embedBatchTooLarge];

/** A Google API key: `AIza` and 35 more characters. */
const API_KEY = /AIza[0-9A-Za-z_-]{35}/g;

const apiKeyInCode: FileRule = (v, _extraction, text) => {
  for (const match of text.matchAll(API_KEY)) {
    const start = v.positionAt(match.index);
    const end = v.positionAt(match.index + match[0].length);
    // Never the key itself in the message: findings are printed and logged.
    v.add('api-key-in-code', { start, end }, 'A Google API key is written in this file: keys committed to code are found and disabled as leaked (the API then answers 403 PERMISSION_DENIED). Read it from an environment variable or a secret store, and rotate this one.');
  }
};

const isTrue = (value: Value | undefined) => value?.kind === 'boolean' && value.value;
const isSet = (value: Value | undefined) => value !== undefined && value.kind !== 'null' && !(value.kind === 'string' && value.value === '');

const clientConfigConflict: FileRule = (v, extraction) => {
  const clients = extraction.clients ?? [];
  for (const client of clients) {
    const vertex = isTrue(client.vertexai) || isSet(client.project) || isSet(client.location);
    if (isSet(client.apiKey) && (isSet(client.project) || isSet(client.location))) {
      const choose = 'Use the key for the Gemini Developer API, or project and location (with Application Default Credentials) for Vertex AI.';
      if (client.language === 'go' && isTrue(client.vertexai)) {
        // google.golang.org/genai refused this in its first releases; current ones accept it on the Vertex AI backend.
        v.add('client-config-conflict', client.apiKey!.range, `APIKey together with Project/Location on the Vertex AI backend: early releases of google.golang.org/genai refuse it ("project and API key are mutually exclusive in the client initializer"); current ones accept it, and the key and the project are then two different ways to authenticate. ${choose}`, undefined, 'info');
      } else {
        const refusal = client.language === 'go' ? '"project and location are not supported for Gemini API backend"; early releases: "project and API key are mutually exclusive"' : '"Project/location and API key are mutually exclusive in the client initializer"';
        // Go without a Backend follows GOOGLE_GENAI_USE_VERTEXAI, which the file does not show.
        const unsure = client.language === 'go' && client.vertexai === undefined;
        v.add('client-config-conflict', client.apiKey!.range, `An API key together with project/location in one client: the SDK refuses it (${refusal})${unsure ? ' unless GOOGLE_GENAI_USE_VERTEXAI selects Vertex AI' : ''}. ${choose}`, undefined, unsure ? 'warning' : undefined);
      }
    }
    const location = client.location?.kind === 'string' ? client.location.value : undefined;
    if (!vertex || location === undefined || location === 'global') continue;
    const preview = extraction.calls.find((c) => c.model?.kind === 'string' && /^(?:models\/)?gemini-3[\w.-]*-preview/.test(c.model.value));
    if (preview && preview.model?.kind === 'string') {
      v.add('client-config-conflict', client.location!.range, `${preview.model.value} is served on Vertex AI from the global location only; "${location}" answers 404 ("Publisher Model … was not found"). Use location "global".`,
        { title: 'Change to global', edits: [v.replaceValue(client.location!, 'global')] });
    }
  }
};

/** The whole-file rules of this file, in order. */
export const fileRequestRules: readonly FileRule[] = [cachedContentConflict, apiKeyInCode, clientConfigConflict];

