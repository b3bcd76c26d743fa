/**
 * The corpus of real Gemini call code (test/corpus/calls): each file yields exactly the findings of
 * its answers.tsv line (errors and warnings), information hints aside.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe } from 'node:test';
import { callLanguage } from '../../../src/core/calls/extract';
import { validate, type ModelFacts } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';
import { corpusDir } from '../../host/paths';
import { corpusCheck, describeGaps, fails, type KnownGaps } from '../knownGaps';

/** Files whose findings differ from their answers yet, by file: the work of the validator and model issues. */
const knownGaps: KnownGaps = {
  '004.py': 'misses model-deprecated gemini-2.5-pro',
  '005.py': 'misses model-deprecated gemini-2.5-flash',
  '007.js': 'misses model-deprecated gemini-2.5-pro',
  '008.js': 'misses model-deprecated gemini-2.5-flash',
  '015.py': 'misses model-deprecated gemini-2.5-flash',
  '016.py': 'misses model-deprecated gemini-2.5-flash',
  '020.js': 'misses model-deprecated gemini-2.5-flash',
  '023.js': 'misses model-deprecated gemini-2.5-flash',
  '033.py': 'misses model-retired gemini-2.5-flash-preview-05-20',
  '034.py': 'misses model-deprecated gemini-2.5-flash',
  '035.py': 'misses model-deprecated gemini-2.5-flash',
  '039.py': 'misses model-deprecated gemini-2.5-flash',
  '042.js': 'misses model-deprecated gemini-2.5-flash',
  '043.js': 'misses model-deprecated gemini-2.5-pro',
  '044.js': 'misses model-deprecated gemini-2.5-flash',
  '045.js': 'misses model-retired gemini-2.5-pro-exp-03-25',
  '046.py': 'misses model-deprecated gemini-2.5-flash',
  '047.ts': 'misses model-deprecated gemini-2.5-flash',
  '048.sh': 'misses model-deprecated gemini-2.5-flash',
  '052.py': 'misses model-deprecated gemini-2.5-flash',
  '053.java': 'misses model-deprecated gemini-2.5-flash',
  '056.java': 'misses model-deprecated gemini-2.5-flash',
  '063.cs': 'misses api-key-in-code: the corpus replaced the key (on a commented-out line) with XXXX, and the rule reports AIza… keys only',
  '065.cs': 'misses model-deprecated gemini-2.5-pro',
  '066.cs': 'misses model-deprecated gemini-2.5-flash; api-key-in-code: the corpus replaced the key with XXXX, and the rule reports AIza… keys only',
  '068.cs': 'misses model-deprecated gemini-2.5-flash',
  '070.cs': 'reports model-unknown for gemini-3.6-flash: not in the offline snapshot yet',
  '072.cs': 'misses model-deprecated gemini-2.5-flash',
};

const dir = corpusDir('calls');
/** Splits a `;` list, keeping `;` inside parentheses (labels such as `info:x(a=1;b=2)`). */
const labelsOf = (list: string) => list.split(/;(?![^(]*\))/).map((l) => l.trim()).filter((l) => l && !l.startsWith('info:'));
const rows = readFileSync(path.join(dir, 'answers.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [file, language, model, , expected] = line.split('\t') as [string, string, string, string, string];
  return { file, language, model, expected: labelsOf(expected) };
});
type Row = (typeof rows)[number];

export const snapshotFacts: ModelFacts = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels };

/** answers.tsv labels → rule ids (and the model a model-status finding must name). */
function expectedFindings(labels: string[]): string[] {
  return labels.filter((l) => l !== 'none').map((label) => {
    const model = /^(model-retired|model-deprecated):(.+)$/.exec(label);
    if (model) return `${model[1]} ${model[2]}`;
    if (label.startsWith('thinkingBudget-zero-on-2.5-pro')) return 'thinkingBudget-out-of-range';
    if (label === 'systemInstruction-outside-config') return 'config-misplaced';
    if (label.startsWith('sdk-mismatch')) return 'sdk-mismatch';
    return label;
  }).sort();
}

const parser = new CallParser();

async function findsExactly(row: Row): Promise<void> {
  const text = readFileSync(path.join(dir, row.file), 'utf8');
  const language = callLanguage(row.file);
  assert.ok(language, `${row.file}: no validator for this language`);
  const extraction = await parser.extract(language, text);
  const findings = validate(extraction, text, snapshotFacts).filter((f) => f.severity !== 'info');
  // A model-status finding's message starts with the model id it is about.
  const got = [...new Set(findings.map((f) => (/^model-(retired|deprecated)$/.test(f.ruleId) ? `${f.ruleId} ${/^(\S+)/.exec(f.message)![1]}` : f.ruleId)))].sort();
  assert.deepEqual(got, [...new Set(expectedFindings(row.expected))].sort(), findings.map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`).join('\n'));
}

describe('call corpus', () => {
  for (const row of rows) corpusCheck(knownGaps, row.file, `${row.file}: ${row.expected.join(', ')}`, () => findsExactly(row));
});

describeGaps('call corpus', knownGaps, rows.map((r) => r.file), (file) => fails(() => findsExactly(rows.find((r) => r.file === file)!)));
