/** Model ids in any text, the completion context, .gitignore globs, and the model card the hover shows. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelCard, modelCardMarkdown, modelCompletions, type ModelCatalog } from '../../../src/core/models/modelCard';
import { findModelIds, gitignoreGlobs, modelIdAt, modelStringStart } from '../../../src/core/models/modelText';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';

const snapshot: ModelCatalog = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels, today: '2026-11-30' };

describe('model ids in text', () => {
  const rows: [string, string[]][] = [
    ['model: "gemini-2.5-flash"', ['gemini-2.5-flash']],
    ['GEMINI_MODEL=gemini-3.8-flash', ['gemini-3.8-flash']],
    ['model = "models/gemini-2.5-pro"  # TOML', ['gemini-2.5-pro']],
    ['  model: gemini-2.5-flash-lite   # YAML', ['gemini-2.5-flash-lite']],
    ['{"model": "gemini-embedding-001", "other": "imagen-4.0-generate-001"}', ['gemini-embedding-001', 'imagen-4.0-generate-001']],
    ['POST https://generativelanguage.googleapis.com/v1beta/models/gemini-3-flash-preview:generateContent', ['gemini-3-flash-preview']],
    ['We moved to gemini-3.8-flash. Then gemini-flash-latest, gemini-pro and gemini-2.5-pro-exp-03-25.', ['gemini-3.8-flash', 'gemini-flash-latest', 'gemini-pro', 'gemini-2.5-pro-exp-03-25']],
    ['npm i -g @google/gemini-cli; gemini-doctor validate; my-gemini-2.5-flash-clone', []],
    ['text-embedding-004 and gemini-2.5-flash-native-audio-preview-12-2025', ['text-embedding-004', 'gemini-2.5-flash-native-audio-preview-12-2025']],
  ];
  for (const [line, ids] of rows) {
    it(line, () => assert.deepEqual(findModelIds(line).map((m) => m.id), ids));
  }

  it('finds the id under the cursor, with its columns', () => {
    const line = 'config = {"model": "gemini-2.5-flash", "temperature": 1}';
    const at = line.indexOf('2.5');
    assert.deepEqual(modelIdAt(line, at, 7), { id: 'gemini-2.5-flash', line: 7, start: line.indexOf('gemini'), end: line.indexOf('gemini') + 'gemini-2.5-flash'.length });
    assert.equal(modelIdAt(line, line.indexOf('temperature')), undefined);
  });

  it('reads a window of a very long line, in linear time', () => {
    const line = `${'x'.repeat(1_000_000)} gemini-2.5-flash ${'-'.repeat(1_000_000)}`;
    assert.equal(modelIdAt(line, 1_000_003)?.id, 'gemini-2.5-flash');
    assert.deepEqual(findModelIds(`${'gemini-'.repeat(200_000)}\n`), []);
  });

  it('knows where a model string starts', () => {
    const rows: [string, number | undefined][] = [
      ['await ai.models.generateContent({ model: "gem', 42],
      ['client.models.generate_content(model="gemini-2.', 38],
      ['model = genai.GenerativeModel("', 31],
      ['model = genai.GenerativeModel(model_name="gemini', 42],
      ['GEMINI_MODEL=gem', 13],
      ['resp, err := client.Models.GenerateContent(ctx, "gem', 49],
      ['curl https://generativelanguage.googleapis.com/v1beta/models/gem', 61],
      ['const model = "models/gem', 22],
      ['const name = "gem', undefined],
      ['temperature: 0.', undefined],
    ];
    for (const [before, start] of rows) assert.equal(modelStringStart(before), start, before);
  });

  it('turns a .gitignore into globs', () => {
    assert.deepEqual(gitignoreGlobs('# build\nnode_modules/\n/dist\n*.log\n!keep.log\nvendor/lib\n[ab].txt\n'), ['**/node_modules', '**/node_modules/**', 'dist', 'dist/**', '**/*.log', '**/*.log/**', 'vendor/lib', 'vendor/lib/**']);
  });
});

describe('model card', () => {
  it('a deprecated model: limits, thinking, lifecycle with dates and sources, successor, where the facts came from', () => {
    const card = modelCard('gemini-2.5-flash', snapshot);
    const text = modelCardMarkdown(card, snapshot, 'gemini-3.8-flash');
    for (const part of ['**Gemini 2.5 Flash** `gemini-2.5-flash`', '| Limits | 1,048,576 in · 65,536 out |', 'thinkingBudget 0–24,576 \\(0 turns it off\\)',
      'shutdown announced for 2026-12-01, 1 day left — this date has moved before', 'see also [2026-06-17: an earlier version of the deprecations page', '| Move to | `gemini-3.8-flash` |',
      '_Limits: offline snapshot \\(2026-11-30\\), from [ai.google.dev/api/models]', 'https://dev.to/aideprecations', 'read 2026-11-30']) {
      assert.ok(text.includes(part), `${part}\n---\n${text}`);
    }
    assert.doesNotMatch(text, /facts|\.md\b/);
  });

  it('a Gemini 3 model: thinking levels and the temperature advice', () => {
    const text = modelCardMarkdown(modelCard('models/gemini-3.8-flash', snapshot), snapshot);
    assert.match(text, /thinkingLevel low, medium, high \\\(default medium\\\)/);
    assert.match(text, /keep the default 1\.0/);
    assert.match(text, /docs\.cloud\.google\.com/);
  });

  it('live: listed is available, not listed is not, whatever the table says', () => {
    const live: ModelCatalog = { source: 'live', label: 'live', models: [{ id: 'gemini-3-pro-preview', supportedActions: ['generateContent'] }] };
    const listed = modelCard('gemini-3-pro-preview', live);
    assert.equal(listed.availableToKey, true);
    assert.equal(listed.deprecated, false);
    assert.match(modelCardMarkdown(listed, live), /listed by the API: available/);
    const missing = modelCard('gemini-3.8-flash', live);
    assert.equal(missing.availableToKey, false);
    assert.match(modelCardMarkdown(missing, live), /\*\*Not available to your key\*\*: the API does not list it \(live\)/);
  });

  it('an unknown id offline says so, without guessing', () => {
    assert.match(modelCardMarkdown(modelCard('gemini-3.9-flash', snapshot), snapshot), /Not in the offline snapshot \\\(2026-11-30\\\): it may be newer than the snapshot/);
  });

  it('text from the API is escaped', () => {
    const live: ModelCatalog = { source: 'live', label: 'live', models: [{ id: 'gemini-x', displayName: 'X [click](command:evil)', supportedActions: [] }] };
    assert.ok(modelCardMarkdown(modelCard('gemini-x', live), live).includes('X \\[click\\]\\(command:evil\\)'));
  });

  it('completions: every model with its limits, deprecated ones marked and last', () => {
    const items = modelCompletions(snapshot);
    assert.equal(items.length, snapshotModels.length);
    const flash = items.find((i) => i.id === 'gemini-2.5-flash')!;
    assert.equal(flash.deprecated, true);
    assert.match(flash.detail, /^1,048,576 in · 65,536 out · deprecated · shutdown 2026-12-01$/);
    const order = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.deprecated);
    assert.deepEqual(order, [...order].sort((a, b) => Number(a) - Number(b)));
    assert.equal([...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0]!.id, 'gemini-3.8-flash');
  });
});
