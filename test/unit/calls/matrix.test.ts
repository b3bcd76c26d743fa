/**
 * Every parameter rule in every API that carries a generation config: the same settings written as
 * each SDK and the REST API spell them, expected to give the same finding.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallLanguage } from '../../../src/core/calls/extract';
import { validate } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';

type Plain = string | number | boolean | Plain[] | { [key: string]: Plain };

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const pascal = (name: string) => (name === 'responseMimeType' ? 'ResponseMIMEType' : name[0]!.toUpperCase() + name.slice(1));

/** Each API: how a config object and its values are written, and the whole call around them. */
interface Api {
  readonly name: string;
  readonly language: CallLanguage;
  render(config: Record<string, Plain>, model: string): string;
}

const js = (value: Plain): string =>
  Array.isArray(value) ? `[${value.map(js).join(', ')}]` : typeof value === 'object' ? `{ ${Object.entries(value).map(([k, v]) => `${k}: ${js(v)}`).join(', ')} }` : JSON.stringify(value);
const pyDict = (value: Plain): string =>
  Array.isArray(value) ? `[${value.map(pyDict).join(', ')}]` : typeof value === 'object' ? `{${Object.entries(value).map(([k, v]) => `"${snake(k)}": ${pyDict(v)}`).join(', ')}}` : typeof value === 'boolean' ? (value ? 'True' : 'False') : JSON.stringify(value);
const pyCall = (cls: string, value: Record<string, Plain>): string =>
  `types.${cls}(${Object.entries(value).map(([k, v]) => `${snake(k)}=${k === 'thinkingConfig' ? pyCall('ThinkingConfig', v as Record<string, Plain>) : k === 'safetySettings' ? `[${(v as Record<string, Plain>[]).map((s) => pyCall('SafetySetting', s)).join(', ')}]` : pyDict(v)}`).join(', ')})`;
const goValue = (name: string, value: Plain): string => {
  if (name === 'thinkingConfig') return `&genai.ThinkingConfig{${Object.entries(value as Record<string, Plain>).map(([k, v]) => `${pascal(k)}: ${goValue(k, v)}`).join(', ')}}`;
  if (name === 'safetySettings') return `[]*genai.SafetySetting{${(value as Record<string, Plain>[]).map((s) => `{${Object.entries(s).map(([k, v]) => `${pascal(k)}: ${JSON.stringify(v)}`).join(', ')}}`).join(', ')}}`;
  if (name === 'responseSchema') return '&genai.Schema{Type: genai.TypeObject}';
  if (Array.isArray(value)) return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  if (typeof value === 'number') return `genai.Ptr[float32](${value})`;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};
const upper = (name: string) => name[0]!.toUpperCase() + name.slice(1);
/** Java builders: the Gen AI SDK's `x(v)` setters, or the Vertex AI SDK's `setX(v)`. */
const javaValue = (name: string, value: Plain, vertex: boolean): string => {
  const builder = (cls: string, fields: Record<string, Plain>) =>
    `${cls}.${vertex ? 'newBuilder' : 'builder'}()${Object.entries(fields).map(([k, v]) => `.${vertex ? `set${upper(k)}` : k}(${javaValue(k, v, vertex)})`).join('')}.build()`;
  if (name === 'thinkingConfig') return builder('ThinkingConfig', value as Record<string, Plain>);
  if (name === 'responseSchema') return builder('Schema', value as Record<string, Plain>);
  if (name === 'safetySettings') return `List.of(${(value as Record<string, Plain>[]).map((v) => builder('SafetySetting', v)).join(', ')})`;
  if (Array.isArray(value)) return `List.of(${value.map((v) => JSON.stringify(v)).join(', ')})`;
  return typeof value === 'number' && !Number.isInteger(value) ? `${value}f` : JSON.stringify(value);
};
const javaConfig = (config: Record<string, Plain>, vertex: boolean) =>
  `${vertex ? 'GenerationConfig.newBuilder()' : 'GenerateContentConfig.builder()'}${Object.entries(config).map(([k, v]) => `.${vertex ? `set${upper(k)}` : k}(${javaValue(k, v, vertex)})`).join('')}.build()`;
/** C# object initializers (Google.GenAI). */
const csValue = (name: string, value: Plain): string => {
  const object = (cls: string, fields: Record<string, Plain>) => `new ${cls} { ${Object.entries(fields).map(([k, v]) => `${upper(k)} = ${csValue(k, v)}`).join(', ')} }`;
  if (name === 'thinkingConfig') return object('ThinkingConfig', value as Record<string, Plain>);
  if (name === 'responseSchema') return object('Schema', value as Record<string, Plain>);
  if (name === 'safetySettings') return `new List<SafetySetting> { ${(value as Record<string, Plain>[]).map((v) => object('SafetySetting', v)).join(', ')} }`;
  if (Array.isArray(value)) return `new List<string> { ${value.map((v) => JSON.stringify(v)).join(', ')} }`;
  return typeof value === 'number' && !Number.isInteger(value) ? `${value}f` : JSON.stringify(value);
};
const rest = (config: Record<string, Plain>) => JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }], generationConfig: config });

const apis: Api[] = [
  { name: '@google/genai', language: 'typescript', render: (c, m) => `await ai.models.generateContent({ model: "${m}", contents: "hi", config: ${js(c)} });` },
  { name: 'legacy JS', language: 'javascript', render: (c, m) => `const model = genAI.getGenerativeModel({ model: "${m}", generationConfig: ${js(c)} });` },
  { name: 'python-genai', language: 'python', render: (c, m) => `from google.genai import types\nclient.models.generate_content(model="${m}", contents="hi", config=${pyCall('GenerateContentConfig', c)})` },
  { name: 'legacy Python', language: 'python', render: (c, m) => `model = genai.GenerativeModel("${m}", generation_config=${pyDict(c)})` },
  { name: 'Go', language: 'go', render: (c, m) => `package m\nfunc f() {\n  client.Models.GenerateContent(ctx, "${m}", genai.Text("hi"), &genai.GenerateContentConfig{${Object.entries(c).map(([k, v]) => `${pascal(k)}: ${goValue(k, v)}`).join(', ')}})\n}` },
  { name: 'curl', language: 'bash', render: (c, m) => `curl "https://generativelanguage.googleapis.com/v1beta/models/${m}:generateContent" -d '${rest(c)}'` },
  { name: 'Java Gen AI SDK', language: 'java', render: (c, m) => `class A { void f() { client.models.generateContent("${m}", "hi", ${javaConfig(c, false)}); } }` },
  { name: 'Java Vertex AI SDK', language: 'java', render: (c, m) => `class A { GenerativeModel model = new GenerativeModel.Builder().setModelName("${m}").setGenerationConfig(${javaConfig(c, true)}).setVertexAi(vertexAi).build(); }` },
  { name: 'C# Google.GenAI', language: 'csharp', render: (c, m) => `var r = await client.Models.GenerateContentAsync(model: "${m}", contents: "hi", config: new GenerateContentConfig { ${Object.entries(c).map(([k, v]) => `${upper(k)} = ${csValue(k, v)}`).join(', ')} });` },
  { name: 'REST JSON', language: 'json', render: (c, m) => `{"url": "https://generativelanguage.googleapis.com/v1beta/models/${m}:generateContent",\n "request": ${rest(c)}}` },
];

const cases: { rule: string; config: Record<string, Plain>; model?: string }[] = [
  { rule: 'temperature-out-of-range', config: { temperature: 3 } },
  { rule: 'topP-out-of-range', config: { topP: 1.5 } },
  { rule: 'topK-unsupported', config: { topK: 0 } },
  { rule: 'candidateCount-out-of-range', config: { candidateCount: 9 } },
  { rule: 'maxOutputTokens-over-limit', config: { maxOutputTokens: 100000 } },
  { rule: 'maxOutputTokens-invalid', config: { maxOutputTokens: -5 } },
  { rule: 'stopSequences-too-many', config: { stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'] } },
  { rule: 'thinkingBudget-out-of-range', config: { thinkingConfig: { thinkingBudget: 100 } } },
  { rule: 'thinkingBudget-and-thinkingLevel', config: { thinkingConfig: { thinkingBudget: 1024, thinkingLevel: 'HIGH' } }, model: 'gemini-3-flash-preview' },
  { rule: 'responseSchema-without-json-mime', config: { responseMimeType: 'text/plain', responseSchema: { type: 'OBJECT' } } },
  { rule: 'logprobs-without-responseLogprobs', config: { logprobs: 2 } },
  { rule: 'safety-setting-invalid', config: { safetySettings: [{ category: 'HARM_CATEGORY_VIOLENCE', threshold: 'BLOCK_NONE' }] } },
  { rule: 'model-retired', config: { temperature: 1 }, model: 'gemini-1.5-flash' },
  { rule: 'model-unknown', config: { temperature: 1 }, model: 'gemini-2.5-flsh' },
  { rule: 'model-unsupported-method', config: { temperature: 1 }, model: 'gemini-embedding-001' },
];

/** Where the API puts safety settings beside, not inside, the generation config. */
const safetyOutside = new Set(['legacy JS', 'legacy Python', 'curl', 'REST JSON', 'Java Vertex AI SDK']);

describe('every rule in every API', () => {
  const parser = new CallParser();
  for (const api of apis) {
    for (const c of cases) {
      if (c.rule === 'safety-setting-invalid' && safetyOutside.has(api.name)) continue;
      it(`${api.name}: ${c.rule}`, async () => {
        const text = api.render(c.config, c.model ?? 'gemini-2.5-flash-lite');
        const findings = validate(await parser.extract(api.language, text), text, { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels });
        assert.deepEqual(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId), [c.rule], `${text}\n→ ${findings.map((f) => `${f.ruleId}: ${f.message}`).join('; ')}`);
      });
    }
  }
});
