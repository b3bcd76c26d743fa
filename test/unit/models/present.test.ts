import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lifecycleOf } from '../../../src/core/models/lifecycle';
import { describeLimits, filterModels, groupModels, groupOf, idKind, modelDocsUrl, modelTooltip, shortLimits } from '../../../src/core/models/present';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import type { ModelInfo } from '../../../src/core/models/types';
import { referenceDir } from '../../host/paths';

const m = (id: string, actions: string[], extra: Partial<ModelInfo> = {}): ModelInfo => ({ id, supportedActions: actions, ...extra });

describe('model presentation', () => {
  it('groups: stable, preview, embedding, other', () => {
    const table: [ModelInfo, string][] = [
      [m('gemini-2.5-pro', ['generateContent']), 'stable'],
      [m('gemini-3.1-pro-preview', ['generateContent']), 'preview'],
      [m('gemini-2.0-flash-exp', ['generateContent']), 'preview'],
      [m('gemini-2.5-pro-preview-06-05', ['generateContent']), 'preview'],
      [m('gemini-embedding-001', ['embedContent']), 'embedding'],
      [m('imagen-4.0-generate-001', ['predict']), 'other'],
      [m('aqa', ['generateAnswer']), 'other'],
    ];
    for (const [model, group] of table) assert.equal(groupOf(model), group, model.id);
    assert.deepEqual(groupModels(table.map(([model]) => model)).map((g) => g.id), ['stable', 'preview', 'embedding', 'other']);
  });

  it('describes limits as the view shows them', () => {
    assert.equal(describeLimits(m('x', [], { inputTokenLimit: 1048576, outputTokenLimit: 65536 })), '1,048,576 in · 65,536 out');
    assert.equal(describeLimits(m('x', [], { inputTokenLimit: 2048 })), '2,048 in');
    assert.equal(describeLimits(m('x', [])), '');
  });

  it('filters by every word, in id, name or description', () => {
    const models = [m('gemini-2.5-flash-lite', [], { displayName: 'Gemini 2.5 Flash-Lite' }), m('gemini-2.5-flash', []), m('gemini-2.5-pro', [], { description: 'Our most capable' })];
    assert.deepEqual(filterModels(models, 'flash lite').map((x) => x.id), ['gemini-2.5-flash-lite']);
    assert.deepEqual(filterModels(models, 'CAPABLE').map((x) => x.id), ['gemini-2.5-pro']);
    assert.equal(filterModels(models, '  ').length, 3);
  });

  it('tooltips show everything known and escape the rest', () => {
    const tooltip = modelTooltip(m('gemini-x', ['generateContent', 'countTokens'], { description: 'A *bold* [link](command:x)', version: '001', temperature: 1, maxTemperature: 2, topP: 0.95, topK: 64, thinking: true }), 'Source: live');
    for (const text of ['`gemini-x`', 'generateContent', 'Max temperature | 2', 'topK (default) | 64', 'Thinking | yes', 'Source: live']) assert.ok(tooltip.includes(text), text);
    assert.ok(tooltip.includes('\\[link\\]\\(command:x\\)'));
  });

  it('tooltips keep ids and actions from the API inside their code spans and table cells', () => {
    const tooltip = modelTooltip(m('x` [p](https://evil.example) |', ['generateContent` ![i](https://evil.example/i.png)', 'a|b'], { description: 'See https://evil.example/x and <img src=x>' }), 'Source: live');
    const prose = tooltip.replace(/`[^`\n]*`/g, '');
    assert.doesNotMatch(prose, /(?<!\\)\]\(/);
    assert.doesNotMatch(prose, /(?<!\\)</);
    assert.ok(tooltip.includes('`https://evil.example/x`'));
    // Every table row still has exactly its two cells.
    for (const row of tooltip.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |'))) assert.equal(row.replace(/\\\|/g, '').split('|').length, 4, row);
  });

  it('short limits stay readable in a narrow sidebar', () => {
    assert.equal(shortLimits(m('x', [], { inputTokenLimit: 1048576, outputTokenLimit: 65536 })), '1M in · 64K out');
    assert.equal(shortLimits(m('x', [], { inputTokenLimit: 131072, outputTokenLimit: 8192 })), '128K in · 8K out');
    assert.equal(shortLimits(m('x', [], { inputTokenLimit: 2048 })), '2K in');
    assert.equal(shortLimits(m('x', [], { inputTokenLimit: 1000 })), '1,000 in');
  });

  it('docs links go to the models page', () => {
    assert.equal(modelDocsUrl(m('gemini-2.5-flash-lite', [])), 'https://ai.google.dev/gemini-api/docs/models#gemini-2.5-flash-lite');
    assert.equal(modelDocsUrl(m('imagen-4.0-generate-001', [])), 'https://ai.google.dev/gemini-api/docs/models');
  });
});

describe('offline snapshot', () => {
  const facts = readFileSync(referenceDir('gemini-facts.md'), 'utf8');
  const tables = `${facts.slice(facts.indexOf('## 6. Model metadata'), facts.indexOf('## 7.'))}\n${facts.slice(facts.indexOf('## 12.'), facts.indexOf('## 13.'))}`;
  const rowOf = (id: string) => tables.split('\n').find((line) => line.startsWith(`| ${id} |`) || line.includes(`| ${id},`) || line.includes(`, ${id} |`));

  it('is dated and every entry cites a public page, never a file of the project', () => {
    assert.match(SNAPSHOT_DATE, /^\d{4}-\d{2}-\d{2}$/);
    for (const model of snapshotModels) {
      assert.match(model.source, /^https:\/\/(?:ai\.google\.dev|docs\.cloud\.google\.com)\//, model.id);
      assert.doesNotMatch(model.source, /\.md\b|facts/, model.id);
    }
  });

  it('covers the current family: 3.x Flash, Flash-Lite, Pro preview, 2.5, image, speech, live audio, embedding', () => {
    const ids = snapshotModels.map((model) => model.id as string);
    for (const id of ['gemini-3.8-flash', 'gemini-3.7-flash', 'gemini-3.6-flash', 'gemini-3.5-flash', 'gemini-3.5-flash-lite', 'gemini-3.1-flash-lite', 'gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-embedding-001']) {
      assert.ok(ids.includes(id), id);
    }
    for (const kind of ['image', 'speech', 'live-audio', 'embedding']) assert.ok(ids.some((id) => idKind(id) === kind), kind);
  });

  it('has the limits of the facts tables, and none the facts do not give', () => {
    for (const model of snapshotModels as readonly ModelInfo[]) {
      const row = rowOf(model.id);
      const numbers = (row?.split('|')[2] ?? '').match(/\d[\d,]*(?![\d,M])/g)?.map((n) => Number(n.replace(/,/g, ''))) ?? [];
      assert.equal(model.inputTokenLimit, numbers[0], `${model.id} input`);
      assert.equal(model.outputTokenLimit, numbers[1], `${model.id} output`);
    }
  });

  it('holds no model that is shut down', () => {
    assert.deepEqual(snapshotModels.filter((model) => lifecycleOf(model.id)?.status === 'shut-down').map((model) => model.id), []);
    const retired = /gemini-pro\b|gemini-pro-vision|gemini-1\.|gemini-2\.0-|gemini-3-pro-preview|2\.5-pro-preview-\d/;
    assert.deepEqual(snapshotModels.filter((model) => retired.test(model.id)).map((model) => model.id), []);
  });
});
