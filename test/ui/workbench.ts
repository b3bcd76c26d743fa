/**
 * A real VS Code (code-server) with the packaged .vsix installed, opened in Chromium, and the few
 * workbench gestures the UI checks need. Selectors follow VS Code's own smoke tests.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CodeServer, copyWorkspace, createRun, installVsix, launchChromium, removeRun, type HostRun } from '../host/codeServer';
import { readManifest, resultsDir, vsixPath } from '../host/paths';

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly run: HostRun,
    private readonly server: CodeServer,
    private readonly browser: Browser,
  ) {}

  /** Installs the .vsix into a fresh profile, starts code-server and opens the workspace. */
  static async open(settings: Record<string, unknown> = {}): Promise<Workbench> {
    const run = createRun('ui', settings);
    installVsix(run, vsixPath(readManifest()));
    const workspace = copyWorkspace(run);
    const server = await CodeServer.start(run);
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          await this.screenshot('failed-command-palette');
          throw new Error(`the command palette did not offer '${title}' within ${timeoutMs / 1000} s`, { cause: error });
        }
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /** Saves a screenshot to test-results/ui/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const folder = path.join(resultsDir, 'ui');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    removeRun(this.run);
  }
}
