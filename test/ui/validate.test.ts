import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Workbench } from './workbench';

describe('Validate Gemini Call on screen', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open({ 'workbench.colorTheme': 'Default Light Modern', 'geminiDoctor.validate.onOpenAndSave': false });
  });
  after(async () => {
    await workbench?.close();
  });

  it('the command reports what it checked, and the Problems panel lists the findings', async () => {
    const { page } = workbench;
    await workbench.openFile('summarize.ts', 'generateContent');
    await workbench.runCommand('Gemini: Validate Gemini Call');
    assert.match(await workbench.notification('checked'), /^1 Gemini call checked, 3 problems/);
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'gemini-1.5-pro is retired' }).first().waitFor({ timeout: 30_000 });
    const texts = await rows.allInnerTexts();
    for (const expected of ['temperature 2.5 is outside 0–2', 'systemInstruction beside config is ignored']) {
      assert.ok(texts.some((t) => t.includes(expected)), `${expected} not in:\n${texts.join('\n')}`);
    }
    await page.keyboard.press('Escape');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.screenshot('validate', { readme: true });
  });
});
