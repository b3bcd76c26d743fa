/** The rules "Validate Gemini Call" checks, each with a stable id and the source of its fact. */
import { modelRules } from './modelRules';

export type Severity = 'error' | 'warning' | 'info';

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly checks: string;
  readonly source: string;
}

// Public pages, so that what users read (README, CLI JSON) cites what they can open.
const MODELS_API = 'https://ai.google.dev/api/models (Model)';
const CONFIG_API = 'https://ai.google.dev/api/generate-content#generationconfig';
const GUIDE = 'https://ai.google.dev/gemini-api/docs/troubleshooting ("Check your API calls for model parameter errors")';

export const rules = [
  { id: 'model-unknown', severity: 'warning', checks: 'The model name is not a model the API lists (with the closest names).', source: `${MODELS_API}; https://ai.google.dev/gemini-api/docs/troubleshooting ("Check if you have the right model")` },
  { id: 'model-retired', severity: 'error', checks: 'The model was shut down (404 today); the quick fix puts a current model of the same tier.', source: 'https://ai.google.dev/gemini-api/docs/deprecations' },
  { id: 'model-deprecated', severity: 'warning', checks: 'The model has a scheduled shutdown date, or is a `-latest` alias that moves without notice.', source: 'https://ai.google.dev/gemini-api/docs/deprecations' },
  { id: 'model-unsupported-method', severity: 'error', checks: 'The model does not support the method called (an embedding model in generateContent).', source: `${MODELS_API}: supportedGenerationMethods` },
  { id: 'temperature-out-of-range', severity: 'error', checks: 'temperature within 0 and the model\'s maxTemperature (else 2).', source: `${CONFIG_API}; ${GUIDE}` },
  { id: 'topP-out-of-range', severity: 'error', checks: 'topP within 0 and 1.', source: `${CONFIG_API}; ${GUIDE}` },
  { id: 'topK-unsupported', severity: 'warning', checks: 'topK on a model that has no topK (nucleus-only), or below 1.', source: CONFIG_API },
  { id: 'candidateCount-out-of-range', severity: 'error', checks: 'candidateCount an integer from 1 to 8.', source: `${CONFIG_API}; ${GUIDE}` },
  { id: 'maxOutputTokens-over-limit', severity: 'error', checks: 'maxOutputTokens at most the model\'s outputTokenLimit.', source: `${CONFIG_API}; ${GUIDE}` },
  { id: 'maxOutputTokens-invalid', severity: 'error', checks: 'maxOutputTokens a positive integer.', source: CONFIG_API },
  { id: 'stopSequences-too-many', severity: 'error', checks: 'At most 5 stop sequences.', source: CONFIG_API },
  { id: 'thinkingBudget-out-of-range', severity: 'error', checks: 'thinkingBudget within the model\'s range (2.5 Pro 128–32768, no 0; 2.5 Flash 0–24576; 2.5 Flash-Lite 512–24576 or 0; -1 dynamic).', source: `${CONFIG_API}; https://ai.google.dev/gemini-api/docs/thinking ("Budget 0 is invalid")` },
  { id: 'thinking-unsupported', severity: 'warning', checks: 'Thinking settings on a model that does not think; thinkingBudget on Gemini 3, which uses thinkingLevel.', source: `${MODELS_API}: thinking; https://ai.google.dev/gemini-api/docs/thinking` },
  { id: 'thinkingBudget-and-thinkingLevel', severity: 'error', checks: 'thinkingBudget and thinkingLevel together (the API answers 400).', source: CONFIG_API },
  { id: 'responseSchema-without-json-mime', severity: 'error', checks: 'responseSchema / responseJsonSchema need responseMimeType application/json (text/x.enum for enums).', source: CONFIG_API },
  { id: 'logprobs-without-responseLogprobs', severity: 'error', checks: 'logprobs only with responseLogprobs: true.', source: CONFIG_API },
  { id: 'config-misplaced', severity: 'error', checks: 'Generation settings or systemInstruction beside `config` in @google/genai, where they are ignored; the quick fix moves them in.', source: `${CONFIG_API}; https://ai.google.dev/gemini-api/docs/text-generation` },
  { id: 'invalid-literal', severity: 'error', checks: 'A value that is not what it looks like: Python `8,192` is a tuple, a number written as a string.', source: CONFIG_API },
  { id: 'safety-setting-invalid', severity: 'error', checks: 'An unknown HarmCategory or HarmBlockThreshold name.', source: 'https://ai.google.dev/gemini-api/docs/safety-settings' },
  { id: 'invalid-json', severity: 'error', checks: 'A request body the API cannot parse: comments, trailing commas, broken JSON.', source: 'https://ai.google.dev/gemini-api/docs/troubleshooting ("Invalid JSON payload received")' },
  { id: 'sdk-mismatch', severity: 'error', checks: 'Legacy google.generativeai calls (configure, GenerativeModel) on the new `from google import genai`; `new GoogleGenAI(key)` instead of `{ apiKey }`; `models.*` on a legacy GoogleGenerativeAI client; Java classes com.google.genai does not have (VertexAI, GenerativeModel, GenerationConfig belong to com.google.cloud.vertexai).', source: 'https://ai.google.dev/gemini-api/docs/migrate' },
  { id: 'schema-keyword-unsupported', severity: 'error', checks: 'JSON-Schema keywords Gemini\'s Schema rejects (additionalProperties, $schema, propertyNames, an empty enum) in a responseSchema or a function declaration\'s parameters; responseJsonSchema / parametersJsonSchema take them.', source: `https://ai.google.dev/gemini-api/docs/function-calling (function calling: "Unknown name "additionalProperties"", "enum[0]: cannot be empty")` },
  { id: 'json-mode-with-tools', severity: 'error', checks: 'responseMimeType application/json together with function declarations.', source: `https://ai.google.dev/gemini-api/docs/function-calling (function calling: "Function calling with a response mime type: 'application/json' is unsupported")` },
  { id: 'cachedContent-conflict', severity: 'error', checks: 'cachedContent together with systemInstruction, tools or toolConfig in the same request; the quick fix moves them into the cache creation (caches.create config, a REST cachedContents body) when the file shows it.', source: `https://ai.google.dev/gemini-api/docs/caching (context caching: "CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config")` },
  { id: 'embed-batch-too-large', severity: 'error', checks: 'More than 100 contents in one batch embed.', source: `https://ai.google.dev/api/embeddings (embeddings: "at most 100 requests can be in one batch")` },
  { id: 'api-key-in-code', severity: 'error', checks: 'A literal Google API key (AIza…) in code or committed config, in a string, a URL\'s ?key= or a comment (never printed); a variable is not a finding.', source: `https://ai.google.dev/gemini-api/docs/api-key (static mistakes: hard-coded AIza… keys, leaked keys get 403)` },
  { id: 'client-config-conflict', severity: 'error', checks: 'An API key together with project/location in one client; a Gemini 3 preview on a regional Vertex AI location (only global serves it).', source: `https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations (Vertex AI: "Project/location and API key are mutually exclusive in the client initializer"; Gemini 3 previews are global-only)` },
  { id: 'openai-compat-unsupported', severity: 'error', checks: 'The openai SDK on Gemini\'s OpenAI-compatible endpoint: a base URL without /openai/, or an OpenAI parameter the compatibility layer refuses (web_search_options).', source: `https://ai.google.dev/gemini-api/docs/openai (OpenAI-compatible endpoint: "Invalid JSON payload received. Unknown name "web_search_options"")` },
  ...modelRules,
] as const satisfies readonly Rule[];

export type RuleId = (typeof rules)[number]['id'];

const DOCS = {
  models: 'https://ai.google.dev/gemini-api/docs/models',
  deprecations: 'https://ai.google.dev/gemini-api/docs/deprecations',
  parameters: 'https://ai.google.dev/gemini-api/docs/troubleshooting#check-api',
  thinking: 'https://ai.google.dev/gemini-api/docs/thinking',
  structured: 'https://ai.google.dev/gemini-api/docs/structured-output',
  safety: 'https://ai.google.dev/gemini-api/docs/safety-settings',
  reference: 'https://ai.google.dev/api/generate-content',
  migrate: 'https://ai.google.dev/gemini-api/docs/migrate',
  functionCalling: 'https://ai.google.dev/gemini-api/docs/function-calling',
  caching: 'https://ai.google.dev/gemini-api/docs/caching',
  embeddings: 'https://ai.google.dev/gemini-api/docs/embeddings',
  apiKey: 'https://ai.google.dev/gemini-api/docs/api-key',
  vertexLocations: 'https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations',
  openai: 'https://ai.google.dev/gemini-api/docs/openai',
} as const;

/** The official page that explains what a rule checks. */
export function ruleDocs(id: RuleId): string {
  if (id === 'model-retired' || id === 'model-deprecated' || id === 'model-auto-routed') return DOCS.deprecations;
  if (id === 'temperature-low-on-gemini-3') return 'https://ai.google.dev/gemini-api/docs/gemini-3';
  if (id.startsWith('model-')) return DOCS.models;
  if (id.startsWith('thinking')) return DOCS.thinking;
  if (id === 'responseSchema-without-json-mime' || id === 'schema-keyword-unsupported') return DOCS.structured;
  if (id === 'json-mode-with-tools') return DOCS.functionCalling;
  if (id === 'cachedContent-conflict') return DOCS.caching;
  if (id === 'embed-batch-too-large') return DOCS.embeddings;
  if (id === 'api-key-in-code') return DOCS.apiKey;
  if (id === 'client-config-conflict') return DOCS.vertexLocations;
  if (id === 'openai-compat-unsupported') return DOCS.openai;
  if (id === 'safety-setting-invalid') return DOCS.safety;
  if (id === 'sdk-mismatch') return DOCS.migrate;
  if (id === 'config-misplaced' || id === 'invalid-json' || id === 'logprobs-without-responseLogprobs') return DOCS.reference;
  return DOCS.parameters;
}

export function rule(id: RuleId): Rule {
  return rules.find((r) => r.id === id)!;
}
