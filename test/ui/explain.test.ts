import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textPoint, Workbench } from './workbench';

describe('explaining errors where they are printed, on screen', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open({
      'workbench.colorTheme': 'Default Light Modern',
      // The DOM renderer, so the check can find the words on screen.
      'terminal.integrated.gpuAcceleration': 'off',
    });
  });
  after(async () => {
    await workbench?.close();
  });

  it('a Gemini error in the terminal is a link whose tooltip is its title, and a click opens the explanation', async () => {
    const { page } = workbench;
    // A click in the workbench first: the command palette needs a focused window.
    await workbench.openFile('app.log', 'RESOURCE_EXHAUSTED');
    await workbench.runCommand('Gemini: Open Sample Terminal Output');
    await workbench.runCommand('View: Toggle Maximized Panel');
    await page.locator('.terminal .xterm-rows', { hasText: 'RESOURCE_EXHAUSTED' }).first().waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await workbench.screenshot('failed-terminal-open');
      throw error;
    });
    const point = await textPoint(page, '.terminal .xterm-rows > div', 'RESOURCE_EXHAUSTED');
    assert.ok(point, 'RESOURCE_EXHAUSTED is not visible in the terminal');
    const tooltip = page.locator('.monaco-hover:visible, .workbench-hover:visible', { hasText: 'No free tier for this model' }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(point.x - 40, point.y + 60);
      await page.mouse.move(point.x, point.y, { steps: 4 });
      try {
        await tooltip.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        if (attempt === 10) {
          await workbench.screenshot('failed-terminal-link');
          throw new Error('no link tooltip over the 429 in the terminal', { cause: error });
        }
      }
    }
    assert.match((await tooltip.innerText()).replace(/\s+/g, ' '), /429 RESOURCE_EXHAUSTED — No free tier for this model/);
    await workbench.screenshot('terminal', { readme: true });

    // The explanation opens in the editor area, which the maximized panel covers: the panel is restored
    // first, and the link found again where the terminal now shows it.
    await workbench.runCommand('View: Toggle Maximized Panel');
    const link = 'ClientError: 429 RESOURCE_EXHAUSTED';
    let target = point;
    for (let i = 0; i < 100 && target.y === point.y; i++) {
      await page.waitForTimeout(100);
      target = (await textPoint(page, '.terminal .xterm-rows > div', link)) ?? target;
    }
    assert.notEqual(target.y, point.y, 'the panel was not restored');

    // Activate the link as a user does (Ctrl+click) and wait for the explanation's preview. On a busy
    // machine the terminal may not have its links ready at the first click: click again until it opens.
    const tab = page.locator('.tabs-container .tab', { hasText: 'Gemini errors' }).first();
    for (let attempt = 1; ; attempt++) {
      target = (await textPoint(page, '.terminal .xterm-rows > div', link)) ?? target;
      await page.mouse.move(target.x - 40, target.y + 30);
      await page.mouse.move(target.x, target.y, { steps: 4 });
      await page.keyboard.down('Control');
      await page.mouse.click(target.x, target.y);
      await page.keyboard.up('Control');
      try {
        await tab.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 5) {
          await workbench.screenshot('failed-terminal-link-click');
          throw new Error('Ctrl+click on the terminal link opened no explanation', { cause: error });
        }
      }
    }
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h2', { hasText: 'No free tier for this model' }).first().waitFor({ timeout: 30_000 });
    const body = await preview.locator('body').innerText();
    for (const heading of ['This error says:', 'What to do:', 'Retry?', 'What it means:', 'Likely cause:', 'Sources:']) assert.ok(body.includes(heading), heading);
    await page.mouse.move(5, 5);
    await tooltip.waitFor({ state: 'hidden', timeout: 10_000 });
    await workbench.screenshot('explanation', { readme: true });
  });

  it('the walkthrough shows its steps', async () => {
    const { page } = workbench;
    await page.keyboard.press('Escape');
    // The panel (the terminal of the check before, maybe maximized) would hide the editor and the steps.
    const closePanel = page.locator('.part.panel .codicon-close, .part.panel .codicon-panel-close').first();
    if (await closePanel.isVisible()) await closePanel.click();
    await workbench.openFile('app.log', 'RESOURCE_EXHAUSTED');
    await workbench.pick('Welcome: Open Walkthrough...', 'Get started with Gemini Doctor');
    const steps = page.locator('.gettingStartedContainer', { hasText: 'Set an API key, or continue offline' }).first();
    await steps.waitFor({ timeout: 30_000 });
    const text = await steps.innerText();
    for (const step of ['Hover an error in a log', 'Validate a Gemini call', 'Browse the Models view', 'Explain a terminal error']) assert.ok(text.includes(step), step);
    await page.mouse.move(5, 5);
    await workbench.screenshot('walkthrough', { readme: true });
  });
});
