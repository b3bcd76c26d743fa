/**
 * The lifecycle and Gemini 3 rules: fixture in, findings out, offline and with a live list; and
 * the precedence of the live list over the lifecycle table.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallLanguage } from '../../../src/core/calls/extract';
import { modelSuggestions, successorFor } from '../../../src/core/calls/modelRules';
import { validate, type CallFinding, type ModelFacts } from '../../../src/core/calls/validate';
import { daysUntil, describeShutdown, isDeprecatedStatus, lifecycleOf, lifecycleTable } from '../../../src/core/models/lifecycle';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import type { ModelInfo } from '../../../src/core/models/types';
import { CallParser } from '../../../src/services/parsers';

const TODAY = '2026-11-30';
const snapshot: ModelFacts = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels, today: TODAY };
const generate = (id: string, extra: Partial<ModelInfo> = {}): ModelInfo => ({ id, supportedActions: ['generateContent', 'countTokens'], ...extra });
const live = (ids: string[]): ModelFacts => ({ source: 'live', label: 'live', models: ids.map((id) => generate(id)), today: TODAY });
const parser = new CallParser();

async function check(language: CallLanguage, text: string, facts = snapshot): Promise<CallFinding[]> {
  return validate(await parser.extract(language, text), text, facts);
}

const ts = (model: string, config = 'temperature: 1') => `import { GoogleGenAI } from "@google/genai";\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: "${model}", contents: "hi", config: { ${config} } });\n`;
const py = (model: string, config = 'temperature=1') => `from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="${model}", contents="hi", config=types.GenerateContentConfig(${config}))\n`;
const go = (model: string, config = 'Temperature: genai.Ptr[float32](1)') => `package main\nimport "google.golang.org/genai"\nfunc f() {\n  client.Models.GenerateContent(ctx, "${model}", genai.Text("hi"), &genai.GenerateContentConfig{${config}})\n}\n`;
const curl = (model: string, config = '"temperature": 1') => `curl "https://generativelanguage.googleapis.com/v1beta/models/${model}:generateContent" -H 'x-goog-api-key: $K' -d '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {${config}}}'\n`;

interface Row {
  name: string;
  language: CallLanguage;
  text: string;
  /** Every finding as `ruleId severity`, info included. */
  findings: string[];
  facts?: ModelFacts;
  message?: RegExp;
}

const table: Row[] = [
  // model-deprecated
  { name: 'gemini-2.5-flash: deprecated with the date, days left, the moved dates and a successor', language: 'typescript', text: ts('gemini-2.5-flash'), findings: ['model-deprecated warning'],
    message: /^gemini-2\.5-flash is deprecated: shutdown announced for 2026-12-01, 1 day left — this date has moved before .*https:\/\/dev\.to\/aideprecations.*Move to gemini-3\.8-flash\.$/ },
  { name: 'gemini-2.5-pro (Python): successor in the Pro tier', language: 'python', text: py('gemini-2.5-pro'), findings: ['model-deprecated warning'], message: /Move to gemini-3\.1-pro-preview\./ },
  { name: 'models/ prefix (Go)', language: 'go', text: go('models/gemini-2.5-flash'), findings: ['model-deprecated warning'], message: /^gemini-2\.5-flash is deprecated/ },
  { name: 'deprecated without a date is a note', language: 'typescript', text: ts('gemini-3.5-flash'), findings: ['model-deprecated info'], message: /replaced by gemini-3\.6-flash; no shutdown date/ },
  { name: 'a model string outside a call (an OpenAI-compatible client)', language: 'python', text: 'from openai import OpenAI\nclient = OpenAI(base_url="https://generativelanguage.googleapis.com/v1beta/openai/")\nclient.chat.completions.create(model="gemini-2.5-flash", messages=[])\n', findings: ['model-deprecated warning'] },
  { name: 'gemini-2.5-flash-lite stays clean', language: 'typescript', text: ts('gemini-2.5-flash-lite'), findings: [] },
  { name: 'gemini-3.8-flash is clean', language: 'bash', text: curl('gemini-3.8-flash'), findings: [] },
  // model-auto-routed
  { name: 'gemini-3.7-flash is routed to 3.8', language: 'typescript', text: ts('gemini-3.7-flash'), findings: ['model-auto-routed info'], message: /answered by gemini-3\.8-flash/ },
  // model-retired, kept
  { name: 'retired preview id: the fix is never a deprecated model', language: 'python', text: py('gemini-2.5-flash-preview-05-20'), findings: ['model-retired error'], message: /^gemini-2\.5-flash-preview-05-20 is retired \(shut down 2025-12-02\): the API answers 404 NOT_FOUND\. Use gemini-3\.8-flash/ },
  { name: 'gemini-3-pro-preview → gemini-3.1-pro-preview', language: 'go', text: go('gemini-3-pro-preview'), findings: ['model-retired error'], message: /Use gemini-3\.1-pro-preview/ },
  // model-unknown: newer than the snapshot, and no suggestion of another kind
  { name: 'an id newer than the snapshot is a note offline', language: 'typescript', text: ts('gemini-3.9-flash'), findings: ['model-unknown info'], message: /newer than the offline snapshot/ },
  { name: 'gemini-4 offline: a note', language: 'python', text: py('gemini-4-argon'), findings: ['model-unknown info'] },
  { name: 'a typo of an image model proposes no text model', language: 'typescript', text: ts('gemini-2.5-flash-imagee'), findings: ['model-unknown warning'], message: /Did you mean gemini-2\.5-flash-image\?$/ },
  // thinkingLevel-invalid
  { name: 'minimal on gemini-3.8-flash (TS)', language: 'typescript', text: ts('gemini-3.8-flash', 'thinkingConfig: { thinkingLevel: "minimal" }'), findings: ['thinkingLevel-invalid error'], message: /takes low, medium, high/ },
  { name: 'MINIMAL enum on gemini-3.7-flash (Python)', language: 'python', text: py('gemini-3.7-flash', 'thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL)'), findings: ['model-auto-routed info', 'thinkingLevel-invalid error'] },
  { name: 'thinking_level on gemini-2.5-pro (Python)', language: 'python', text: py('gemini-2.5-pro', 'thinking_config=types.ThinkingConfig(thinking_level="low")'), findings: ['model-deprecated warning', 'thinkingLevel-invalid error'], message: /^gemini-2\.5-pro/ },
  { name: 'thinkingLevel on gemini-2.5-flash-lite (curl)', language: 'bash', text: curl('gemini-2.5-flash-lite', '"thinkingConfig": {"thinkingLevel": "low"}'), findings: ['thinkingLevel-invalid error'] },
  { name: 'a level that is no level', language: 'typescript', text: ts('gemini-3.8-flash', 'thinkingConfig: { thinkingLevel: "extreme" }'), findings: ['thinkingLevel-invalid error'] },
  { name: 'minimal on gemini-3-flash-preview is fine', language: 'typescript', text: ts('gemini-3-flash-preview', 'thinkingConfig: { thinkingLevel: "minimal" }'), findings: [] },
  { name: 'HIGH on gemini-3.8-flash (Go) is fine', language: 'go', text: go('gemini-3.8-flash', 'ThinkingConfig: &genai.ThinkingConfig{ThinkingLevel: genai.ThinkingLevelHigh}'), findings: [] },
  { name: 'a level on an unknown 3.x model: only the name is checked', language: 'typescript', text: ts('gemini-3.6-flash', 'thinkingConfig: { thinkingLevel: "minimal" }'), findings: [] },
  // thinkingBudget on 3.x
  { name: 'thinkingBudget 0 on Gemini 3 is refused', language: 'python', text: py('gemini-3.8-flash', 'thinking_config=types.ThinkingConfig(thinking_budget=0)'), findings: ['thinking-unsupported info', 'thinkingBudget-out-of-range error'] },
  { name: 'a budget on Gemini 3 is discouraged, not an error', language: 'typescript', text: ts('gemini-3.8-flash', 'thinkingConfig: { thinkingBudget: 1024 }'), findings: ['thinking-unsupported info'] },
  // temperature-low-on-gemini-3
  { name: 'temperature 0.2 on a Gemini 3 model (TS)', language: 'typescript', text: ts('gemini-3.8-flash', 'temperature: 0.2'), findings: ['temperature-low-on-gemini-3 warning'], message: /default 1\.0.*looping/ },
  { name: 'temperature 0 on gemini-3.1-pro-preview (curl)', language: 'bash', text: curl('gemini-3.1-pro-preview', '"temperature": 0'), findings: ['temperature-low-on-gemini-3 warning'] },
  { name: 'temperature 0.2 on 2.5 Flash-Lite is fine', language: 'python', text: py('gemini-2.5-flash-lite', 'temperature=0.2'), findings: [] },
  { name: 'temperature 1.0 on Gemini 3 is fine', language: 'go', text: go('gemini-3-flash-preview'), findings: [] },
  { name: 'a retired Gemini 3 model: only model-retired', language: 'typescript', text: ts('gemini-3-pro-preview', 'temperature: 0'), findings: ['model-retired error'] },
  // Live wins over the table.
  { name: 'live: a deprecated model the key does not list is not available', language: 'typescript', text: ts('gemini-2.5-flash'), facts: live(['gemini-3.8-flash', 'gemini-2.5-flash-lite']), findings: ['model-retired error'],
    message: /^gemini-2\.5-flash is not available to your key: the API does not list it \(live\); shutdown announced for 2026-12-01.*Use gemini-3\.8-flash\.$/ },
  { name: 'live: a deprecated model the key lists is available, and still deprecated', language: 'typescript', text: ts('gemini-2.5-flash'), facts: live(['gemini-2.5-flash', 'gemini-3.8-flash']), findings: ['model-deprecated warning'], message: /Your key still lists it/ },
  { name: 'live: a shut-down model the key lists is available', language: 'typescript', text: ts('gemini-3-pro-preview'), facts: live(['gemini-3-pro-preview', 'gemini-3.1-pro-preview']), findings: ['model-deprecated info'], message: /is listed for your key/ },
  { name: 'live: a shut-down model the key does not list is retired, as the table says', language: 'python', text: py('gemini-1.5-pro'), facts: live(['gemini-2.5-pro', 'gemini-3.1-pro-preview']), findings: ['model-retired error'],
    message: /^gemini-1\.5-pro is retired: the API answers 404 NOT_FOUND\. Use gemini-3\.1-pro-preview/ },
  { name: 'live: a current model the key does not list', language: 'typescript', text: ts('gemini-3.8-flash'), facts: live(['gemini-2.5-flash-lite']), findings: ['model-unknown warning'], message: /not available to your key/ },
  { name: 'live: an id newer than the table, listed, is fine', language: 'typescript', text: ts('gemini-3.9-flash'), facts: live(['gemini-3.9-flash']), findings: [] },
];

describe('lifecycle and Gemini 3 rules', () => {
  for (const row of table) {
    it(row.name, async () => {
      const findings = await check(row.language, row.text, row.facts);
      const describe = findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n');
      assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity}`).sort(), [...row.findings].sort(), describe);
      if (row.message) assert.ok(findings.some((f) => row.message!.test(f.message)), `${String(row.message)}\n${describe}`);
    });
  }

  it('quick fixes go to the successor, from the live list when there is one', async () => {
    const fixOf = async (text: string, facts: ModelFacts) => (await check('typescript', text, facts)).find((f) => f.fix)?.fix?.edits[0]?.newText;
    assert.equal(await fixOf(ts('gemini-2.5-flash'), snapshot), 'gemini-3.8-flash');
    assert.equal(await fixOf(ts('models/gemini-2.5-flash'), snapshot), 'models/gemini-3.8-flash');
    assert.equal(await fixOf(ts('gemini-2.5-flash'), live(['gemini-2.5-flash', 'gemini-3.6-flash', 'gemini-3.9-flash-preview', 'gemini-2.5-flash-lite'])), 'gemini-3.6-flash');
    assert.equal(await fixOf(ts('gemini-1.5-pro'), snapshot), 'gemini-3.1-pro-preview');
    assert.equal(await fixOf(ts('gemini-3.8-flash', 'thinkingConfig: { thinkingLevel: "minimal" }'), snapshot), 'low');
    assert.equal(await fixOf(ts('gemini-3.8-flash', 'temperature: 0.2'), snapshot), '1.0');
  });

  it('a successor is never deprecated itself, from the table or a live list', () => {
    for (const entry of lifecycleTable) {
      const id = entry.ids.split(/[ ,(*/]/)[0]!;
      for (const facts of [snapshot, live(snapshotModels.map((m) => m.id))]) {
        const next = successorFor(id, facts);
        if (next) assert.ok(!isDeprecatedStatus(lifecycleOf(next)?.status), `${id} → ${next}`);
      }
    }
    assert.equal(successorFor('gemini-2.5-flash', live(['gemini-2.5-flash', 'gemini-3.7-flash'])), undefined);
  });

  it('suggestions never cross model kinds', () => {
    const known = snapshotModels.map((m) => m.id);
    assert.deepEqual(modelSuggestions('gemini-2.5-flash-imag', known), ['gemini-2.5-flash-image']);
    assert.ok(!modelSuggestions('gemini-2.5-flash-imag', known).includes('gemini-2.5-flash'));
    assert.ok(!modelSuggestions('gemini-embeding-001', known).some((id) => !id.includes('embedding')));
  });
});

describe('lifecycle table', () => {
  it('every entry has a public source with the day it was read', () => {
    for (const entry of lifecycleTable) {
      assert.match(entry.source.url, /^https:\/\//, entry.ids);
      assert.match(entry.source.read, /^\d{4}-\d{2}-\d{2}$/, entry.ids);
      assert.doesNotMatch(`${entry.source.url} ${entry.source.title}`, /facts|\.md\b/, entry.ids);
    }
  });

  it('a shut-down, deprecated or routed entry names where to go, or the list finds it', () => {
    for (const entry of lifecycleTable.filter((e) => isDeprecatedStatus(e.status))) {
      const id = entry.ids.split(/[ ,(*/]/)[0]!;
      assert.ok(successorFor(id, snapshot) ?? /image/.test(id), entry.ids);
    }
  });

  it('moved dates are shown as such, never asserted', () => {
    const text = describeShutdown(lifecycleOf('gemini-2.5-pro')!, TODAY)!;
    assert.match(text, /^shutdown announced for 2026-12-01, 1 day left — this date has moved before \(also announced: 2026-06-17; no earlier than 2026-10-16\)$/);
    assert.equal(describeShutdown(lifecycleOf('gemini-3-pro-preview')!, TODAY), 'shut down 2026-03-09');
    assert.equal(describeShutdown(lifecycleOf('gemini-3.1-flash-lite')!, TODAY), 'planned shutdown 2027-05-07, 158 days left');
  });

  it('counts days in UTC', () => {
    assert.equal(daysUntil('2026-12-01', '2026-11-30'), 1);
    assert.equal(daysUntil('2026-03-09', '2026-11-30'), -266);
    assert.equal(daysUntil('no earlier than 2026-10-16', '2026-11-30'), undefined);
  });
});
