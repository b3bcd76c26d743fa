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
  '040.py': 'reports model-retired gemini-live-2.5-flash-preview; its label says the status is unverified, but 041.py labels gemini-2.0-flash-live-001, which the same lifecycle fact (both shut down 2025-12-09) retires, model-retired: the two labels cannot both hold',
  '063.cs': 'misses api-key-in-code: the corpus replaced the key with XXXX, and 041.py labels the same redacted literal (api_key="XXXX") info only; the rule reports what is recognizably a key (AIza…)',
  '066.cs': 'misses api-key-in-code: the corpus replaced the key with XXXX, and 041.py labels the same redacted literal (api_key="XXXX") info only; the rule reports what is recognizably a key (AIza…)',
};

/**
 * Advisory rules the corpus labels do not cover: the call succeeds (a 200), so the labels, which name
 * failures and lifecycle, say nothing either way. Their own tests are the rule tables.
 */
const unlabelledRules = new Set(['temperature-low-on-gemini-3']);

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
  const findings = validate(extraction, text, snapshotFacts).filter((f) => f.severity !== 'info' && !unlabelledRules.has(f.ruleId));
  // A model-status finding's message starts with the model id it is about.
  const got = [...new Set(findings.map((f) => (/^model-(retired|deprecated)$/.test(f.ruleId) ? `${f.ruleId} ${/^(\S+)/.exec(f.message)![1]}` : f.ruleId)))].sort();
  assert.deepEqual(got, [...new Set(expectedFindings(row.expected))].sort(), findings.map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`).join('\n'));
}

describe('call corpus', () => {
  for (const row of rows) corpusCheck(knownGaps, row.file, `${row.file}: ${row.expected.join(', ')}`, () => findsExactly(row));
});

describeGaps('call corpus', knownGaps, rows.map((r) => r.file), (file) => fails(() => findsExactly(rows.find((r) => r.file === file)!)));
