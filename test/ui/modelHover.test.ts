import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Workbench } from './workbench';

describe('model hover on screen', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open({ 'workbench.colorTheme': 'Default Light Modern', 'geminiDoctor.validate.onOpenAndSave': false });
  });
  after(async () => {
    await workbench?.close();
  });

  it('hovering a model id in Python shows its limits, thinking and lifecycle with dates and sources', async () => {
    await workbench.openFile('handler.py', 'generate_content');
    const text = await workbench.hover('gemini-2.5-flash', 'Lifecycle');
    assert.match(text, /Gemini 2\.5 Flash/);
    assert.match(text, /Limits\s+1,048,576 in · 65,536 out/);
    assert.match(text, /thinkingBudget/);
    assert.match(text, /shutdown announced for 2026-12-01/);
    assert.match(text, /this date has moved before/);
    assert.match(text, /Move to\s+gemini-3\.8-flash/);
    assert.match(text, /Limits: offline snapshot/);
    await workbench.screenshot('model-hover', { readme: true });
  });
});
