import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeGemini, makeModels } from '../fakeGemini/server';
import { runProcess as run } from './cliRunner';

/** Shaped like a real key, so its fragments and encodings are realistic. */
const KEY = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';

/** No fragment of 8 characters of the key, in any of the forms a server could echo it. */
function assertNoKey(text: string): void {
  const forms = [KEY, encodeURIComponent(KEY), Buffer.from(KEY).toString('base64').slice(0, 48), Buffer.from(`x-goog-api-key: ${KEY}`).toString('base64').slice(24, 64)];
  for (const form of forms) {
    for (let i = 0; i + 8 <= form.length; i++) assert.ok(!text.includes(form.slice(i, i + 8)), `printed a fragment of the key: ${form.slice(i, i + 8)}`);
  }
}

describe('gemini-doctor models: the key stays with the configured origin', () => {
  let fake: FakeGemini;
  let other: FakeGemini;
  before(async () => {
    fake = await FakeGemini.start({ apiKey: KEY, models: makeModels(8) });
    other = await FakeGemini.start({ apiKey: KEY, models: makeModels(8), host: '127.0.0.2' });
  });
  after(async () => {
    await fake.close();
    await other.close();
  });

  for (const status of [302, 307, 308]) {
    it(`a ${status} redirect to another origin is refused and the key never reaches it`, async () => {
      fake.redirectTo = other.url;
      fake.redirectStatus = status;
      try {
        const { code, stderr, stdout } = await run(['models', '--json', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
        assert.equal(code, 2, stdout);
        assert.match(stderr, new RegExp(`redirected to ${other.url.replace(/\./g, '\\.')}.*refused, the API key was not sent there`));
        assert.equal(other.requests.length, 0, 'the other origin was asked');
        assertNoKey(stderr + stdout);
      } finally {
        fake.redirectTo = undefined;
      }
    });
  }

  it('a redirect within the configured origin is followed; one to another port is not', async () => {
    const before = fake.requests.length;
    const moved = await run(['models', '--json', '--base-url', `${fake.url}/moved`], { GEMINI_API_KEY: KEY });
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal((JSON.parse(moved.stdout) as unknown[]).length, 8);
    assert.deepEqual(fake.requests.slice(before).map((r) => r.path.split('?')[0]), ['/moved/v1beta/models', '/v1beta/models']);
    const hop = await FakeGemini.start({ apiKey: KEY });
    hop.redirectTo = fake.url;
    try {
      const refused = await run(['models', '--json', '--base-url', hop.url], { GEMINI_API_KEY: KEY });
      assert.equal(refused.code, 2, 'a redirect to another port is another origin');
      assert.match(refused.stderr, /refused, the API key was not sent there/);
    } finally {
      await hop.close();
    }
  });

  it('GOOGLE_GEMINI_BASE_URL from the environment is ignored, and said so', async () => {
    const before = other.requests.length;
    const { code, stderr, stdout } = await run(['models', '--base-url', fake.url], { GEMINI_API_KEY: KEY, GOOGLE_GEMINI_BASE_URL: other.url });
    assert.equal(code, 0, stderr);
    assert.equal(other.requests.length, before, 'the key went to GOOGLE_GEMINI_BASE_URL');
    assert.match(stderr, /GOOGLE_GEMINI_BASE_URL is set in the environment and ignored/);
    assert.match(stdout, new RegExp(`^Gemini models, live \\(v1beta, ${fake.url.slice('http://'.length).replace(/\./g, '\\.')}\\):`));
  });

  it('GOOGLE_GEMINI_BASE_URL alone does not become the endpoint: the key is not sent there', async () => {
    // No endpoint configured: the Gemini API itself (unreachable in the test), never the variable's server.
    const before = fake.requests.length;
    const { code, stderr } = await run(['models', '--json'], { GEMINI_API_KEY: KEY, GOOGLE_GEMINI_BASE_URL: fake.url });
    assert.equal(fake.requests.length, before, 'the key went to GOOGLE_GEMINI_BASE_URL');
    assert.equal(code, 2);
    assert.match(stderr, /GOOGLE_GEMINI_BASE_URL is set in the environment and ignored/);
  });

  it('credentials in --base-url or GEMINI_DOCTOR_BASE_URL are refused and never echoed', async () => {
    for (const [args, env] of [[['--base-url', `http://admin:hunter2secret@${fake.url.slice(7)}`], {}], [[], { GEMINI_DOCTOR_BASE_URL: `http://admin:hunter2secret@${fake.url.slice(7)}` }]] as const) {
      const { code, stderr, stdout } = await run(['models', ...args], { GEMINI_API_KEY: KEY, ...env });
      assert.equal(code, 2);
      assert.match(stderr, /must not contain a user name or password/);
      assert.ok(!(stderr + stdout).includes('hunter2secret') && !(stderr + stdout).includes('admin'), stderr);
    }
  });

  it('GEMINI_DOCTOR_BASE_URL is checked like --base-url', async () => {
    const { code, stderr } = await run(['models'], { GEMINI_API_KEY: KEY, GEMINI_DOCTOR_BASE_URL: 'ftp://example.com' });
    assert.equal(code, 2);
    assert.match(stderr, /GEMINI_DOCTOR_BASE_URL must be an http\(s\) URL/);
  });

  it('plain http:// to a host that is not this machine is warned about', async () => {
    const { stderr } = await run(['models', '--base-url', 'http://gemini-proxy.invalid'], { GEMINI_API_KEY: KEY });
    assert.match(stderr, /plain http:\/\/ to a host that is not this machine: the API key travels unencrypted/);
    const local = await run(['models', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
    assert.doesNotMatch(local.stderr, /unencrypted/);
  });

  it('an error that echoes the key (prefix, URL-encoded, base64) is printed without it', async () => {
    fake.mode = 'echo-key';
    try {
      const { code, stderr, stdout } = await run(['models', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
      assert.equal(code, 2);
      assert.match(stderr, /\[API key\]/);
      assertNoKey(stderr + stdout);
    } finally {
      fake.mode = 'ok';
    }
  });

  for (const mode of ['endless-pages', 'repeated-page-token'] as const) {
    it(`${mode}: the listing ends after a bounded number of requests`, async () => {
      fake.mode = mode;
      const before = fake.requests.length;
      try {
        const { code, stderr } = await run(['models', '--json', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
        const requests = fake.requests.length - before;
        assert.ok(requests <= 20, `${requests} requests`);
        if (mode === 'endless-pages') assert.match(stderr, /more than 20 pages of models; stopped/);
        else assert.equal(code, 0, stderr);
      } finally {
        fake.mode = 'ok';
      }
    });
  }

  it('an answer of several MB is refused, not read', async () => {
    fake.mode = 'huge';
    try {
      const { code, stderr } = await run(['models', '--json', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
      assert.equal(code, 2);
      assert.match(stderr, /answer is larger than 4 MB/);
    } finally {
      fake.mode = 'ok';
    }
  });

  it('terminal escapes in model ids and names are not printed raw', async () => {
    fake.mode = 'escapes';
    try {
      const text = await run(['models', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
      assert.equal(text.code, 0, text.stderr);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(text.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      assert.match(text.stdout, /gemini-2\.5-pro\ufffd\]0;pwned/);
      const json = await run(['models', '--json', '--base-url', fake.url], { GEMINI_API_KEY: KEY });
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(json.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      assert.equal((JSON.parse(json.stdout) as { displayName: string }[])[0]!.displayName, 'Gemini\u009b31m 2.5 Pro');
    } finally {
      fake.mode = 'ok';
    }
  });
});
