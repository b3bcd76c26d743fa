/**
 * The shared corpus of real Gemini call code (../shared/corpus/calls): each file yields exactly the
 * findings of its answers.tsv line (errors and warnings), information hints aside.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { callLanguage } from '../../../src/core/calls/extract';
import { validate, type ModelFacts } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';
import { sharedDir } from '../../host/paths';

const dir = sharedDir('corpus', 'calls');
const rows = readFileSync(path.join(dir, 'answers.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [file, language, model, , expected] = line.split('\t') as [string, string, string, string, string];
  return { file, language, model, expected: expected.split(';').map((l) => l.trim()).filter((l) => l && !l.startsWith('info:')) };
});

export const snapshotFacts: ModelFacts = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels };

/** answers.tsv labels → rule ids (and the model a retired finding must name). */
function expectedFindings(labels: string[]): string[] {
  return labels.filter((l) => l !== 'none').map((label) => {
    if (label.startsWith('model-retired:')) return `model-retired ${label.slice('model-retired:'.length)}`;
    if (label.startsWith('thinkingBudget-zero-on-2.5-pro')) return 'thinkingBudget-out-of-range';
    if (label === 'systemInstruction-outside-config') return 'config-misplaced';
    if (label.startsWith('sdk-mismatch')) return 'sdk-mismatch';
    return label;
  }).sort();
}

describe('call corpus', () => {
  const parser = new CallParser();
  for (const row of rows) {
    it(`${row.file}: ${row.expected.join(', ')}`, async () => {
      const text = readFileSync(path.join(dir, row.file), 'utf8');
      const language = callLanguage(row.file)!;
      const extraction = await parser.extract(language, text);
      const findings = validate(extraction, text, snapshotFacts).filter((f) => f.severity !== 'info');
      const got = [...new Set(findings.map((f) => (f.ruleId === 'model-retired' ? `model-retired ${/^(\S+)/.exec(f.message)![1]}` : f.ruleId)))].sort();
      assert.deepEqual(got, [...new Set(expectedFindings(row.expected))].sort(), findings.map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`).join('\n'));
    });
  }
});
