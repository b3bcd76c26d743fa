/**
 * The catalog cites each fact by the public pages it comes from, written as host and path
 * (`ai.google.dev/gemini-api/docs/troubleshooting`, `github.com/googleapis/python-genai/issues/182`,
 * `cloud.google.com/…`, `discuss.ai.google.dev/t/…`) inside a short sentence. Users see those pages
 * as links.
 */
import type { DocLink } from './types';

// Bounded path of URL characters after a known host: linear on any input.
const PAGE_RE = /(?<![\w./-])(discuss\.ai\.google\.dev|ai\.google\.dev|cloud\.google\.com|github\.com)(\/[A-Za-z0-9\-._~/#%]{0,200})?/g;

function titleOf(host: string, path: string): string {
  if (host === 'ai.google.dev' && path === '/gemini-api/docs/troubleshooting') return 'Gemini API troubleshooting guide';
  const issue = /^\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(path);
  if (host === 'github.com' && issue) return `${issue[1]}#${issue[2]}`;
  const thread = /^\/t\/(?:[^/]+\/)?(\d+)/.exec(path);
  if (host === 'discuss.ai.google.dev' && thread) return `Google AI developer forum, thread ${thread[1]}`;
  return `${host}${path}`;
}

/** The public pages a catalog `source` names, in order, without repeats. */
export function publicSources(source: string): DocLink[] {
  const found: DocLink[] = [];
  for (const m of source.slice(0, 2000).matchAll(PAGE_RE)) {
    const host = m[1]!;
    const path = (m[2] ?? '').replace(/[.#]+$/, '');
    const url = `https://${host}${path}`;
    if (!found.some((d) => d.url === url)) found.push({ title: titleOf(host, path), url });
  }
  return found;
}
