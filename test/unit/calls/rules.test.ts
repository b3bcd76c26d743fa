/**
 * Every rule in the languages it applies to, with the traps: commented-out code, variables,
 * spreads, half-typed code, a model name in a comment. Fixture in, rule ids out.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL_FILE_EXTENSIONS, callLanguage, type CallLanguage } from '../../../src/core/calls/extract';
import { rules } from '../../../src/core/calls/rules';
import { validate, type CallFinding, type ModelFacts } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';

const snapshot: ModelFacts = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels };
const live: ModelFacts = {
  source: 'live', label: 'live',
  models: [...snapshotModels, { id: 'gemini-nucleus', supportedActions: ['generateContent'], outputTokenLimit: 8192, maxTemperature: 1, thinking: false }],
};
const parser = new CallParser();

async function check(language: CallLanguage, text: string, facts = snapshot): Promise<CallFinding[]> {
  return validate(await parser.extract(language, text), text, facts);
}

const ts = (config: string, model = 'gemini-2.5-flash-lite') => `import { GoogleGenAI } from "@google/genai";\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: "${model}", contents: "hi", config: { ${config} } });\n`;
const py = (config: string, model = 'gemini-2.5-flash-lite') => `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="${model}", contents="hi", config=types.GenerateContentConfig(${config}))\n`;
const go = (config: string, model = 'gemini-2.5-flash-lite') => `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client.Models.GenerateContent(ctx, "${model}", genai.Text("hi"), &genai.GenerateContentConfig{${config}})\n}\n`;
const rest = (config: string, model = 'gemini-2.5-flash-lite') => `curl "https://generativelanguage.googleapis.com/v1beta/models/${model}:generateContent" -H 'x-goog-api-key: $K' -d '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {${config}}}'\n`;

/** The shape of Google AI Studio's generated curl sample: the streaming endpoint, a heredoc body with trailing commas. */
const studioCurl = `#!/bin/bash
set -e -E

GEMINI_API_KEY="$GEMINI_API_KEY"
MODEL_ID="gemini-2.5-flash"
GENERATE_CONTENT_API="streamGenerateContent"

cat << EOF > request.json
{
    "contents": [
      {
        "role": "user",
        "parts": [
          {
            "text": "INSERT_INPUT_HERE"
          },
        ]
      },
    ],
    "generationConfig": {
      "thinkingConfig": {
        "thinkingBudget": -1,
      },
    },
}
EOF

curl \\
-X POST \\
-H "Content-Type: application/json" \\
"https://generativelanguage.googleapis.com/v1beta/models/\${MODEL_ID}:\${GENERATE_CONTENT_API}?key=\${GEMINI_API_KEY}" -d '@request.json'
`;

interface Row {
  name: string;
  language: CallLanguage;
  text: string;
  rules: string[];
  facts?: ModelFacts;
}

const table: Row[] = [
  { name: 'TS: temperature above 2', language: 'typescript', text: ts('temperature: 2.5'), rules: ['temperature-out-of-range'] },
  { name: 'Python: temperature below 0', language: 'python', text: py('temperature=-0.1'), rules: ['temperature-out-of-range'] },
  { name: 'Go: temperature through genai.Ptr', language: 'go', text: go('Temperature: genai.Ptr[float32](3)'), rules: ['temperature-out-of-range'] },
  { name: 'curl: temperature above 2', language: 'bash', text: rest('"temperature": 2.1'), rules: ['temperature-out-of-range'] },
  { name: 'live maxTemperature 1', language: 'typescript', text: ts('temperature: 1.5', 'gemini-nucleus'), rules: ['temperature-out-of-range', 'topK-unsupported'].slice(0, 1), facts: live },
  { name: 'topP above 1', language: 'python', text: py('top_p=1.5'), rules: ['topP-out-of-range'] },
  { name: 'topK on a model without topK (live facts)', language: 'typescript', text: ts('topK: 40', 'gemini-nucleus'), rules: ['topK-unsupported'], facts: live },
  { name: 'topK of 0', language: 'go', text: go('TopK: genai.Ptr[float32](0)'), rules: ['topK-unsupported'] },
  { name: 'candidateCount 9', language: 'typescript', text: ts('candidateCount: 9'), rules: ['candidateCount-out-of-range'] },
  { name: 'maxOutputTokens over the limit', language: 'python', text: py('max_output_tokens=100000'), rules: ['maxOutputTokens-over-limit'] },
  { name: 'maxOutputTokens not positive', language: 'bash', text: rest('"maxOutputTokens": 0'), rules: ['maxOutputTokens-invalid'] },
  { name: 'six stop sequences', language: 'typescript', text: ts('stopSequences: ["a", "b", "c", "d", "e", "f"]'), rules: ['stopSequences-too-many'] },
  { name: 'thinkingBudget 0 on 2.5 Pro', language: 'python', text: py('thinking_config=types.ThinkingConfig(thinking_budget=0)', 'gemini-2.5-pro'), rules: ['thinkingBudget-out-of-range', 'model-deprecated'] },
  { name: 'thinkingBudget above Flash', language: 'go', text: go('ThinkingConfig: &genai.ThinkingConfig{ThinkingBudget: genai.Ptr[int32](30000)}'), rules: ['thinkingBudget-out-of-range'] },
  { name: 'thinkingBudget -1 is dynamic', language: 'typescript', text: ts('thinkingConfig: { thinkingBudget: -1 }', 'gemini-2.5-flash-lite'), rules: [] },
  { name: 'thinkingBudget 0 on Flash turns thinking off', language: 'typescript', text: ts('thinkingConfig: { thinkingBudget: 0 }'), rules: [] },
  { name: 'thinking on a model that does not think (live)', language: 'typescript', text: ts('thinkingConfig: { thinkingBudget: 1024 }', 'gemini-nucleus'), rules: ['thinking-unsupported'], facts: live },
  { name: 'thinkingBudget and thinkingLevel', language: 'bash', text: rest('"thinkingConfig": {"thinkingBudget": 1024, "thinkingLevel": "HIGH"}', 'gemini-3-flash-preview'), rules: ['thinkingBudget-and-thinkingLevel'] },
  { name: 'responseSchema without a MIME type', language: 'typescript', text: ts('responseSchema: { type: "OBJECT" }'), rules: ['responseSchema-without-json-mime'] },
  { name: 'responseSchema with text/plain', language: 'python', text: py('response_mime_type="text/plain", response_schema=Recipe'), rules: ['responseSchema-without-json-mime'] },
  { name: 'logprobs without responseLogprobs', language: 'typescript', text: ts('logprobs: 3'), rules: ['logprobs-without-responseLogprobs'] },
  { name: 'logprobs with responseLogprobs', language: 'typescript', text: ts('logprobs: 3, responseLogprobs: true'), rules: [] },
  { name: 'Python 8,192 is a tuple', language: 'python', text: 'import google.generativeai as genai\nmodel = genai.GenerativeModel("gemini-2.5-flash-lite", generation_config={"max_output_tokens": (8,192)})\n', rules: ['invalid-literal'] },
  { name: 'unknown HarmCategory', language: 'typescript', text: ts('safetySettings: [{ category: "HARM_CATEGORY_VIOLENCE", threshold: "BLOCK_NONE" }]'), rules: ['safety-setting-invalid'] },
  { name: 'unknown threshold as an enum member', language: 'typescript', text: ts('safetySettings: [{ category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_SOME }]'), rules: ['safety-setting-invalid'] },
  { name: 'misplaced temperature (TS)', language: 'typescript', text: 'await ai.models.generateContent({ model: "gemini-2.5-flash-lite", contents: "x", temperature: 0.2, config: {} });\n', rules: ['config-misplaced'] },
  { name: 'misplaced system_instruction (Python)', language: 'python', text: 'from google import genai\nclient.models.generate_content(model="gemini-2.5-flash-lite", contents="x", system_instruction="be brief")\n', rules: ['config-misplaced'] },
  { name: 'retired model (Go legacy SDK)', language: 'go', text: 'package m\nfunc f() { m := client.GenerativeModel("gemini-1.5-flash"); _ = m }\n', rules: ['model-retired'] },
  { name: 'retired model in a REST URL', language: 'bash', text: rest('"temperature": 1', 'gemini-2.0-flash'), rules: ['model-retired'] },
  { name: 'typo in the model name', language: 'typescript', text: ts('temperature: 1', 'gemini-2.5-flsh'), rules: ['model-unknown'] },
  { name: 'embedding model in generateContent', language: 'python', text: py('temperature=1', 'gemini-embedding-001'), rules: ['model-unsupported-method'] },
  { name: 'invalid JSON body: a comment (trailing commas are only a note)', language: 'json', text: '{\n  // the prompt\n  "contents": [{"parts": [{"text": "hi"}]}],\n  "generationConfig": {"temperature": 1,},\n}\n', rules: ['invalid-json'] },
  { name: 'truly broken JSON body', language: 'json', text: '{\n  "contents": [{"parts": [{"text": "hi"}]}],\n  "generationConfig": {"temperature": 1 "topP": 0.5}\n}\n', rules: ['invalid-json'] },
  { name: 'AI Studio "Get code" curl: streamGenerateContent with trailing commas', language: 'bash', text: studioCurl, rules: ['model-deprecated'] },
  { name: 'legacy SDK on the new import', language: 'python', text: 'from google import genai\ngenai.configure(api_key="k")\n', rules: ['sdk-mismatch'] },
  { name: 'new GoogleGenAI(key) instead of an options object', language: 'javascript', text: 'import { GoogleGenAI } from "@google/genai";\nconst ai = new GoogleGenAI(process.env.GEMINI_API_KEY);\n', rules: ['sdk-mismatch'] },
  { name: 'models.generateContent on a legacy GoogleGenerativeAI client', language: 'javascript', text: 'import { GoogleGenerativeAI } from "@google/generative-ai";\nconst ai = new GoogleGenerativeAI(key);\nawait ai.models.generateContent({ model: "gemini-2.5-flash-lite", contents: "hi" });\n', rules: ['sdk-mismatch'] },
  { name: 'trap: new GoogleGenAI({ apiKey }) and a variable of options', language: 'javascript', text: 'const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });\nconst b = new GoogleGenAI(options);\n', rules: [] },
  { name: 'trap: LangChain.js GoogleGenerativeAI is not the legacy client', language: 'javascript', text: 'const llm = new GoogleGenerativeAI({ model: "gemini-2.5-flash-lite", temperature: 0.2 });\n', rules: [] },
  // Traps.
  { name: 'commented-out code is ignored', language: 'typescript', text: `// await ai.models.generateContent({ model: "gemini-pro", config: { temperature: 5 } });\n/* model: "gemini-1.5-pro" */\n${ts('temperature: 1')}`, rules: [] },
  { name: 'a Python docstring is not code', language: 'python', text: `"""\nconfig = {"temperature": 2, "model": "gemini-pro"}\n"""\n${py('temperature=1')}`, rules: [] },
  { name: 'a constant resolves', language: 'typescript', text: `const MODEL = "gemini-2.5-flash-lite";\nconst T = 3;\nawait ai.models.generateContent({ model: MODEL, contents: "x", config: { temperature: T } });\n`, rules: ['temperature-out-of-range'] },
  { name: 'a variable is not guessed', language: 'typescript', text: `let t = 3;\nt = 1;\nawait ai.models.generateContent({ model: "gemini-2.5-flash-lite", contents: "x", config: { temperature: t } });\n`, rules: [] },
  { name: 'a spread is not guessed', language: 'typescript', text: ts('...defaults, temperature: 1'), rules: [] },
  { name: 'half-typed code does not throw', language: 'typescript', text: 'await ai.models.generateContent({ model: "gemini-2.5-flash-lite", config: { temperature: 3, topP: ', rules: [] },
  { name: 'half-typed Python does not throw', language: 'python', text: 'client.models.generate_content(model="gemini-2.5-flash-lite", config={"temperature": ', rules: [] },
];

describe('validation rules', () => {
  for (const row of table) {
    it(row.name, async () => {
      const findings = await check(row.language, row.text, row.facts);
      assert.deepEqual(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId).sort(), [...row.rules].sort(), findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
    });
  }

  it('quick fixes: clamp, replace a retired model, move a misplaced field', async () => {
    const apply = (text: string, finding: CallFinding) => {
      const lines = text.split('\n');
      const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      const edits = [...finding.fix!.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
      return edits.reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
    };
    const clamp = ts('temperature: 2.5');
    assert.match(apply(clamp, (await check('typescript', clamp))[0]!), /temperature: 2 \}/);
    const retired = py('temperature=1', 'gemini-1.5-pro');
    assert.match(apply(retired, (await check('python', retired))[0]!), /model="gemini-3\.1-pro-preview"/);
    const misplaced = 'await ai.models.generateContent({ model: "gemini-2.5-flash-lite", contents: "x", temperature: 0.2, config: { topP: 0.9 } });\n';
    const moved = apply(misplaced, (await check('typescript', misplaced))[0]!);
    assert.equal(moved, 'await ai.models.generateContent({ model: "gemini-2.5-flash-lite", contents: "x", config: { temperature: 0.2, topP: 0.9 } });\n');
    assert.deepEqual((await check('typescript', moved)).map((f) => f.ruleId), []);
  });

  it('trailing commas in a request body are one info note per body, not an error per comma', async () => {
    const findings = await check('bash', studioCurl);
    const notes = findings.filter((f) => f.ruleId === 'invalid-json');
    assert.equal(notes.length, 1, findings.map((f) => f.message).join('\n'));
    assert.equal(notes[0]!.severity, 'info');
    assert.match(notes[0]!.message, /5 trailing commas/);
  });

  it('the language of a file is known by id or extension', () => {
    assert.equal(callLanguage('typescriptreact'), 'tsx');
    assert.equal(callLanguage('/x/request.json'), 'json');
    assert.equal(callLanguage('/x/run.sh'), 'bash');
    assert.equal(callLanguage('markdown'), undefined);
    assert.equal(callLanguage('/x/Chat.java'), 'java');
    assert.equal(callLanguage('csharp'), 'csharp');
    // The workspace walk's glob and the CLI's walk pick up the same files.
    for (const extension of CALL_FILE_EXTENSIONS) assert.ok(callLanguage(`/x/f.${extension}`), extension);
  });
});

describe('rule sources', () => {
  it('every rule cites a public page, never an internal file', () => {
    for (const rule of rules) {
      assert.match(rule.source, /https:\/\/(ai\.google\.dev|cloud\.google\.com)\//, rule.id);
      assert.doesNotMatch(rule.source, /facts|\.md\b|\.txt\b/, rule.id);
    }
  });
});
