/**
 * Text from files and servers is shown, never obeyed: terminal controls and the bidirectional
 * formatting characters (which make a line display in another order than it is stored) are made
 * visible in CLI output and dropped from hover Markdown.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { displayFile, safeJson, stripControls } from '../../src/cli/output';
import { code, plain } from '../../src/core/errors/markdown';
import { runMain } from './cliRunner';

const BIDI = ['\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\u061c'];

describe('untrusted text: bidirectional formatting characters', () => {
  it('CLI text output shows them as U+FFFD; JSON escapes them and stays the same value', () => {
    for (const c of BIDI) {
      const text = `429 RESOURCE_EXHAUSTED ${c}txt.exe`;
      assert.doesNotMatch(stripControls(text), /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      assert.match(stripControls(text), /\ufffd/);
      const json = safeJson({ text });
      assert.doesNotMatch(json, /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      assert.deepEqual(JSON.parse(json), { text });
    }
  });

  it('a file name with one is quoted, like a name with a newline', () => {
    assert.equal(displayFile('logs/app.log'), 'logs/app.log');
    assert.notEqual(displayFile('logs/\u202egol.ppa'), 'logs/\u202egol.ppa');
    assert.doesNotMatch(displayFile('logs/\u202egol.ppa'), /\u202e/);
  });

  it('hover Markdown drops them from quoted text', () => {
    for (const c of BIDI) {
      assert.doesNotMatch(code(`gemini-2.5-${c}orp`), /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      assert.doesNotMatch(plain(`Quota exceeded ${c}for metric`), /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    }
  });
});

describe('gemini-doctor validate: text from the file is shown, never obeyed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-untrusted-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a model id with an escape sequence and a file name with a colon', async () => {
    const name = path.join(dir, 'app:1:1.ts');
    writeFileSync(name, 'const r = await ai.models.generateContent({ model: "gemini-1.5-pro\\u001b]0;owned\\u0007", contents: "hi" });\n'.replace(/\\u001b/g, '\u001b').replace(/\\u0007/g, '\u0007'));
    const result = await runMain('validate', '--offline', name);
    assert.match(result.out, /model-/, 'the model id is quoted in a finding');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(result.out, /[\u001b\u0007]/);
    assert.ok(!result.out.split('\n').some((line) => line.startsWith(`${dir}/app:1:1.ts:`)), result.out);
    const json = await runMain('validate', '--offline', '--json', name);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(json.out, /[\u001b\u0007]/);
    JSON.parse(json.out);
  });
});
