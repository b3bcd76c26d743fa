/**
 * `gemini-doctor validate DIR` resolves values imported among the files it walks and reports them
 * once, in the file that defines them.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMain as runCli } from '../cliRunner';

interface JsonOutput {
  calls: { file: string; model: string | null; params: Record<string, unknown> }[];
  findings: { file: string; line: number; ruleId: string; message: string }[];
}

describe('gemini-doctor validate: values imported from other files of the project', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gd-imports-'));
    mkdirSync(path.join(dir, 'web', 'src'), { recursive: true });
    mkdirSync(path.join(dir, 'api', 'app'), { recursive: true });
    writeFileSync(path.join(dir, 'web', 'src', 'config.ts'), 'export const GEMINI_MODEL = "gemini-1.5-pro";\nexport const geminiConfig = { temperature: 0.2, maxOutputTokens: 4096 };\n');
    const call = (name: string) => `import { GoogleGenAI } from "@google/genai";\nimport { GEMINI_MODEL, geminiConfig } from "./config";\nconst ai = new GoogleGenAI({});\nexport const ${name} = () => ai.models.generateContent({ model: GEMINI_MODEL, contents: "hi", config: geminiConfig });\n`;
    writeFileSync(path.join(dir, 'web', 'src', 'chat.ts'), call('chat'));
    writeFileSync(path.join(dir, 'web', 'src', 'summary.ts'), call('summary'));
    writeFileSync(path.join(dir, 'api', 'app', '__init__.py'), '');
    writeFileSync(path.join(dir, 'api', 'app', 'settings.py'), 'MODEL_NAME = "gemini-2.5-flash-lite"\nGENERATION_CONFIG = {"temperature": 0.3, "top_p": 1.7}\n');
    writeFileSync(path.join(dir, 'api', 'app', 'main.py'), 'from google import genai\nfrom app import settings\nclient = genai.Client()\nclient.models.generate_content(model=settings.MODEL_NAME, contents="hi", config=settings.GENERATION_CONFIG)\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the imported model and config, and reports each problem once at its definition', async () => {
    const result = await runCli('validate', '--offline', '--json', dir);
    const output = JSON.parse(result.out) as JsonOutput;
    const models = output.calls.map((c) => `${path.basename(c.file)} ${c.model ?? '-'}`).sort();
    // The settings modules are read on their own too (as settings kept apart from a call), as before.
    assert.deepEqual(models, ['chat.ts gemini-1.5-pro', 'config.ts gemini-1.5-pro', 'main.py gemini-2.5-flash-lite', 'settings.py gemini-2.5-flash-lite', 'summary.ts gemini-1.5-pro']);
    assert.deepEqual(output.calls.find((c) => c.file.endsWith('main.py'))?.params, { temperature: 0.3, topP: 1.7 });
    const findings = output.findings.filter((f) => f.ruleId !== 'model-deprecated').map((f) => `${path.relative(dir, f.file)}:${f.line} ${f.ruleId}`);
    assert.deepEqual(findings, [path.join('api', 'app', 'settings.py:2 topP-out-of-range'), path.join('web', 'src', 'config.ts:1 model-retired')].sort());
    const topP = output.findings.find((f) => f.ruleId === 'topP-out-of-range');
    assert.match(topP?.message ?? '', /Used by the call at .*main\.py:4\./);
  });

  it('prints the findings under the defining file in text output', async () => {
    const result = await runCli('validate', '--offline', path.join(dir, 'web'));
    assert.match(result.out, /config\.ts:1:\d+: error model-retired: gemini-1\.5-pro/);
    assert.equal((result.out.match(/model-retired/g) ?? []).length, 1);
    assert.match(result.out, /3 Gemini calls in 3 files/);
  });

  it('resolves only among the walked files: a file named alone keeps its imports unknown', async () => {
    const result = await runCli('validate', '--offline', '--json', path.join(dir, 'web', 'src', 'chat.ts'));
    const output = JSON.parse(result.out) as JsonOutput;
    assert.equal(output.calls[0]?.model, null);
    assert.deepEqual(output.findings, []);
  });
});
