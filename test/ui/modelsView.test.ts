import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeGemini, makeModels } from '../fakeGemini/server';
import { Workbench } from './workbench';

const KEY = 'ui-test-key-4c8d1f';

describe('Models view on screen', () => {
  let workbench: Workbench;
  let fake: FakeGemini;
  before(async () => {
    fake = await FakeGemini.start({ apiKey: KEY, models: makeModels(7) });
    workbench = await Workbench.open({ 'workbench.colorTheme': 'Default Light Modern' }, { machineSettings: { 'geminiDoctor.endpoint': fake.url } });
  });
  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  const rows = () => workbench.page.locator('.part.sidebar .pane-body .monaco-list-row');
  const row = (text: string | RegExp) => rows().filter({ hasText: text }).first();

  it('without a key it shows the offline snapshot, and says why', async () => {
    const { page } = workbench;
    await page.locator('.part.activitybar .action-item a[aria-label^="Gemini"], .part.activitybar .action-item[aria-label^="Gemini"]').first().click();
    await row('No API key').waitFor({ timeout: 30_000 });
    await row('Gemini 2.5 Pro').waitFor();
    assert.match(await row('Gemini 2.5 Pro').innerText(), /1M in · 64K out/);
    assert.match(await page.locator('.part.sidebar').innerText(), /offline snapshot \(\d{4}-\d{2}-\d{2}\)/);
  });

  it('a wrong key is explained and not stored', async () => {
    await workbench.runCommand('Gemini: Set API Key');
    await workbench.answerInput('not-a-valid-key-123');
    const message = await workbench.notification('The key was not saved');
    assert.match(message, /API key not valid/);
    assert.ok(!message.includes('not-a-valid-key-123'));
    await workbench.page.keyboard.press('Escape');
    assert.equal(fake.requestsWithKey('not-a-valid-key-123').length, 1);
  });

  it('a right key is checked, stored, and the view lists the models live', async () => {
    await workbench.runCommand('Gemini: Set API Key');
    await workbench.answerInput(KEY);
    assert.match(await workbench.notification('checked and saved'), /secret storage/);
    await row('Gemini Test 6').waitFor({ timeout: 30_000 });
    assert.match(await workbench.page.locator('.part.sidebar').innerText(), /\blive\b/);
    assert.equal(await rows().filter({ hasText: 'No API key' }).count(), 0);
    // No notifications over the view: as a user would look at it.
    await workbench.runCommand('Notifications: Clear All Notifications');
    await row('Gemini 2.5 Pro').hover();
    await workbench.page.locator('.monaco-hover:visible', { hasText: 'Supported actions' }).first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('models', { readme: true });
  });

  it('the filter narrows the list and says so; clearing it brings all back', async () => {
    await workbench.page.mouse.move(700, 700);
    await workbench.runCommand('Gemini: Filter Models');
    await workbench.answerInput('2.5 pro');
    await workbench.page.locator('.part.sidebar', { hasText: 'filter: 2.5 pro' }).waitFor({ timeout: 10_000 });
    await rows().filter({ hasText: 'Gemini Test 5' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    const labels = await rows().locator('.label-name').allInnerTexts();
    assert.ok(labels.includes('Gemini 2.5 Pro'), labels.join(', '));
    assert.ok(!labels.includes('Gemini 2.5 Flash') && !labels.includes('Gemini Test 5'), labels.join(', '));
    await workbench.runCommand('Gemini: Clear Model Filter');
    await row('Gemini Test 5').waitFor({ timeout: 10_000 });
  });

  it('Clear API Key removes it', async () => {
    await workbench.page.mouse.move(700, 700);
    await workbench.runCommand('Gemini: Clear API Key');
    assert.match(await workbench.notification('removed'), /secret storage/);
    await row('No API key').waitFor({ timeout: 30_000 });
  });
});
