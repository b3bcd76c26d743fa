import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeGemini, makeModels } from '../fakeGemini/server';
import { runProcess as run } from './cliRunner';

const KEY = 'cli-test-key-77c1';

describe('gemini-doctor models', () => {
  let fake: FakeGemini;
  before(async () => {
    fake = await FakeGemini.start({ apiKey: KEY, models: makeModels(60), maxPageSize: 25 });
  });
  after(() => fake.close());

  it('--json lists every model, live', async () => {
    const { code, stdout, stderr } = await run(['models', '--json', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
    assert.equal(code, 0, stderr);
    const models = JSON.parse(stdout) as Record<string, unknown>[];
    assert.equal(models.length, 60);
    assert.deepEqual(Object.keys(models[0]!).sort(), ['displayName', 'id', 'inputTokenLimit', 'maxTemperature', 'outputTokenLimit', 'source', 'supportedActions', 'temperature', 'thinking', 'topK', 'topP', 'lifecycle'].sort());
    assert.equal(models[0]!.source, 'live');
    assert.equal(models[0]!.id, 'gemini-2.5-pro');
  });

  it('takes the endpoint from GEMINI_DOCTOR_BASE_URL, GOOGLE_API_KEY over GEMINI_API_KEY, and --api-version', async () => {
    const before = fake.requests.length;
    const { code } = await run(['models', '--json', '--api-version', 'v1'], { GOOGLE_API_KEY: KEY, GEMINI_API_KEY: 'other', GEMINI_DOCTOR_BASE_URL: fake.url });
    assert.equal(code, 0);
    assert.match(fake.requests[before]!.path, /^\/v1\/models/);
    assert.equal(fake.requests[before]!.headers['x-goog-api-key'], KEY);
  });

  it('--offline prints the snapshot without a key', async () => {
    const { code, stdout } = await run(['models', '--offline', '--json'], {});
    assert.equal(code, 0);
    const models = JSON.parse(stdout) as { source: string; id: string }[];
    assert.ok(models.length > 0 && models.every((model) => model.source === 'snapshot'));
    assert.match((await run(['models', '--offline'], {})).stdout, /offline snapshot \(\d{4}-\d{2}-\d{2}\)[\s\S]*gemini-2\.5-pro\s+1,048,576 in · 65,536 out/);
  });

  it('--json gives each model its lifecycle: status, shutdown date, successor and source', async () => {
    type Json = { id: string; lifecycle: { status: string; shutdownDate: string | null; successor: string | null; source: string } | null };
    const offline = JSON.parse((await run(['models', '--offline', '--json'], {})).stdout) as Json[];
    assert.deepEqual(offline.find((m) => m.id === 'gemini-2.5-flash')!.lifecycle, { status: 'deprecated', shutdownDate: '2026-12-01', successor: 'gemini-3.8-flash', source: 'https://dev.to/aideprecations' });
    assert.deepEqual(offline.find((m) => m.id === 'gemini-3.7-flash')!.lifecycle?.successor, 'gemini-3.8-flash');
    assert.equal(offline.find((m) => m.id === 'gemini-3.8-flash')!.lifecycle?.successor, null);
    assert.equal(offline.find((m) => m.id === 'gemini-embedding-001')!.lifecycle, null);
    const live = JSON.parse((await run(['models', '--json', '--base-url', fake.url], { GEMINI_API_KEY: KEY })).stdout) as Json[];
    const pro = live.find((m) => m.id === 'gemini-2.5-pro')!;
    assert.equal(pro.lifecycle?.status, 'deprecated');
    assert.equal(pro.lifecycle?.successor, 'gemini-3.1-pro-preview');
  });

  const failures: [string, Record<string, string>, string[], RegExp][] = [
    ['no key', {}, [], /no API key: set GEMINI_API_KEY or GOOGLE_API_KEY, or use --offline/],
    ['an invalid key', { GEMINI_API_KEY: 'not-the-key-9d2e' }, [], /API key not valid/],
    ['an unreachable endpoint', { GEMINI_API_KEY: KEY }, ['--base-url', 'http://127.0.0.1:59999'], /Cannot reach the Gemini API.*ECONNREFUSED/],
    ['a bad --api-version', { GEMINI_API_KEY: KEY }, ['--api-version', 'v2'], /--api-version is v1 or v1beta/],
  ];
  for (const [name, env, args, message] of failures) {
    it(`${name}: exit 2 with a clear message that does not contain the key`, async () => {
      const { code, stderr, stdout } = await run(['models', '--base-url', fake.url, ...args], env);
      assert.equal(code, 2);
      assert.match(stderr, message);
      for (const key of Object.values(env)) assert.ok(!stderr.includes(key) && !stdout.includes(key), 'the key was printed');
    });
  }
});
