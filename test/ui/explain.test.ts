import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Workbench } from './workbench';

/** The centre of `token` in the terminal's rows (the DOM renderer draws text as spans), or null. */
async function terminalPoint(page: Page, token: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((word) => {
    for (const row of document.querySelectorAll('.terminal .xterm-rows > div')) {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const full = nodes.map((n) => n.textContent ?? '').join('');
      let k = full.indexOf(word);
      if (k < 0) continue;
      k += Math.floor(word.length / 2);
      for (const node of nodes) {
        const length = node.textContent?.length ?? 0;
        if (k < length) {
          const range = document.createRange();
          range.setStart(node, k);
          range.setEnd(node, k + 1);
          const box = range.getBoundingClientRect();
          return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
        k -= length;
      }
    }
    return null;
  }, token);
}

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
    const point = await terminalPoint(page, 'RESOURCE_EXHAUSTED');
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

    // Activate the link as a user does (Ctrl+click) and wait for the explanation's preview.
    await page.keyboard.down('Control');
    await page.mouse.click(point.x, point.y);
    await page.keyboard.up('Control');
    await page.locator('.tabs-container .tab', { hasText: 'Gemini errors' }).first().waitFor({ timeout: 30_000 });
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h2', { hasText: 'No free tier for this model' }).first().waitFor({ timeout: 30_000 });
    const body = await preview.locator('body').innerText();
    for (const heading of ['This error says:', 'What to do:', 'Retry?', 'What it means:', 'Likely cause:', 'Sources:']) assert.ok(body.includes(heading), heading);
    await page.mouse.move(5, 5);
    await workbench.screenshot('explanation', { readme: true });
  });

  it('the walkthrough shows its steps', async () => {
    const { page } = workbench;
    await page.keyboard.press('Escape');
    await workbench.openFile('app.log', 'RESOURCE_EXHAUSTED');
    // The panel (the terminal of the check before) would hide the steps.
    const closePanel = page.locator('.part.panel .codicon-close, .part.panel .codicon-panel-close').first();
    if (await closePanel.isVisible()) await closePanel.click();
    await workbench.pick('Welcome: Open Walkthrough...', 'Get started with Gemini Doctor');
    const steps = page.locator('.gettingStartedContainer', { hasText: 'Set an API key, or continue offline' }).first();
    await steps.waitFor({ timeout: 30_000 });
    const text = await steps.innerText();
    for (const step of ['Hover an error in a log', 'Validate a Gemini call', 'Browse the Models view', 'Explain a terminal error']) assert.ok(text.includes(step), step);
    await page.mouse.move(5, 5);
    await workbench.screenshot('walkthrough', { readme: true });
  });
});
