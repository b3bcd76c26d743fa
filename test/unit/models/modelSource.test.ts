/**
 * The model source with the real @google/genai client against the fake Gemini server on 127.0.0.1:
 * paging, every fault mode, the cache, the snapshot, and the key never showing up in what is said.
 */
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { snapshotModels } from '../../../src/core/models/snapshot';
import { loadGeminiApi } from '../../../src/services/loadGeminiApi';
import { ModelSource, type ApiSettings, type CachedList, type ModelSourceDeps } from '../../../src/services/modelSource';
import { FakeGemini, makeModels, type FakeMode } from '../../fakeGemini/server';

const KEY = 'unit-test-key-3f9a';

function source(fake: FakeGemini, overrides: { settings?: Partial<ApiSettings>; key?: string | undefined; deps?: Partial<ModelSourceDeps> } = {}) {
  let cached: CachedList | undefined;
  const settings: ApiSettings = { apiVersion: 'v1beta', baseUrl: fake.url, cacheMinutes: 60, timeoutMs: 5000, ...overrides.settings };
  const model = new ModelSource({
    cache: { get: () => cached, set: async (value) => void (cached = value) },
    apiKey: async () => ('key' in overrides ? overrides.key : KEY),
    settings: () => settings,
    listModels: (config, options) => loadGeminiApi().listModels(config, options),
    ...overrides.deps,
  });
  return { model, cache: () => cached, settings };
}

describe('model source', () => {
  let fake: FakeGemini;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    fake = await FakeGemini.start({ apiKey: KEY, models: makeModels(120), maxPageSize: 50 });
  });
  afterEach(() => {
    fake.mode = 'ok';
    assert.deepEqual(unhandled, [], 'unhandled rejections');
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await fake.close();
  });

  it('lists every model over every page, live, and caches them', async () => {
    const before = fake.requests.length;
    const { model, cache } = source(fake);
    const list = await model.load();
    assert.equal(list.source, 'live');
    assert.equal(list.models.length, 120);
    assert.equal(new Set(list.models.map((m) => m.id)).size, 120);
    assert.equal(list.models[0]!.id, 'gemini-2.5-pro');
    assert.equal(list.models[0]!.outputTokenLimit, 65536);
    assert.deepEqual(list.models[0]!.supportedActions.slice(0, 2), ['generateContent', 'countTokens']);
    const pages = fake.requests.slice(before).map((r) => r.path);
    assert.deepEqual(pages, ['/v1beta/models?pageSize=1000', '/v1beta/models?pageSize=1000&pageToken=50', '/v1beta/models?pageSize=1000&pageToken=100']);
    assert.ok(fake.requests.slice(before).every((r) => r.headers['x-goog-api-key'] === KEY));
    assert.equal(cache()?.models.length, 120);
  });

  it('serves a fresh cache without asking the API, and asks again on refresh', async () => {
    const { model } = source(fake);
    await model.load();
    const before = fake.requests.length;
    assert.equal((await model.load()).source, 'cache');
    assert.equal(fake.requests.length, before);
    assert.equal((await model.load(true)).source, 'live');
    assert.ok(fake.requests.length > before);
  });

  it('uses the v1 API version when set', async () => {
    const before = fake.requests.length;
    await source(fake, { settings: { apiVersion: 'v1' } }).model.load();
    assert.match(fake.requests[before]!.path, /^\/v1\/models/);
  });

  const faults: [FakeMode, string, string | undefined][] = [
    ['invalid-key', 'api-key-invalid', undefined],
    ['leaked-key', 'api-key-leaked', undefined],
    ['rate-limited', 'quota-exceeded', '26s'],
    ['internal', 'internal-error-retry', undefined],
    ['unavailable', 'model-overloaded', undefined],
    ['malformed', 'malformed-response', undefined],
  ];
  for (const [mode, id, retryDelay] of faults) {
    it(`${mode}: explained, and the snapshot is shown`, async () => {
      fake.mode = mode;
      const list = await source(fake).model.load();
      assert.equal(list.source, 'snapshot');
      assert.equal(list.models, snapshotModels);
      assert.equal(list.error?.id, id);
      assert.equal(list.error?.retryDelay, retryDelay);
      assert.ok(!JSON.stringify(list.error).includes(KEY), 'the key is in the explanation');
    });
  }

  it('a slow answer times out with an explanation', async () => {
    fake.mode = 'slow';
    fake.slowMs = 2000;
    const list = await source(fake, { settings: { timeoutMs: 300 } }).model.load();
    assert.equal(list.error?.id, 'timeout');
  });

  it('serves the cache, said so, when the server is down', async () => {
    const down = await FakeGemini.start({ apiKey: KEY, models: makeModels(7) });
    const { model, settings } = source(down);
    const url = down.url;
    assert.equal((await model.load()).source, 'live');
    await down.close();
    const list = await model.load(true);
    assert.equal(list.source, 'cache');
    assert.equal(list.models.length, 7);
    assert.equal(list.error?.id, 'network');
    assert.match(list.error!.detail, /ECONNREFUSED/);
    assert.equal(settings.baseUrl, url);
  });

  it('without a key: the snapshot and a word about the key', async () => {
    const before = fake.requests.length;
    const list = await source(fake, { key: undefined }).model.load();
    assert.equal(list.source, 'snapshot');
    assert.equal(list.error?.id, 'no-key');
    assert.equal(list.error?.action, 'setKey');
    assert.equal(fake.requests.length, before);
  });

  it('peek shows at once what is at hand, without the network', async () => {
    const { model } = source(fake);
    assert.equal(model.peek().source, 'snapshot');
    await model.load();
    const before = fake.requests.length;
    assert.equal(model.peek().source, 'cache');
    assert.equal(fake.requests.length, before);
  });

  it('checks a key with one request before it is stored', async () => {
    const { model } = source(fake);
    const before = fake.requests.length;
    assert.equal(await model.checkKey(KEY), undefined);
    assert.equal(fake.requests.length, before + 1);
    const wrong = await model.checkKey('wrong-key-123456');
    assert.equal(wrong?.id, 'api-key-invalid');
    assert.equal(wrong?.action, 'setKey');
    assert.ok(!JSON.stringify(wrong).includes('wrong-key-123456'));
    fake.mode = 'leaked-key';
    assert.equal((await model.checkKey(KEY))?.id, 'api-key-leaked');
  });
});
