import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OUTPUT_CHANNEL_NAME } from '../../src/constants';
import { readManifest } from '../host/paths';
import { Workbench } from './workbench';

const manifest = readManifest();

describe('Gemini Doctor installed from its .vsix', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => {
    await workbench?.close();
  });

  it('is listed among the installed extensions with its name, description and icon', async () => {
    const { page } = workbench;
    await workbench.runCommand('Extensions: Show Installed Extensions');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: manifest.displayName }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.equal((await row.locator('.name').first().innerText()).trim(), manifest.displayName);
    assert.equal((await row.locator('.description').first().innerText()).trim(), manifest.description);
    const icon = row.locator('img.icon').first();
    await icon.waitFor();
    // The image element comes first, its pixels a moment later.
    const handle = await icon.elementHandle();
    const loaded = await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, handle, { timeout: 15_000 }).then(() => true, () => false);
    assert.ok(loaded, 'the extension icon did not load');
    await workbench.screenshot('extension-installed');
  });

  it('has activated and says so in its Output channel', async () => {
    const { page } = workbench;
    await workbench.pick('Output: Show Output Channels...', OUTPUT_CHANNEL_NAME);
    const line = page.locator('.part.panel .monaco-editor .view-line', { hasText: `Gemini Doctor ${manifest.version} activated` });
    await line.first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('output-channel');
  });
});
