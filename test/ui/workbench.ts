/**
 * A real VS Code (code-server) with the packaged .vsix installed, opened in Chromium, and the few
 * workbench gestures the UI checks need. Selectors follow VS Code's own smoke tests.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CodeServer, copyWorkspace, createRun, installVsix, launchChromium, removeRun, type HostRun } from '../host/codeServer';
import { readManifest, repoRoot, resultsDir, vsixPath } from '../host/paths';

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly run: HostRun,
    private readonly server: CodeServer,
    private readonly browser: Browser,
  ) {}

  /** Installs the .vsix into a fresh profile, starts code-server and opens the workspace. */
  static async open(settings: Record<string, unknown> = {}, options: { machineSettings?: Record<string, unknown>; env?: NodeJS.ProcessEnv } = {}): Promise<Workbench> {
    const run = createRun('ui', settings, options.machineSettings);
    const env = options.env ?? {};
    installVsix(run, vsixPath(readManifest()));
    const workspace = copyWorkspace(run);
    // No API key from the test machine's environment unless a test gives one.
    const server = await CodeServer.start(run, { env: { GEMINI_API_KEY: '', GOOGLE_API_KEY: '', ...env } });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(server.url(workspace));
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
      return new Workbench(page, workspace, run, server, browser);
    } catch (error) {
      await browser?.close();
      await server.stop();
      throw error;
    }
  }

  /**
   * Runs a command from the command palette by its title. Commands of late workbench parts (the
   * Extensions view) are registered a little after the window shows, so the palette is retried.
   */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await this.retry(`the command palette did not offer '${title}'`, 'failed-command-palette', timeoutMs, async () => {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      await row.waitFor({ timeout: 3_000 });
    });
    await this.page.keyboard.press('Enter');
  }

  /** Tries `attempt` until it succeeds (Escape between tries), or fails with `what` and a screenshot. */
  private async retry(what: string, screenshot: string, timeoutMs: number, attempt: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await attempt();
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          await this.screenshot(screenshot);
          throw new Error(`${what} within ${timeoutMs / 1000} s`, { cause: error });
        }
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Runs a command that opens a pick list and picks the row with `item`. The list is built when it
   * opens (an output channel appears once the extension has activated), so it is reopened until then.
   */
  async pick(command: string, item: string, timeoutMs = 30_000): Promise<void> {
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: item }).first();
    await this.retry(`'${command}' did not offer '${item}'`, 'failed-pick', timeoutMs, async () => {
      await this.runCommand(command);
      await row.click({ timeout: 3_000 });
    });
  }

  /**
   * The message of the notification containing `text`: from its toast, or else from the
   * notification center (VS Code hides information toasts of an unfocused window quickly).
   */
  async notification(text: string | RegExp, timeout = 30_000): Promise<string> {
    const item = this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item', { hasText: text }).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        await item.waitFor({ timeout: 2_000 });
        return (await item.locator('.notification-list-item-message').first().innerText()).trim();
      } catch (error) {
        if (Date.now() > deadline) {
          await this.screenshot('failed-notification');
          throw error;
        }
        if (!(await this.page.locator('.notifications-center.visible').count())) {
          await this.page.locator('.statusbar .codicon-bell, .statusbar .codicon-bell-dot, .statusbar .codicon-bell-slash').first().click();
        }
      }
    }
  }

  /** Types into the open quick input (an input box) and presses Enter. */
  async answerInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file from the explorer and waits until its text shows. */
  async openFile(name: string, waitForText: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.monaco-editor .view-line', { hasText: waitForText }).first().waitFor({ timeout: 30_000 });
  }

  /**
   * Hovers the middle of `token` in the visible editor and returns the text of the hover that
   * contains `expect`. Monaco splits a line into spans, so the token's rectangle is measured with a
   * DOM Range. The extension may still be activating: the mouse moves away and back until it shows.
   */
  async hover(token: string, expect: string): Promise<string> {
    const point = await textPoint(this.page, '.monaco-editor .view-line', token);
    if (!point) throw new Error(`'${token}' is not visible in the editor`);
    const hover = this.page.locator('.monaco-hover:visible', { hasText: expect }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.mouse.move(point.x - 60, point.y + 80);
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
      try {
        await hover.waitFor({ timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt === 15) {
          await this.screenshot('failed-hover');
          throw new Error(`no hover with '${expect}' over '${token}'`, { cause: error });
        }
      }
    }
    return (await hover.innerText()).trim();
  }

  /**
   * Saves a screenshot to test-results/ui/<name>.png and returns its path. For the README's
   * screenshots (`readme`), UPDATE_SCREENSHOTS=1 also replaces media/screenshots/<name>.png.
   */
  async screenshot(name: string, options: { readme?: boolean } = {}): Promise<string> {
    const folder = path.join(resultsDir, 'ui');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    if (options.readme && process.env.UPDATE_SCREENSHOTS === '1') {
      const media = path.join(repoRoot, 'media', 'screenshots');
      mkdirSync(media, { recursive: true });
      copyFileSync(file, path.join(media, `${name}.png`));
    }
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    removeRun(this.run);
  }
}

/**
 * The centre of the first `token` in the rows that `rowSelector` picks (editor lines, terminal rows),
 * or null. Rows are drawn as several spans, so the token's rectangle is measured with a DOM Range.
 */
export async function textPoint(page: Page, rowSelector: string, token: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(([selector, word]) => {
    for (const row of document.querySelectorAll(selector)) {
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
  }, [rowSelector, token] as const);
}
