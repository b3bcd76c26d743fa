/**
 * The request-level rules (schemas, tools, caching, batches, clients, keys, the OpenAI-compatible
 * endpoint) in every language where they apply, with their traps: commented-out code, values that
 * are not literals, the configs of other providers. Fixture in, rule ids out.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallLanguage } from '../../../src/core/calls/extract';
import { validate, type CallFinding } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';

const facts = { source: 'snapshot' as const, label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels };
const parser = new CallParser();
const MODEL = 'gemini-2.5-flash-lite';
/** A key-shaped string built at run time, so this file holds no key literal itself. */
const KEY = ['AIza', 'Sy', 'D'.repeat(33)].join('');

async function rulesOf(language: CallLanguage, text: string): Promise<{ ids: string[]; findings: CallFinding[] }> {
  const findings = validate(await parser.extract(language, text), text, facts).filter((f) => f.severity !== 'info');
  return { ids: findings.map((f) => f.ruleId).sort(), findings };
}

// Each rule, written as each API spells it.
const ts = (config: string, method = 'generateContent', extra = '') => `const ai = new GoogleGenAI({});\nawait ai.models.${method}({ model: "${MODEL}", contents: "hi"${extra}, config: { ${config} } });\n`;
const py = (config: string, method = 'generate_content', extra = '') => `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.${method}(model="${MODEL}", contents="hi"${extra}, config=types.GenerateContentConfig(${config}))\n`;
const go = (config: string) => `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client.Models.GenerateContent(ctx, "${MODEL}", genai.Text("hi"), &genai.GenerateContentConfig{${config}})\n}\n`;
const java = (config: string) => `import com.google.genai.Client;\nclass A { void f() {\n  GenerateContentConfig config = GenerateContentConfig.builder()${config}.build();\n  client.models.generateContent("${MODEL}", "hi", config);\n} }\n`;
const cs = (config: string) => `using Google.GenAI;\nvar config = new GenerateContentConfig { ${config} };\nvar r = await client.Models.GenerateContentAsync(model: "${MODEL}", contents: "hi", config: config);\n`;
const rest = (body: string) => `curl "https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:generateContent" -H "x-goog-api-key: $GEMINI_API_KEY" -d '{"contents": [{"parts": [{"text": "hi"}]}], ${body}}'\n`;

const tsTool = (params: string) => `tools: [{ functionDeclarations: [{ name: "f", parameters: ${params} }] }]`;
const pyTool = (params: string) => `tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="f", parameters=${params})])]`;
/** A pydantic model `Recipe` with the given field lines. */
const pydantic = (fields: string) => `from pydantic import BaseModel, ConfigDict, Field\nclass Recipe(BaseModel):\n    name: str\n${fields}\n`;
const hundredAndOne = Array.from({ length: 101 }, (_, i) => `"t${i}"`).join(', ');

const table: { name: string; language: CallLanguage; text: string; rules: string[] }[] = [
  // schema-keyword-unsupported
  { name: 'TS: additionalProperties in function parameters', language: 'typescript', text: ts(tsTool('{ type: "object", additionalProperties: false }')), rules: ['schema-keyword-unsupported'] },
  { name: 'Python: $schema in a response schema', language: 'python', text: py('response_mime_type="application/json", response_schema={"$schema": "x", "type": "object"}'), rules: ['schema-keyword-unsupported'] },
  { name: 'Python: additionalProperties in a FunctionDeclaration', language: 'python', text: py(pyTool('{"type": "object", "additionalProperties": False}')), rules: ['schema-keyword-unsupported'] },
  { name: 'REST: propertyNames and an empty enum', language: 'bash', text: rest('"tools": [{"functionDeclarations": [{"name": "f", "parameters": {"type": "object", "propertyNames": {}, "properties": {"a": {"type": "string", "enum": []}}}}]}]'), rules: ['schema-keyword-unsupported', 'schema-keyword-unsupported'] },
  { name: 'C#: additionalProperties in a response schema', language: 'csharp', text: cs('ResponseMimeType = "application/json", ResponseSchema = new Schema { AdditionalProperties = false }'), rules: ['schema-keyword-unsupported'] },
  { name: 'trap: responseJsonSchema takes JSON Schema', language: 'typescript', text: ts('responseMimeType: "application/json", responseJsonSchema: { type: "object", additionalProperties: false }'), rules: [] },
  { name: 'trap: parametersJsonSchema takes JSON Schema', language: 'typescript', text: ts('tools: [{ functionDeclarations: [{ name: "f", parametersJsonSchema: { additionalProperties: false } }] }]'), rules: [] },
  { name: 'trap: a schema built elsewhere is not guessed', language: 'python', text: py('response_mime_type="application/json", response_schema=Recipe.model_json_schema()'), rules: [] },
  // schema-keyword-unsupported with generated schemas (pydantic, zod), where the source is in the file
  { name: 'Python: a pydantic model with a dict[str, int] field as response_schema', language: 'python', text: pydantic('    counts: dict[str, int]\n') + py('response_mime_type="application/json", response_schema=Recipe'), rules: ['schema-keyword-unsupported'] },
  { name: 'Python: list[Model] with a typing.Dict field, in a dict config', language: 'python', text: `from typing import Dict\n${pydantic('    scores: Dict[str, float] = Field(..., description="by judge")\n')}client.models.generate_content(model="${MODEL}", contents="hi", config={"response_mime_type": "application/json", "response_schema": list[Recipe]})\n`, rules: ['schema-keyword-unsupported'] },
  { name: 'Python: model_config extra="forbid"', language: 'python', text: pydantic('    model_config = ConfigDict(extra="forbid")\n') + py('response_mime_type="application/json", response_schema=Recipe'), rules: ['schema-keyword-unsupported'] },
  { name: 'Python: Field(json_schema_extra={"additionalProperties": False})', language: 'python', text: pydantic('    meta: Meta = Field(..., json_schema_extra={"additionalProperties": False})\n') + py('response_mime_type="application/json", response_schema=Recipe'), rules: ['schema-keyword-unsupported'] },
  { name: 'Python: a nested model of the file with a dict field', language: 'python', text: `from pydantic import BaseModel\nclass Step(BaseModel):\n    tools: dict[str, str]\n${pydantic('    steps: list[Step]\n')}${py('response_mime_type="application/json", response_schema=Recipe')}`, rules: ['schema-keyword-unsupported'] },
  { name: 'Python: Model.model_json_schema() as FunctionDeclaration parameters', language: 'python', text: pydantic('    filters: dict[str, list[str]]\n') + py(pyTool('Recipe.model_json_schema()')), rules: ['schema-keyword-unsupported'] },
  { name: 'trap: the same model as response_json_schema', language: 'python', text: pydantic('    counts: dict[str, int]\n') + py('response_mime_type="application/json", response_json_schema=Recipe.model_json_schema()'), rules: [] },
  { name: 'trap: a pydantic model without mappings', language: 'python', text: pydantic('    ingredients: list[str]\n') + py('response_mime_type="application/json", response_schema=list[Recipe]'), rules: [] },
  { name: 'trap: a commented-out dict field', language: 'python', text: pydantic('    # counts: dict[str, int]\n') + py('response_mime_type="application/json", response_schema=Recipe'), rules: [] },
  { name: 'trap: a dict field in a class that is not a pydantic model', language: 'python', text: 'from dataclasses import dataclass\n@dataclass\nclass Recipe:\n    name: str\n    counts: dict[str, int]\n' + py('response_mime_type="application/json", response_schema=Recipe'), rules: [] },
  { name: 'trap: the openai SDK\'s response_format with a pydantic model', language: 'python', text: pydantic('    counts: dict[str, int]\n') + 'from openai import OpenAI\nclient = OpenAI()\nclient.beta.chat.completions.parse(model="gpt-4o", messages=m, response_format=Recipe)\n', rules: [] },
  { name: 'TS: zodToJsonSchema(schema) as function parameters', language: 'typescript', text: `import { z } from "zod";\nimport { zodToJsonSchema } from "zod-to-json-schema";\nconst args = z.object({ city: z.string() });\n${ts(tsTool('zodToJsonSchema(args)'))}`, rules: ['schema-keyword-unsupported'] },
  { name: 'TS: z.toJSONSchema(schema) as responseSchema', language: 'typescript', text: `import { z } from "zod";\nconst Recipe = z.object({ name: z.string() });\n${ts('responseMimeType: "application/json", responseSchema: z.toJSONSchema(Recipe)')}`, rules: ['schema-keyword-unsupported'] },
  { name: 'JS: zodToJsonSchema with target openApi3 still emits additionalProperties for z.object', language: 'javascript', text: `const { z } = require("zod");\nconst args = z.object({ city: z.string() });\n${ts(tsTool('zodToJsonSchema(args, { target: "openApi3" })'))}`, rules: ['schema-keyword-unsupported'] },
  { name: 'trap: zodToJsonSchema as parametersJsonSchema', language: 'typescript', text: `const args = z.object({ city: z.string() });\n${ts('tools: [{ functionDeclarations: [{ name: "f", parametersJsonSchema: zodToJsonSchema(args) }] }]')}`, rules: [] },
  { name: 'trap: z.toJSONSchema as responseJsonSchema', language: 'typescript', text: `const Recipe = z.object({ name: z.string() });\n${ts('responseMimeType: "application/json", responseJsonSchema: z.toJSONSchema(Recipe)')}`, rules: [] },
  { name: 'trap: target openApi3 with a schema imported from elsewhere', language: 'typescript', text: `import { args } from "./schemas";\n${ts(tsTool('zodToJsonSchema(args, { target: "openApi3" })'))}`, rules: [] },
  { name: 'trap: a commented-out zod parameters line', language: 'typescript', text: ts(`tools: [{ functionDeclarations: [{ name: "f",\n // parameters: zodToJsonSchema(args),\n parameters: { type: "object" } }] }]`), rules: [] },
  // json-mode-with-tools
  { name: 'TS: JSON mode with function declarations', language: 'typescript', text: ts(`responseMimeType: "application/json", ${tsTool('{ type: "object" }')}`), rules: ['json-mode-with-tools'] },
  { name: 'Python: JSON mode with function declarations', language: 'python', text: py(`response_mime_type="application/json", ${pyTool('{"type": "object"}')}`), rules: ['json-mode-with-tools'] },
  { name: 'Go: JSON mode with function declarations', language: 'go', text: go('ResponseMIMEType: "application/json", Tools: []*genai.Tool{{FunctionDeclarations: []*genai.FunctionDeclaration{{Name: "f"}}}}'), rules: ['json-mode-with-tools'] },
  { name: 'Java: JSON mode with function declarations', language: 'java', text: java('.responseMimeType("application/json").tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder().name("f").build()).build())'), rules: ['json-mode-with-tools'] },
  { name: 'REST: JSON mode with function declarations', language: 'bash', text: rest('"tools": [{"functionDeclarations": [{"name": "f"}]}], "generationConfig": {"responseMimeType": "application/json"}'), rules: ['json-mode-with-tools'] },
  { name: 'trap: JSON mode with code execution only', language: 'typescript', text: ts('responseMimeType: "application/json", tools: [{ codeExecution: {} }]'), rules: [] },
  { name: 'trap: commented-out tools', language: 'typescript', text: ts('responseMimeType: "application/json", // tools: [{ functionDeclarations: [{ name: "f" }] }]\n'), rules: [] },
  // cachedContent-conflict
  { name: 'TS: cachedContent with systemInstruction', language: 'typescript', text: ts('cachedContent: cache.name, systemInstruction: "be brief"'), rules: ['cachedContent-conflict'] },
  { name: 'Python: cachedContent with tools', language: 'python', text: py(`cached_content=cache.name, ${pyTool('{"type": "object"}')}`), rules: ['cachedContent-conflict'] },
  { name: 'REST: cachedContent with toolConfig', language: 'bash', text: rest('"cachedContent": "cachedContents/x", "toolConfig": {"functionCallingConfig": {"mode": "ANY"}}'), rules: ['cachedContent-conflict'] },
  { name: 'C#: cachedContent with systemInstruction', language: 'csharp', text: cs('CachedContent = cache.Name, SystemInstruction = instruction'), rules: ['cachedContent-conflict'] },
  { name: 'trap: cachedContent alone', language: 'typescript', text: ts('cachedContent: cache.name, temperature: 1'), rules: [] },
  { name: 'trap: a \'"$VAR"\' splice is not JSON: no invalid-json, no guess', language: 'bash', text: `curl "https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:generateContent" -d '{"contents": [], "cachedContent": "'"$CACHE"'", "systemInstruction": {"parts": []}, "generationConfig": {"temperature": 5}}'\n`, rules: [] },
  // embed-batch-too-large
  { name: 'TS: 101 contents in one embedContent', language: 'typescript', text: `const ai = new GoogleGenAI({});\nawait ai.models.embedContent({ model: "gemini-embedding-001", contents: [${hundredAndOne}] });\n`, rules: ['embed-batch-too-large'] },
  { name: 'Python: 101 contents in one embed_content', language: 'python', text: `from google import genai\nclient = genai.Client()\nclient.models.embed_content(model="gemini-embedding-001", contents=[${hundredAndOne}])\n`, rules: ['embed-batch-too-large'] },
  { name: 'REST: 101 requests in batchEmbedContents', language: 'json', text: `{"requests": [${Array.from({ length: 101 }, () => '{"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "x"}]}}').join(', ')}]}`, rules: ['embed-batch-too-large'] },
  { name: 'trap: 100 contents is the limit', language: 'typescript', text: `await ai.models.embedContent({ model: "gemini-embedding-001", contents: [${Array.from({ length: 100 }, (_, i) => `"t${i}"`).join(', ')}] });\n`, rules: [] },
  // api-key-in-code
  { name: 'TS: a key in the client options', language: 'typescript', text: `const ai = new GoogleGenAI({ apiKey: "${KEY}" });\n`, rules: ['api-key-in-code'] },
  { name: 'Python: a key in genai.Client', language: 'python', text: `from google import genai\nclient = genai.Client(api_key="${KEY}")\n`, rules: ['api-key-in-code'] },
  { name: 'curl: a key in ?key=', language: 'bash', text: `curl "https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:generateContent?key=${KEY}" -d '{"contents": []}'\n`, rules: ['api-key-in-code'] },
  { name: 'Java: a key in the builder', language: 'java', text: `class A { Client c = Client.builder().apiKey("${KEY}").build(); }\n`, rules: ['api-key-in-code'] },
  { name: 'C#: a key on a commented-out line (still committed)', language: 'csharp', text: `using Mscc.GenerativeAI;\n//var apiKey = "${KEY}";\nvar googleAI = new GoogleAI(apiKey: apiKey);\n`, rules: ['api-key-in-code'] },
  { name: 'Go: a key in ClientConfig', language: 'go', text: `package main\nimport "google.golang.org/genai"\nvar c = &genai.ClientConfig{APIKey: "${KEY}"}\n`, rules: ['api-key-in-code'] },
  { name: 'trap: ?key=${GEMINI_API_KEY} is a variable', language: 'bash', text: `curl "https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:generateContent?key=\${GEMINI_API_KEY}" -d '{"contents": []}'\n`, rules: [] },
  { name: 'trap: a key from the environment', language: 'python', text: 'from google import genai\nimport os\nclient = genai.Client(api_key=os.environ["GEMINI_API_KEY"])\n', rules: [] },
  // client-config-conflict
  { name: 'Python: api_key with vertexai, project and location', language: 'python', text: 'from google import genai\nclient = genai.Client(api_key=key, vertexai=True, project="p", location="us-central1")\n', rules: ['client-config-conflict'] },
  { name: 'TS: apiKey with project', language: 'typescript', text: 'const ai = new GoogleGenAI({ apiKey: key, vertexai: true, project: "p", location: "global" });\n', rules: ['client-config-conflict'] },
  { name: 'Python: a Gemini 3 preview on a regional location', language: 'python', text: 'from google import genai\nclient = genai.Client(vertexai=True, project="p", location="us-central1")\nclient.models.generate_content(model="gemini-3.1-pro-preview", contents="hi")\n', rules: ['client-config-conflict'] },
  { name: 'trap: a Gemini 3 preview on global', language: 'python', text: 'from google import genai\nclient = genai.Client(vertexai=True, project="p", location="global")\nclient.models.generate_content(model="gemini-3.1-pro-preview", contents="hi")\n', rules: [] },
  { name: 'trap: vertexai with project and location, no key', language: 'typescript', text: 'const ai = new GoogleGenAI({ vertexai: true, project: "p", location: "us-central1" });\n', rules: [] },
  { name: 'JS: apiKey with vertexai, project and location', language: 'javascript', text: 'const { GoogleGenAI } = require("@google/genai");\nconst ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY, vertexai: true, project: "p", location: "us-central1" });\n', rules: ['client-config-conflict'] },
  { name: 'JS: a Gemini 3 preview on a regional location', language: 'javascript', text: 'const ai = new GoogleGenAI({ vertexai: true, project: "p", location: "europe-west4" });\nawait ai.models.generateContent({ model: "gemini-3-flash-preview", contents: "hi" });\n', rules: ['client-config-conflict'] },
  { name: 'Go: APIKey with Project on the Gemini API backend', language: 'go', text: `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client, _ := genai.NewClient(ctx, &genai.ClientConfig{APIKey: key, Backend: genai.BackendGeminiAPI, Project: "p", Location: "us-central1"})\n}\n`, rules: ['client-config-conflict'] },
  { name: 'Go: a Gemini 3 preview on a regional location', language: 'go', text: `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client, _ := genai.NewClient(ctx, &genai.ClientConfig{Backend: genai.BackendVertexAI, Project: "p", Location: "us-central1"})\n  client.Models.GenerateContent(ctx, "gemini-3.1-pro-preview", genai.Text("hi"), nil)\n}\n`, rules: ['client-config-conflict'] },
  { name: 'Java: apiKey with vertexAI, project and location', language: 'java', text: 'import com.google.genai.Client;\nclass A { Client c = Client.builder().apiKey(apiKey).vertexAI(true).project("p").location("us-central1").build(); }\n', rules: ['client-config-conflict'] },
  { name: 'Java: a Gemini 3 preview on a regional location', language: 'java', text: 'import com.google.genai.Client;\nclass A { void f() {\n  Client client = Client.builder().vertexAI(true).project("p").location("us-east1").build();\n  client.models.generateContent("gemini-3-flash-preview", "hi", null);\n} }\n', rules: ['client-config-conflict'] },
  { name: 'C#: apiKey with vertexAI, project and location', language: 'csharp', text: 'using Google.GenAI;\nvar client = new Client(apiKey: apiKey, vertexAI: true, project: "p", location: "us-central1");\n', rules: ['client-config-conflict'] },
  { name: 'C#: a Gemini 3 preview on a regional location', language: 'csharp', text: 'using Google.GenAI;\nvar client = new Client(vertexAI: true, project: "p", location: "asia-northeast1");\nvar r = await client.Models.GenerateContentAsync(model: "gemini-3-flash-preview", contents: "hi");\n', rules: ['client-config-conflict'] },
  { name: 'trap: Go Vertex AI client on global', language: 'go', text: `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client, _ := genai.NewClient(ctx, &genai.ClientConfig{Backend: genai.BackendVertexAI, Project: "p", Location: "global"})\n  client.Models.GenerateContent(ctx, "gemini-3.1-pro-preview", genai.Text("hi"), nil)\n}\n`, rules: [] },
  { name: 'trap: Go APIKey commented out beside Project', language: 'go', text: `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client, _ := genai.NewClient(ctx, &genai.ClientConfig{\n    // APIKey: key,\n    Backend: genai.BackendVertexAI, Project: "p", Location: "global",\n  })\n}\n`, rules: [] },
  { name: 'trap: another Go SDK\'s ClientConfig', language: 'go', text: `package main\nimport "example.com/search"\nfunc f() {\n  c := search.NewClient(&search.ClientConfig{APIKey: key, Project: "p", Location: "us-central1"})\n}\n`, rules: [] },
  { name: 'trap: another Python library\'s Client(api_key=…, project=…)', language: 'python', text: 'from tracking import Client\nclient = Client(api_key=key, project="p", location="us-central1")\n', rules: [] },
  { name: 'Python: google.genai Client imported by name', language: 'python', text: 'from google.genai import Client\nclient = Client(api_key=key, vertexai=True, project="p", location="us-central1")\n', rules: ['client-config-conflict'] },
  { name: 'trap: Java key-only client', language: 'java', text: 'import com.google.genai.Client;\nclass A { Client c = Client.builder().apiKey(apiKey).build(); }\n', rules: [] },
  { name: 'trap: Java location in a variable is not guessed', language: 'java', text: 'import com.google.genai.Client;\nclass A { void f(String region) {\n  Client client = Client.builder().vertexAI(true).project("p").location(region).build();\n  client.models.generateContent("gemini-3-flash-preview", "hi", null);\n} }\n', rules: [] },
  { name: 'trap: another library\'s Java Client.builder()', language: 'java', text: 'import io.example.Client;\nclass A { Client c = Client.builder().apiKey(k).project("p").location("us-central1").build(); }\n', rules: [] },
  { name: 'trap: another library\'s C# Client', language: 'csharp', text: 'using Example.Sdk;\nvar client = new Client(apiKey: apiKey, project: "p", location: "us-central1");\n', rules: [] },
  { name: 'trap: C# Vertex AI client without a key', language: 'csharp', text: 'using Google.GenAI;\nvar client = new Client(vertexAI: true, project: "p", location: "us-central1");\n', rules: [] },
  // openai-compat-unsupported
  { name: 'Python openai SDK: web_search_options', language: 'python', text: `from openai import OpenAI\nclient = OpenAI(api_key=k, base_url="https://generativelanguage.googleapis.com/v1beta/openai/")\nclient.chat.completions.create(model="${MODEL}", messages=m, web_search_options={})\n`, rules: ['openai-compat-unsupported'] },
  { name: 'TS openai SDK: a base URL without /openai/', language: 'typescript', text: `const openai = new OpenAI({ apiKey: k, baseURL: "https://generativelanguage.googleapis.com/v1beta/" });\nawait openai.chat.completions.create({ model: "${MODEL}", messages });\n`, rules: ['openai-compat-unsupported'] },
  { name: 'openai SDK: OpenAI-named settings are checked', language: 'python', text: `from openai import OpenAI\nclient = OpenAI(base_url="https://generativelanguage.googleapis.com/v1beta/openai/")\nclient.chat.completions.create(model="${MODEL}", messages=m, temperature=3, max_tokens=100000)\n`, rules: ['maxOutputTokens-over-limit', 'temperature-out-of-range'] },
  { name: 'trap: the openai SDK on OpenAI itself', language: 'python', text: 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=m, web_search_options={}, temperature=3)\n', rules: [] },
  // Configuration kept apart from the call.
  { name: 'TS: an exported config object with a retired model and a bad temperature', language: 'typescript', text: 'export const GEMINI_CONFIG = {\n  model: "gemini-2.5-flash-lite",\n  temperature: 3,\n};\n', rules: ['temperature-out-of-range'] },
  { name: 'Python: a config.py settings module', language: 'python', text: 'MODEL_ID = "gemini-2.5-flash-lite"\nGENERATION_CONFIG = {"temperature": 0.5, "top_p": 1.5}\n', rules: ['topP-out-of-range'] },
  { name: 'Python: a model in a class attribute', language: 'python', text: 'from google import genai\nclass Bot:\n    MODEL = "gemini-2.5-flash-lite"\n    def ask(self):\n        return client.models.generate_content(model=self.MODEL, contents="hi", config={"temperature": 3})\n', rules: ['temperature-out-of-range'] },
  { name: 'trap: another provider\'s config object', language: 'typescript', text: 'export const OPENAI_CONFIG = {\n  model: "gpt-4o",\n  temperature: 3,\n};\n', rules: [] },
  { name: 'Python: LangChain ChatGoogleGenerativeAI', language: 'python', text: 'from langchain_google_genai import ChatGoogleGenerativeAI\nllm = ChatGoogleGenerativeAI(model="gemini-2.5-flash-lite", temperature=5, max_output_tokens=100000)\n', rules: ['maxOutputTokens-over-limit', 'temperature-out-of-range'] },
  { name: 'trap: LangChain ChatOpenAI', language: 'python', text: 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", temperature=5)\n', rules: [] },
];

describe('request rules, in every language where they apply', () => {
  for (const row of table) {
    it(row.name, async () => {
      const { ids, findings } = await rulesOf(row.language, row.text);
      assert.deepEqual(ids, [...row.rules].sort(), findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
    });
  }

  it('Go on the Vertex AI backend takes a key with a project (current releases): an information note only', async () => {
    const text = `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client, _ := genai.NewClient(ctx, &genai.ClientConfig{APIKey: key, Backend: genai.BackendVertexAI, Project: "p", Location: "global"})\n}\n`;
    const all = validate(await parser.extract('go', text), text, facts).filter((f) => f.ruleId === 'client-config-conflict');
    assert.deepEqual(all.map((f) => f.severity), ['info']);
    assert.match(all[0]!.message, /early releases/);
  });

  it('generated schemas: what depends on the version or hidden options is an information note with its reason', async () => {
    const any = pydantic('    extra: dict[str, Any]\n') + py('response_mime_type="application/json", response_schema=Recipe');
    const notes = validate(await parser.extract('python', any), any, facts).filter((f) => f.ruleId === 'schema-keyword-unsupported');
    assert.deepEqual(notes.map((f) => f.severity), ['info']);
    assert.match(notes[0]!.message, /pydantic may emit "additionalProperties".*Recipe\.extra: dict\[str, Any\]/);
    const hidden = `const args = z.object({ a: z.string() });\n${ts(tsTool('zodToJsonSchema(args, options)'))}`;
    const zod = validate(await parser.extract('typescript', hidden), hidden, facts).filter((f) => f.ruleId === 'schema-keyword-unsupported');
    assert.deepEqual(zod.map((f) => f.severity), ['info']);
    const certain = pydantic('    counts: dict[str, int]\n') + py('response_mime_type="application/json", response_schema=Recipe');
    const error = validate(await parser.extract('python', certain), certain, facts).find((f) => f.ruleId === 'schema-keyword-unsupported')!;
    assert.match(error.message, /Recipe\.counts: dict\[str, int\].*response_json_schema/);
  });

  describe('cachedContent-conflict: the quick fix moves the settings into the cache creation, where the file shows it', () => {
    const apply = (text: string, finding: CallFinding) => {
      const lines = text.split('\n');
      const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      const edits = [...finding.fix!.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
      return edits.reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
    };
    const SYS = 'const SYSTEM = "You are an expert.";\n';
    const fixes: { name: string; language: CallLanguage; text: string; moved: RegExp }[] = [
      { name: 'TS', language: 'typescript', text: `${SYS}const cache = await ai.caches.create({ model: "${MODEL}", config: { contents: [doc], ttl: "300s" } });\nawait ai.models.generateContent({ model: "${MODEL}", contents: "q", config: { cachedContent: cache.name, systemInstruction: SYSTEM } });\n`, moved: /caches\.create\(\{ model: "[^"]+", config: \{ systemInstruction: SYSTEM, contents/ },
      { name: 'JS, a cache name through a constant', language: 'javascript', text: `const cache = await ai.caches.create({\n  model: "${MODEL}",\n  config: {\n    contents: [doc],\n  },\n});\nconst cacheName = cache.name;\nawait ai.models.generateContent({\n  model: "${MODEL}",\n  contents: "q",\n  config: {\n    cachedContent: cacheName,\n    toolConfig: { functionCallingConfig: { mode: "ANY" } },\n  },\n});\n`, moved: /config: \{\n {4}toolConfig: \{ functionCallingConfig: \{ mode: "ANY" \} \},\n {4}contents/ },
      { name: 'Python', language: 'python', text: `from google import genai\nfrom google.genai import types\nSYSTEM = "You are an expert."\ncache = client.caches.create(\n    model="${MODEL}",\n    config=types.CreateCachedContentConfig(\n        contents=[document],\n        ttl="300s",\n    ),\n)\nclient.models.generate_content(\n    model="${MODEL}",\n    contents="q",\n    config=types.GenerateContentConfig(\n        cached_content=cache.name,\n        system_instruction=SYSTEM,\n        temperature=0.2,\n    ),\n)\n`, moved: /CreateCachedContentConfig\(\n {8}system_instruction=SYSTEM,\n {8}contents/ },
      { name: 'Python, a dict config into the keyword config', language: 'python', text: `from google import genai\ncache = client.caches.create(model="${MODEL}", config=types.CreateCachedContentConfig(contents=[document]))\nclient.models.generate_content(model="${MODEL}", contents="q", config={"cached_content": cache.name, "system_instruction": "Be brief."})\n`, moved: /CreateCachedContentConfig\(system_instruction="Be brief\.", contents/ },
      { name: 'Go, the SDK imported in a block', language: 'go', text: `package main\nimport (\n  "context"\n  "google.golang.org/genai"\n)\nfunc f() {\n  cache, _ := client.Caches.Create(ctx, "${MODEL}", &genai.CreateCachedContentConfig{Contents: contents})\n  client.Models.GenerateContent(ctx, "${MODEL}", genai.Text("q"), &genai.GenerateContentConfig{CachedContent: cache.Name, SystemInstruction: genai.NewContentFromText("Be brief.", genai.RoleUser)})\n}\n`, moved: /CreateCachedContentConfig\{SystemInstruction: genai\.NewContentFromText\("Be brief\.", genai\.RoleUser\), Contents/ },
      { name: 'Java', language: 'java', text: `import com.google.genai.Client;\nclass A { void f() {\n  Content instruction = Content.fromParts(Part.fromText("Be brief."));\n  CachedContent cache = client.caches.create("${MODEL}", CreateCachedContentConfig.builder().contents(contents).build());\n  GenerateContentConfig config = GenerateContentConfig.builder()\n      .cachedContent(cache.name().get())\n      .systemInstruction(instruction)\n      .build();\n  client.models.generateContent("${MODEL}", "q", config);\n} }\n`, moved: /\.contents\(contents\)\.systemInstruction\(instruction\)\.build\(\)\);\n {2}GenerateContentConfig config = GenerateContentConfig\.builder\(\)\n {6}\.cachedContent\(cache\.name\(\)\.get\(\)\)\n {6}\.build\(\)/ },
      { name: 'C#', language: 'csharp', text: `using Google.GenAI;\nvar instruction = new Content();\nvar cache = await client.Caches.CreateAsync(model: "${MODEL}", config: new CreateCachedContentConfig { Contents = contents });\nvar config = new GenerateContentConfig { CachedContent = cache.Name, SystemInstruction = instruction };\nvar r = await client.Models.GenerateContentAsync(model: "${MODEL}", contents: "q", config: config);\n`, moved: /new CreateCachedContentConfig \{ SystemInstruction = instruction, Contents = contents \}/ },
      { name: 'REST: the cache named by a shell variable', language: 'bash', text: `curl "https://generativelanguage.googleapis.com/v1beta/cachedContents" -d '{"model": "models/${MODEL}", "contents": [{"parts": [{"text": "doc"}]}], "ttl": "300s"}' > cache.json\n${rest('"cachedContent": "$CACHE_NAME", "systemInstruction": {"parts": [{"text": "Be brief."}]}')}`, moved: /cachedContents" -d '\{"systemInstruction": \{"parts": \[\{"text": "Be brief\."\}\]\}, "model"/ },
      { name: 'REST: the caching guide\'s "\'$CACHE_NAME\'" splice in a single-quoted body', language: 'bash', text: `curl "https://generativelanguage.googleapis.com/v1beta/cachedContents" -d '{"model": "models/${MODEL}", "contents": [{"parts": [{"text": "doc"}]}]}' > cache.json\nCACHE_NAME=$(cat cache.json | grep '"name":' | cut -d '"' -f 4)\ncurl "https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:generateContent" -d '{\n  "contents": [{"parts": [{"text": "q"}]}],\n  "tools": [{"codeExecution": {}}],\n  "cachedContent": "'$CACHE_NAME'"\n}'\n`, moved: /cachedContents" -d '\{"tools": \[\{"codeExecution": \{\}\}\], "model"/ },
    ];
    for (const row of fixes) {
      it(row.name, async () => {
        const { findings } = await rulesOf(row.language, row.text);
        const conflict = findings.filter((f) => f.ruleId === 'cachedContent-conflict');
        assert.equal(conflict.length, 1, findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
        assert.ok(conflict[0]!.fix, conflict[0]!.message);
        assert.match(conflict[0]!.fix!.title, /^Move \w+ into the cache creation$/);
        const moved = apply(row.text, conflict[0]!);
        assert.match(moved, row.moved, moved);
        assert.deepEqual((await rulesOf(row.language, moved)).ids, [], moved);
      });
    }

    const noFix: { name: string; language: CallLanguage; text: string; reason: RegExp }[] = [
      { name: 'trap: the cache is created in another file: no fix, the message says where it belongs', language: 'python', text: py('cached_content=cache_name, system_instruction="Be brief."'), reason: /belongs in the cache: set it where the cache is created, in client\.caches\.create\(config=types\.CreateCachedContentConfig/ },
      { name: 'trap: a literal cache name is another cache, even beside a creation', language: 'typescript', text: `const cache = await ai.caches.create({ model: "${MODEL}", config: { contents: [doc] } });\n${ts('cachedContent: "cachedContents/abc", systemInstruction: "Be brief."')}`, reason: /ai\.caches\.create\(\{ model, config/ },
      { name: 'trap: the value is defined after the cache is created', language: 'typescript', text: `const cache = await ai.caches.create({ model: "${MODEL}", config: { contents: [doc] } });\nconst late = "Be brief.";\n${ts('cachedContent: cache.name, systemInstruction: late')}`, reason: /no quick fix, because late is not defined before the cache is created/ },
      { name: 'trap: a parameter of another function is not guessed', language: 'python', text: `from google import genai\ncache = client.caches.create(model="${MODEL}", config=types.CreateCachedContentConfig(contents=[d]))\ndef ask(instruction):\n    return client.models.generate_content(model="${MODEL}", contents="q", config=types.GenerateContentConfig(cached_content=cache.name, system_instruction=instruction))\n`, reason: /instruction is not defined before the cache is created/ },
      { name: 'trap: the cache already has a system instruction', language: 'typescript', text: `const cache = await ai.caches.create({ model: "${MODEL}", config: { contents: [doc], systemInstruction: "A" } });\n${ts('cachedContent: cache.name, systemInstruction: "B"')}`, reason: /it already sets systemInstruction/ },
      { name: 'trap: the creation\'s config is a variable the file does not show', language: 'python', text: `from google import genai\ncache = client.caches.create(model="${MODEL}", config=cache_config)\n${py('cached_content=cache.name, system_instruction="Be brief."').split('\n').slice(3).join('\n')}`, reason: /its config is not written in the file/ },
    ];
    for (const row of noFix) {
      it(row.name, async () => {
        const { findings } = await rulesOf(row.language, row.text);
        const conflict = findings.filter((f) => f.ruleId === 'cachedContent-conflict');
        assert.equal(conflict.length, 1, findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
        assert.equal(conflict[0]!.fix, undefined);
        assert.match(conflict[0]!.message, row.reason);
      });
    }

    it('trap: commented-out settings beside cachedContent are no finding', async () => {
      const text = `const cache = await ai.caches.create({ model: "${MODEL}", config: { contents: [doc] } });\n${ts('cachedContent: cache.name,\n // systemInstruction: "Be brief.",\n temperature: 1')}`;
      assert.deepEqual((await rulesOf('typescript', text)).ids, []);
    });
  });

  it('api-key-in-code never prints the key', async () => {
    const { findings } = await rulesOf('python', `client = genai.Client(api_key="${KEY}")\n`);
    assert.equal(findings.length, 1);
    assert.ok(!findings[0]!.message.includes(KEY.slice(4, 12)));
  });
});
