/**
 * The model source with the real @google/genai client against the fake Gemini server on 127.0.0.1:
 * paging, every fault mode, the cache, the snapshot, and the key never showing up in what is said.
 */
import type { Model } from '@google/genai' with { 'resolution-mode': 'import' };
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { snapshotModels } from '../../../src/core/models/snapshot';
import { endpointSetting, parseEndpoint } from '../../../src/services/endpoint';
import { redactKey } from '../../../src/services/failure';
import { toModelInfo } from '../../../src/services/geminiApi';
import { loadGeminiApi } from '../../../src/services/loadGeminiApi';
import { CACHE_LIMITS, cacheable, ModelSource, type ApiSettings, type CachedList, type ModelSourceDeps } from '../../../src/services/modelSource';
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

  describe('hostile servers and environments', () => {
    it('a redirect to another origin is refused; the other origin never sees the key', async () => {
      const other = await FakeGemini.start({ apiKey: KEY, host: '127.0.0.2' });
      fake.redirectTo = other.url;
      try {
        const logged: string[] = [];
        const list = await source(fake, { deps: { log: (m) => logged.push(m) } }).model.load();
        assert.equal(list.source, 'snapshot');
        assert.match(list.error!.detail, /redirected to http:\/\/127\.0\.0\.2:\d+.*refused, the API key was not sent there/);
        assert.equal(other.requests.length, 0);
      } finally {
        fake.redirectTo = undefined;
        await other.close();
      }
    });

    it('an https endpoint that redirects to http is refused (another origin)', () => {
      assert.notEqual(parseEndpoint('https://127.0.0.1:8443').origin, parseEndpoint('http://127.0.0.1:8443').origin);
    });

    it('GOOGLE_GEMINI_BASE_URL never replaces the endpoint, and is said to be ignored once', async () => {
      const logged: string[] = [];
      const before = fake.requests.length;
      const { model } = source(fake, { deps: { env: { GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.2:9' }, log: (m) => logged.push(m) } });
      const list = await model.load(true);
      await model.load(true);
      assert.equal(list.source, 'live');
      assert.equal(list.endpoint, fake.url.slice('http://'.length));
      assert.ok(fake.requests.length > before);
      assert.equal(logged.filter((m) => /GOOGLE_GEMINI_BASE_URL is set in the environment and ignored/.test(m)).length, 1);
    });

    it('the SDK is always given a base URL: the environment variable is not its fallback', async () => {
      const previous = process.env.GOOGLE_GEMINI_BASE_URL;
      process.env.GOOGLE_GEMINI_BASE_URL = fake.url;
      const before = fake.requests.length;
      try {
        // No endpoint set: the Gemini API itself (unreachable here), never the variable's fake server.
        await loadGeminiApi().listModels({ apiKey: KEY, apiVersion: 'v1beta', timeoutMs: 2000 }).catch(() => undefined);
        assert.equal(fake.requests.length, before, 'the key went to GOOGLE_GEMINI_BASE_URL');
      } finally {
        if (previous === undefined) delete process.env.GOOGLE_GEMINI_BASE_URL;
        else process.env.GOOGLE_GEMINI_BASE_URL = previous;
      }
    });

    it('an endpoint setting with credentials or another scheme is refused before any request', async () => {
      const before = fake.requests.length;
      for (const baseUrl of [`http://user:s3cret-pass@${fake.url.slice(7)}`, 'file:///etc/passwd', 'not a url']) {
        const list = await source(fake, { settings: { baseUrl } }).model.load();
        assert.equal(list.error?.id, 'endpoint-invalid', baseUrl);
        assert.equal(list.error?.action, 'openSettings');
        assert.ok(!JSON.stringify(list.error).includes('s3cret-pass'));
      }
      assert.equal(fake.requests.length, before);
    });

    it('in an untrusted workspace the endpoint setting is ignored, and said so', () => {
      assert.deepEqual(endpointSetting('https://proxy.example.com', true), { baseUrl: 'https://proxy.example.com' });
      const untrusted = endpointSetting('https://proxy.example.com', false);
      assert.equal(untrusted.baseUrl, undefined);
      assert.match(untrusted.note!, /ignored in an untrusted workspace/);
      assert.deepEqual(endpointSetting('  ', false), {});
    });

    for (const mode of ['endless-pages', 'repeated-page-token'] as const) {
      it(`${mode}: the listing stops after a bounded number of requests`, async () => {
        fake.mode = mode;
        const before = fake.requests.length;
        const list = await source(fake).model.load(true);
        assert.ok(fake.requests.length - before <= 20, `${fake.requests.length - before} requests`);
        if (mode === 'endless-pages') assert.match(list.error!.detail, /more than 20 pages/);
        else assert.equal(list.source, 'live');
      });
    }

    it('the whole listing is bounded by a deadline', async () => {
      fake.mode = 'endless-pages';
      // A page takes longer than the deadline, so it has passed once the first page is read (however fast the machine).
      fake.pageDelayMs = 20;
      const before = fake.requests.length;
      try {
        await assert.rejects(loadGeminiApi().listModels({ apiKey: KEY, apiVersion: 'v1beta', baseUrl: fake.url, timeoutMs: 5000, deadlineMs: 1 }), /Listing the models took longer than 0\.001 s \(1 pages read\); stopped/);
        assert.equal(fake.requests.length - before, 1);
      } finally {
        fake.pageDelayMs = 0;
      }
    });

    it('an answer over 4 MB is refused', async () => {
      fake.mode = 'huge';
      const list = await source(fake).model.load(true);
      assert.match(list.error!.detail, /larger than 4 MB/);
    });

    it('the cache keeps a bounded size whatever the API answers', async () => {
      const big = await FakeGemini.start({ apiKey: KEY, models: makeModels(3000).map((m) => ({ ...m, description: 'd'.repeat(3000) })), maxPageSize: 500 });
      try {
        const { model, cache } = source(big);
        const list = await model.load();
        assert.equal(list.models.length, 3000);
        const stored = cache();
        assert.ok(stored === undefined || JSON.stringify(stored).length <= CACHE_LIMITS.bytes + 1000, 'the cache is too large');
        assert.ok(!stored || stored.models.length <= CACHE_LIMITS.models);
        assert.ok(!stored || stored.models.every((m) => (m.description ?? '').length <= CACHE_LIMITS.text));
      } finally {
        await big.close();
      }
      const few = cacheable(makeModels(10).map((m) => ({ ...toModelInfo(m as Model), description: 'd'.repeat(5000) })))!;
      assert.equal(few.length, 10);
      assert.ok(few.every((m) => m.description!.length === CACHE_LIMITS.text));
    });

    it('the key is redacted in every form a server could echo', () => {
      const key = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
      const echoes = [key, key.slice(0, 12), key.slice(20), encodeURIComponent(key), Buffer.from(key).toString('base64'), Buffer.from(`x-goog-api-key: ${key}`).toString('base64'),
        Buffer.from(`k=${key}`).toString('base64url')];
      for (const echo of echoes) {
        const shown = redactKey(`the server said: ${echo} (end)`, key);
        assert.match(shown, /\[API key\]/, echo);
        // The end of each form is made of the key alone (the start of a base64 may encode a header name).
        const keyPart = echo.slice(Math.max(0, echo.length - 20), echo.length - 4);
        assert.ok(!shown.includes(keyPart), `${echo} shown as ${shown}`);
      }
      assert.equal(redactKey('nothing secret here', key), 'nothing secret here');
    });
  });
});
