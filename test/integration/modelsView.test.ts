import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Settings, Views } from '../../src/constants';
import type { GeminiDoctorApi } from '../../src/extension';
import { FakeGemini, makeModels, type FakeMode } from '../fakeGemini/server';
import { eventually, setSetting, workspaceFile } from './helpers';
import { INTEGRATION_API_KEY } from './suiteProtocol';

describe('models view', () => {
  let api: GeminiDoctorApi;
  let fake: FakeGemini;
  before(async () => {
    api = (await vscode.extensions.getExtension<GeminiDoctorApi>(EXTENSION_ID)!.activate());
    fake = await FakeGemini.start({ apiKey: INTEGRATION_API_KEY, models: makeModels(12), maxPageSize: 5 });
    await setSetting(Settings.endpoint, fake.url);
  });
  after(async () => {
    await setSetting(Settings.endpoint, undefined);
    await fake.close();
  });

  it('opens in the Gemini view container', async () => {
    await vscode.commands.executeCommand(`${Views.models}.focus`);
  });

  it('lists every model live from the endpoint, with the key from the environment', async () => {
    await vscode.commands.executeCommand(Commands.refreshModels);
    const list = api.modelList();
    assert.equal(list?.source, 'live');
    assert.equal(list?.models.length, 12);
    assert.equal(list?.error, undefined);
    assert.ok(fake.requestsWithKey(INTEGRATION_API_KEY).length >= 3, 'three pages were asked for, with the key');
  });

  const faults: [FakeMode, string][] = [['invalid-key', 'api-key-invalid'], ['rate-limited', 'quota-exceeded'], ['unavailable', 'model-overloaded'], ['malformed', 'malformed-response']];
  for (const [mode, id] of faults) {
    it(`${mode}: the view explains it and keeps the cached models`, async () => {
      fake.mode = mode;
      try {
        await vscode.commands.executeCommand(Commands.refreshModels);
        const list = api.modelList();
        assert.equal(list?.error?.id, id);
        assert.equal(list?.source, 'cache');
        assert.equal(list?.models.length, 12);
      } finally {
        fake.mode = 'ok';
      }
    });
  }

  it('inserts a model id at the cursor', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'model = ""', language: 'python' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 9, 0, 9);
    await vscode.commands.executeCommand(Commands.insertModelId, { kind: 'model', model: { id: 'gemini-2.5-flash', supportedActions: [] } });
    assert.equal(document.getText(), 'model = "gemini-2.5-flash"');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a workspace cannot point the endpoint elsewhere: the capture server never sees the key', async () => {
    const capture = await FakeGemini.start({ apiKey: INTEGRATION_API_KEY });
    const folder = path.join(workspaceFile('.').fsPath, '.vscode');
    try {
      await setSetting(Settings.endpoint, undefined);
      mkdirSync(folder, { recursive: true });
      // The cache setting beside it shows when VS Code has read the file (it hides machine-scoped values).
      writeFileSync(path.join(folder, 'settings.json'), JSON.stringify({ [Settings.endpoint]: capture.url, [Settings.modelsCacheMinutes]: 7 }));
      await eventually(() => vscode.workspace.getConfiguration().inspect(Settings.modelsCacheMinutes)?.workspaceValue, (v) => v === 7, 'the workspace settings');
      await vscode.commands.executeCommand(Commands.refreshModels);
      assert.deepEqual(capture.requests, []);
      // The API was asked at its own host (unreachable here), not at the workspace's endpoint.
      assert.equal(api.modelList()?.error?.id, 'network');
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await capture.close();
      await setSetting(Settings.endpoint, fake.url);
    }
  });
});

describe('models view: used in this workspace', () => {
  let api: GeminiDoctorApi;
  const root = () => workspaceFile('.').fsPath;
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(root(), name)), { recursive: true });
    writeFileSync(path.join(root(), name), text);
  };
  const placesOf = async (id: string) => (await api.workspaceModels()).find((use) => use.id === id)?.places ?? [];

  before(async () => {
    api = (await vscode.extensions.getExtension<GeminiDoctorApi>(EXTENSION_ID)!.activate());
    write('inventory/app.py', 'from google import genai\nclient = genai.Client()\nclient.models.generate_content(model="gemini-2.5-flash", contents="a")\nFALLBACK = "gemini-2.5-flash"\n');
    write('inventory/config.yaml', 'llm:\n  model: gemini-3.8-flash\n');
    write('inventory/.env', 'GEMINI_MODEL=gemini-3.7-flash\n');
    write('.gitignore', 'ignored-build/\n');
    write('ignored-build/bundle.js', 'const m = "gemini-2.5-flash";\n');
    write('hidden/settings.ts', 'const m = "gemini-2.5-flash";\n');
    await setSetting('files.exclude', { '**/hidden': true });
    await vscode.commands.executeCommand(Commands.refreshModels);
  });
  after(async () => {
    await setSetting('files.exclude', undefined);
    for (const name of ['inventory', 'ignored-build', 'hidden', '.gitignore']) rmSync(path.join(root(), name), { recursive: true, force: true });
  });

  it('lists every model id of the workspace with its places, across languages', async () => {
    assert.deepEqual(await placesOf('gemini-2.5-flash'), ['handler.py:8', 'inventory/app.py:3', 'inventory/app.py:4']);
    assert.deepEqual(await placesOf('gemini-3.8-flash'), ['inventory/config.yaml:2']);
    assert.deepEqual(await placesOf('gemini-3.7-flash'), ['inventory/.env:1']);
    assert.deepEqual(await placesOf('gemini-1.5-pro'), ['summarize.ts:7']);
  });

  it('leaves out .gitignore\'d folders and files.exclude', async () => {
    const all = (await api.workspaceModels()).flatMap((use) => use.places);
    assert.deepEqual(all.filter((place) => /ignored-build|hidden/.test(place)), []);
  });

  it('follows saves', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('inventory/config.yaml'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), 'fallback: gemini-3.1-pro-preview\n'));
    await document.save();
    let places: string[] = [];
    for (let i = 0; i < 100 && places.length === 0; i++) {
      places = await placesOf('gemini-3.1-pro-preview');
      if (places.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(places, ['inventory/config.yaml:3']);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
