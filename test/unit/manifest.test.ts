import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../src/core/calls/rules';
import { Commands, EXTENSION_ID, Settings, Views } from '../../src/constants';
import { readManifest, repoRoot } from '../host/paths';

const manifest = readManifest();
const contributes = manifest.contributes as {
  commands?: { command: string }[];
  viewsContainers?: Record<string, { id: string }[]>;
  views?: Record<string, { id: string }[]>;
  configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[];
  menus?: Record<string, { command?: string }[]>;
};

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('package.json and src/constants.ts', () => {
  it('name the same extension id', () => {
    assert.equal(EXTENSION_ID, `${manifest.publisher}.${manifest.name}`);
  });

  it('agree on the commands', () => {
    assert.deepEqual(sorted((contributes.commands ?? []).map((c) => c.command)), sorted(Object.values(Commands) as string[]));
  });

  it('agree on the views and view containers', () => {
    const declared = [
      ...Object.values(contributes.viewsContainers ?? {}).flat().map((c) => c.id),
      ...Object.values(contributes.views ?? {}).flat().map((v) => v.id),
    ];
    assert.deepEqual(sorted(declared), sorted(Object.values(Views) as string[]));
  });

  it('agree on the settings', () => {
    const sections = [contributes.configuration ?? []].flat();
    const declared = sections.flatMap((section) => Object.keys(section.properties ?? {}));
    assert.deepEqual(sorted(declared), sorted(Object.values(Settings) as string[]));
  });

  it('menus only name contributed commands', () => {
    const commands = new Set((contributes.commands ?? []).map((c) => c.command));
    for (const [menu, items] of Object.entries(contributes.menus ?? {})) {
      for (const item of items) {
        if (item.command) assert.ok(commands.has(item.command), `menu ${menu} names ${item.command}, which is not contributed`);
      }
    }
  });
});

describe('package.json', () => {
  it('never activates on every event', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
  });

  it('points main and bin at the esbuild outputs', () => {
    const esbuild = readFileSync(path.join(repoRoot, 'esbuild.js'), 'utf8');
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(esbuild.includes("outfile: 'dist/extension.js'"));
    assert.equal(manifest.bin['gemini-doctor'], 'dist/cli.js');
    assert.ok(esbuild.includes("outfile: 'dist/cli.js'"));
  });

  it('has an icon that exists', () => {
    assert.ok(existsSync(path.join(repoRoot, manifest.icon)), `${manifest.icon} is missing`);
  });

  it('uses VS Code API types no newer than the VS Code it requires', () => {
    const devDependencies = manifest.devDependencies as Record<string, string>;
    const minimum = /(\d+\.\d+)/.exec(manifest.engines.vscode)?.[1];
    const types = /(\d+\.\d+)/.exec(devDependencies['@types/vscode'] ?? '')?.[1];
    assert.ok(minimum && types);
    const [minMajor, minMinor] = minimum.split('.').map(Number);
    const [typesMajor, typesMinor] = types.split('.').map(Number);
    assert.ok(typesMajor! < minMajor! || (typesMajor === minMajor && typesMinor! <= minMinor!), `@types/vscode ${types} is newer than engines.vscode ${minimum}`);
  });

  it('declares how it behaves in untrusted and virtual workspaces', () => {
    const capabilities = manifest.capabilities as { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: unknown };
    assert.ok(capabilities.untrustedWorkspaces && 'supported' in capabilities.untrustedWorkspaces);
    assert.ok('virtualWorkspaces' in capabilities);
  });

  it('lets no workspace set where the API key is sent', () => {
    const capabilities = manifest.capabilities as { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
    const properties = (contributes.configuration as { properties: Record<string, { scope?: string }> }).properties;
    for (const [key, property] of Object.entries(properties)) {
      if (!/endpoint|url|host|proxy/i.test(key)) continue;
      assert.ok(property.scope === 'machine' || property.scope === 'application', `${key} can be set by a workspace`);
      assert.ok(capabilities.untrustedWorkspaces.restrictedConfigurations?.includes(key), `${key} is not restricted in untrusted workspaces`);
    }
    assert.ok(Object.keys(properties).some((key) => /endpoint/.test(key)));
  });
});

describe('README', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  it('documents every command, setting and validation rule', () => {
    for (const command of contributes.commands ?? []) {
      const title = (command as { title?: string }).title!;
      assert.ok(readme.includes(title) || readme.includes(title.replace(/ Id$/, ' Id')), `README does not mention the command "${title}"`);
    }
    for (const key of Object.values(Settings)) assert.ok(readme.includes(`\`${key}\``), `README does not document ${key}`);
    for (const rule of rules) assert.ok(readme.includes(`| \`${rule.id}\` |`), `README's rules table lacks ${rule.id}`);
  });
  it('shows screenshots that exist', () => {
    for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(existsSync(path.join(repoRoot, m[1]!)), `${m[1]} is missing`);
  });
});
