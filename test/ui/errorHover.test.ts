import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Workbench } from './workbench';

describe('error hover on screen', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open({ 'editor.wordWrap': 'on', 'workbench.colorTheme': 'Default Light Modern' });
  });
  after(async () => {
    await workbench?.close();
  });

  it('hovering RESOURCE_EXHAUSTED in a log file shows the explanation', async () => {
    await workbench.openFile('app.log', 'RESOURCE_EXHAUSTED');
    const text = await workbench.hover('RESOURCE_EXHAUSTED', 'What to do');
    assert.match(text, /429 RESOURCE_EXHAUSTED — No free tier for this model/);
    assert.match(text, /Likely cause/);
    assert.match(text, /limit: 0/);
    assert.match(text, /Retry\?/);
    await workbench.screenshot('hover', { readme: true });
  });

  it('the log file\'s Gemini errors are in the Problems panel', async () => {
    const { page } = workbench;
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'RESOURCE_EXHAUSTED' });
    await rows.first().waitFor({ timeout: 30_000 });
    const all = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    assert.ok(all.some((t) => /503 UNAVAILABLE — Model overloaded/.test(t)), all.join('\n'));
    assert.ok(all.some((t) => /finishReason MAX_TOKENS/.test(t)), all.join('\n'));
    await workbench.screenshot('problems', { readme: true });
  });
});
