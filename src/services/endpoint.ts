/**
 * The Gemini API endpoint the key is sent to: checked once, the same way for the extension's setting,
 * the CLI's `--base-url` and `GEMINI_DOCTOR_BASE_URL`. Only this origin ever receives the key.
 */

/** The Gemini API itself. Passed explicitly so the SDK never falls back to GOOGLE_GEMINI_BASE_URL. */
export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Environment variables the SDK would read for its endpoint; Gemini Doctor ignores them. */
export const IGNORED_ENDPOINT_VARIABLES = ['GOOGLE_GEMINI_BASE_URL'] as const;

export interface Endpoint {
  /** The base URL handed to the SDK (no credentials, no query, no trailing slash). */
  readonly url: string;
  /** `scheme://host[:port]`: the only origin the key is sent to. */
  readonly origin: string;
  /** What labels show: the host, and the path of a proxy if any. */
  readonly label: string;
  /** Something the user should know (plain http to a remote host). */
  readonly warning?: string;
}

export class EndpointError extends Error {
  override name = 'EndpointError';
}

/** A URL as it may be shown: without `user:password@`, without query and fragment. */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    // Not a URL: drop anything that looks like userinfo before showing it.
    return raw.replace(/\/\/[^/@\s]*@/, '//').slice(0, 200);
  }
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/**
 * Checks an endpoint: http(s) only, no credentials in it (they would be echoed and sent to every
 * request), no query or fragment. Throws EndpointError with a message that never contains the
 * credentials. `undefined` or blank gives the Gemini API itself.
 */
export function parseEndpoint(raw: string | undefined, what = 'the endpoint'): Endpoint {
  const text = raw?.trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointError(`${what} is not a URL (got '${displayUrl(text)}'); use https://host[:port][/path]`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EndpointError(`${what} must be an http(s) URL (got '${displayUrl(text)}')`);
  if (url.username || url.password) {
    throw new EndpointError(`${what} must not contain a user name or password (got '${displayUrl(text)}'); the API key is the only credential sent`);
  }
  if (url.search || url.hash) throw new EndpointError(`${what} must not have a query or fragment (got '${displayUrl(text)}')`);
  const path = url.pathname.replace(/\/+$/, '');
  const label = `${url.host}${path}`;
  const warning = url.protocol === 'http:' && !isLoopback(url.hostname)
    ? `${what} ${url.origin} is plain http:// to a host that is not this machine: the API key travels unencrypted`
    : undefined;
  return { url: `${url.origin}${path}`, origin: url.origin, label, ...(warning ? { warning } : {}) };
}

/** A note for each endpoint variable of the environment that is set and ignored. */
export function ignoredEndpointVariables(env: Record<string, string | undefined>): string[] {
  return IGNORED_ENDPOINT_VARIABLES.filter((name) => env[name]?.trim()).map(
    (name) => `${name} is set in the environment and ignored: Gemini Doctor sends the API key only to the endpoint you configure`,
  );
}

/**
 * The endpoint the extension uses from the user's own setting: none in an untrusted workspace (the
 * manifest promises it, and a repository opened in restricted mode must not be able to pick where the
 * key goes even through a user setting it talked the user into), else the setting as written.
 */
export function endpointSetting(userValue: string | undefined, trusted: boolean): { baseUrl?: string; note?: string } {
  const value = userValue?.trim();
  if (!value) return {};
  if (!trusted) return { note: 'The endpoint setting is ignored in an untrusted workspace: models are listed from the Gemini API itself' };
  return { baseUrl: value };
}
