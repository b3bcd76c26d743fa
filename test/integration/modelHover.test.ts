import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { GeminiDoctorApi } from '../../src/extension';
import { hoverText, positionOf } from './helpers';

/**
 * A new untitled document with `content`. Right after an untitled editor was reverted and closed, VS Code
 * can hand back the closing document under the reused name (`Untitled-1`): ask again until the text is ours.
 */
async function open(content: string, language: string): Promise<vscode.TextDocument> {
  for (let attempt = 0; ; attempt++) {
    const document = await vscode.workspace.openTextDocument({ content, language });
    if (document.getText() === content || attempt === 20) {
      await vscode.window.showTextDocument(document);
      return document;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
  // Only ours: word-based suggestions of the editor carry no detail.
  return list.items.filter((item) => /^gemini-|^text-embedding/.test(label(item)) && item.detail !== undefined);
}
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('model hover and completion', () => {
  before(async () => {
    await vscode.extensions.getExtension<GeminiDoctorApi>(EXTENSION_ID)!.activate();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('TypeScript: hovering a model of a call shows limits, thinking, lifecycle with dates, successor and sources', async () => {
    const document = await open('import { GoogleGenAI } from "@google/genai";\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" });\n', 'typescript');
    const text = await hoverText(document.uri, positionOf(document, 'gemini-2.5-flash', 8));
    for (const part of ['`gemini-2.5-flash`', 'Limits', '1,048,576 in · 65,536 out', 'thinkingBudget', 'shutdown announced for 2026-12-01', 'this date has moved before', 'https://dev.to/aideprecations', 'Lifecycle:']) {
      assert.ok(text.includes(part), `${part}\n---\n${text}`);
    }
    assert.match(text, /Limits: (the API|offline snapshot)/);
  });

  it('Python: a Gemini 3 model shows its thinking levels and the temperature advice', async () => {
    const document = await open('from google import genai\nclient = genai.Client()\nclient.models.generate_content(model="gemini-3.8-flash", contents="hi")\n', 'python');
    const text = await hoverText(document.uri, positionOf(document, 'gemini-3.8-flash', 3));
    assert.match(text, /thinkingLevel low, medium, high/);
    assert.match(text, /keep the default 1\.0/);
    assert.match(text, /docs\.cloud\.google\.com\/gemini-enterprise-agent-platform/);
  });

  it('.env, YAML and plain text: a model id anywhere has a hover; look-alikes do not', async () => {
    for (const [content, language] of [['GEMINI_MODEL=gemini-3.7-flash\n', 'dotenv'], ['llm:\n  model: gemini-3.7-flash\n', 'yaml'], ['we use gemini-3.7-flash in prod', 'plaintext']]) {
      const document = await open(content!, language!);
      assert.match(await hoverText(document.uri, positionOf(document, 'gemini-3.7-flash', 4)), /auto-routed to gemini-3\.8-flash/, language);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    const lookalike = await open('npx @google/gemini-cli', 'plaintext');
    assert.doesNotMatch(await hoverText(lookalike.uri, positionOf(lookalike, 'gemini-cli', 3)), /Lifecycle|tokens/);
  });

  it('TypeScript: completion in the model string offers the models with their limits, deprecated ones tagged and last', async () => {
    const document = await open('import { GoogleGenAI } from "@google/genai";\nconst ai = new GoogleGenAI({});\nawait ai.models.generateContent({ model: "gem", contents: "hi" });\n', 'typescript');
    const items = await completions(document, positionOf(document, '"gem"', 4));
    assert.ok(items.length >= 5, items.map(labelOf).join(', '));
    const deprecated = items.filter((item) => item.tags?.includes(vscode.CompletionItemTag.Deprecated)).map(labelOf);
    assert.ok(deprecated.includes('gemini-2.5-flash'), deprecated.join(', '));
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.ok(sorted.findIndex((item) => item.tags?.length) > sorted.findIndex((item) => !item.tags?.length));
    assert.ok(sorted.slice(sorted.findIndex((item) => item.tags?.length)).every((item) => item.tags?.length), 'deprecated ones last');
    const flash = items.find((item) => labelOf(item) === 'gemini-2.5-flash')!;
    assert.match(String(flash.detail), /1,048,576 in · 65,536 out · deprecated/);
    const range = flash.range as vscode.Range;
    assert.equal(document.getText(range), 'gem');
  });

  it('Python: completion in model="…" and nowhere else', async () => {
    const document = await open('from google import genai\nclient = genai.Client()\nclient.models.generate_content(model="gemini-3", contents="hi")\nname = "gem"\n', 'python');
    const items = await completions(document, positionOf(document, '"gemini-3"', 9));
    assert.ok(items.some((item) => labelOf(item) === 'gemini-3.8-flash'), items.map(labelOf).join(', '));
    assert.equal((items[0]!.range as vscode.Range).start.character, positionOf(document, '"gemini-3"', 1).character);
    assert.deepEqual((await completions(document, positionOf(document, '"gem"\n', 4))).map(labelOf), []);
  });

  it('no completion in a file that never mentions Gemini', async () => {
    const document = await open('const model = "gpt";\n', 'typescript');
    assert.deepEqual((await completions(document, positionOf(document, '"gpt"', 4))).map(labelOf), []);
  });
});
