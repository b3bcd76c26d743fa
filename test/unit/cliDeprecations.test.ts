/**
 * `gemini-doctor validate` on the lifecycle and Gemini 3 rules, as a CI job runs it: offline, with
 * `--deprecations-within DAYS`, and the exit codes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { escalate } from '../../src/cli/deprecations';
import type { CallFinding } from '../../src/core/calls/validate';
import { repoRoot } from '../host/paths';

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'gemini-doctor-deprecations-'));
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const ts = (model: string, config: string) => `import { GoogleGenAI } from "@google/genai";\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: "${model}", contents: "hi", config: { ${config} } });\n`;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'validate', ...args], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
}
const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: Finding[] }).findings;

describe('gemini-doctor validate: lifecycle and Gemini 3', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const flash = file('flash.ts', ts('gemini-2.5-flash', 'temperature: 1'));

  it('gemini-2.5-flash: model-deprecated with a date and a successor that is not deprecated', () => {
    const { code, stdout } = run(['--offline', '--json', flash]);
    assert.equal(code, 0);
    const [finding, ...rest] = findingsOf(stdout);
    assert.deepEqual(rest, []);
    assert.equal(finding?.ruleId, 'model-deprecated');
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^gemini-2\.5-flash is deprecated: shutdown announced for \d{4}-\d{2}-\d{2}.*Move to gemini-3\.8-flash\.$/);
    const successor = JSON.parse(spawnSync(process.execPath, [cli, 'models', '--offline', '--json'], { encoding: 'utf8' }).stdout) as { id: string; lifecycle: { status: string } | null }[];
    assert.equal(successor.find((m) => m.id === 'gemini-3.8-flash')?.lifecycle?.status, 'stable');
  });

  const rows: [string, string, string][] = [
    ['minimal on gemini-3.8-flash', ts('gemini-3.8-flash', 'thinkingConfig: { thinkingLevel: "minimal" }'), 'thinkingLevel-invalid'],
    ['temperature 0.2 on Gemini 3', ts('gemini-3-flash-preview', 'temperature: 0.2'), 'temperature-low-on-gemini-3'],
  ];
  for (const [name, text, rule] of rows) {
    it(`${name}: ${rule}`, () => {
      const target = file(`${rule}.ts`, text);
      assert.deepEqual(findingsOf(run(['--offline', '--json', target]).stdout).map((f) => f.ruleId), [rule]);
    });
  }

  it('thinking_level with gemini-2.5-pro (Python): thinkingLevel-invalid', () => {
    const target = file('pro.py', 'from google import genai\nfrom google.genai import types\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-pro", contents="hi", config=types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_level="low")))\n');
    const { code, stdout } = run(['--offline', target]);
    assert.equal(code, 1);
    assert.match(stdout, /pro\.py:4:\d+: error thinkingLevel-invalid: gemini-2\.5-pro takes no thinkingLevel/);
  });

  it('--deprecations-within DAYS turns a close shutdown into an error (exit 1)', () => {
    const { code, stdout } = run(['--offline', '--json', '--deprecations-within', '36500', flash]);
    assert.equal(code, 1);
    assert.deepEqual(findingsOf(stdout).map((f) => `${f.ruleId} ${f.severity}`), ['model-deprecated error']);
    assert.equal(run(['--offline', '--deprecations-within=36500', flash]).code, 1);
  });

  it('--deprecations-within needs a number of days', () => {
    const { code, stderr } = run(['--offline', '--deprecations-within', 'soon', flash]);
    assert.equal(code, 2);
    assert.match(stderr, /--deprecations-within needs a number of days \(got 'soon'\)/);
  });

  it('escalates by the days left, past dates included', () => {
    const finding: CallFinding = { ruleId: 'model-deprecated', severity: 'warning', message: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, shutdown: '2026-12-31' };
    const table: [number | undefined, string, string][] = [[30, '2026-12-01', 'error'], [30, '2026-12-31', 'error'], [29, '2026-12-01', 'warning'], [0, '2027-01-05', 'error'], [undefined, '2026-12-30', 'warning']];
    for (const [days, today, severity] of table) assert.equal(escalate(finding, days, today).severity, severity, `${String(days)} ${today}`);
    assert.equal(escalate({ ...finding, ruleId: 'model-retired', severity: 'error' }, 1, '2026-12-30').severity, 'error');
    assert.equal(escalate({ ...finding, shutdown: undefined }, 3650, '2026-12-30').severity, 'warning');
  });
});
