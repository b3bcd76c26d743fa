/**
 * Specifics of one error, parsed from the text around it: retry delay, quota, ErrorInfo reason,
 * field violations, help links, model and API version. The text is normalized first (see
 * `normalizeErrorText`), so JSON, escaped JSON, Python dict reprs and proto text read alike.
 */
import { LiteralIndex } from './literalGate';
import type { DocLink, ErrorDetails } from './types';

/** What `normalizeErrorText` changes: without any of it (a `>`, a box character, a backslash, a curly quote, whitespace other than single spaces), the text is already normal. */
const needsNormalizing = /[>│┃\\“”‘’]|[^\S ]| {2}/;

/**
 * Whether `text` holds nothing `normalizeErrorText` changes: then no part of it does either (a text
 * that only normalizes to itself may not be: `\\>` does, its `>` alone does not).
 */
export function isNormal(text: string): boolean {
  return !needsNormalizing.test(text);
}

/** The rules of `normalizeErrorText`, in order, each with a character it needs to find anything (none for the last). */
const normalizeRules: readonly { readonly needs: string | RegExp | undefined; readonly re: RegExp; readonly by: string }[] = [
  { needs: '>', re: /^[ \t]*(?:>[ \t]?)+/gm, by: '' },
  { needs: /[│┃]/, re: /[│┃]/g, by: ' ' },
  // `(?<!\\)`: a run of backslashes is matched from its start only, so a long run costs linear time.
  { needs: '\\', re: /(?<!\\)\\+(["'])/g, by: '$1' },
  { needs: '\\', re: /(?<!\\)\\+n/g, by: ' ' },
  { needs: /[“”]/, re: /[“”]/g, by: '"' },
  { needs: /[‘’]/, re: /[‘’]/g, by: "'" },
  { needs: undefined, re: /\s+/g, by: ' ' },
];

/**
 * Folds the ways an error body gets printed into one: unescapes `\"` (any depth), turns literal `\n`
 * and line breaks into spaces, straightens curly quotes, drops terminal box characters and `> `
 * quote markers, and collapses whitespace, so a message wrapped by a terminal reads whole again.
 * A rule runs only when the text holds the character it needs (a log line with aligned columns only
 * needs its spaces collapsed).
 */
export function normalizeErrorText(text: string): string {
  if (isNormal(text)) return text; // most log text: one scan instead of seven
  for (const { needs, re, by } of normalizeRules) {
    if (needs === undefined || (typeof needs === 'string' ? text.includes(needs) : needs.test(text))) text = text.replace(re, by);
  }
  return text;
}

function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  for (let m = global.exec(text); m; m = global.exec(text)) {
    found.push(m);
    if (m[0].length === 0) global.lastIndex++;
  }
  return found;
}

/**
 * The match of `re` nearest to `at` (errors in a log repeat: the nearest one is this error's); of
 * equally near ones, the first. Stops at the first match after `at` that is no nearer than the best:
 * every later one is farther.
 */
export function nearest(re: RegExp, text: string, at: number): RegExpExecArray | undefined {
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  return nearestIn(() => {
    const m = global.exec(text);
    if (m && m[0].length === 0) global.lastIndex++;
    return m ?? undefined;
  }, at);
}

/** `nearest` among matches already found, in order. */
export function nearestOf(found: readonly RegExpExecArray[], at: number): RegExpExecArray | undefined {
  let i = 0;
  return nearestIn(() => found[i++], at);
}

/** The nearest of the matches `next` gives in order, read only as far as a nearer one may come. */
function nearestIn(next: () => RegExpExecArray | undefined, at: number): RegExpExecArray | undefined {
  let best: RegExpExecArray | undefined;
  let bestDistance = Infinity;
  for (let m = next(); m; m = next()) {
    const distance = distanceTo(m, at);
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    } else if (m.index > at) {
      break;
    }
  }
  return best;
}

/** Characters between a match and `at` (0 when the match holds it). */
function distanceTo(m: RegExpExecArray, at: number): number {
  return m.index > at ? m.index - at : Math.max(0, at - (m.index + m[0].length));
}

const q = `["']?`;

/** Seconds in a protobuf-style duration: "53s", "38.8s", "10h17m5.72s", "1m". */
export function durationSeconds(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * Parses what the error around `at` (an offset in the normalized `text`) says specifically.
 * Only what is there is returned; nothing is guessed.
 */
// Compiled once, global: `nearest` and `allMatches` reset lastIndex before each use.
const retryDelayRe = new RegExp(`${q}retry_?[dD]elay${q}\\s*[:=]\\s*${q}((?:\\d+h)?(?:\\d+m)?(?:\\d+(?:\\.\\d+)?s))`, 'g');
const protoRetryRe = /retry_delay\s*\{\s*seconds:\s*(\d+)/g;
const pleaseRetryRe = /Please retry in ((?:\d+h)?(?:\d+m)?\d+(?:\.\d+)?s)/g;
const quotaMetricRe = new RegExp(`${q}quota_?[mM]etric${q}\\s*[:=]\\s*["']([^"']+)["']`, 'g');
const quotaIdRe = new RegExp(`${q}quota_?[iI]d${q}\\s*[:=]\\s*["']([^"']+)["']`, 'g');
const quotaIdNameRe = /\b(Generate(?:Content)?\w{0,60}?Per(?:Minute|Day|Project)\w{0,60}(?:-FreeTier)?)\b/g;
const limitRe = /\blimit: (\d+)\b/g;
const quotaValueRe = new RegExp(`${q}quota_?[vV]alue${q}\\s*[:=]\\s*${q}(\\d+)`, 'g');
const notFoundRe = /models\/([\w.-]+) is not found for API version (v\w+)(?:, or is not supported for (\w+))?/g;
const publisherModelRe = /publishers\/google\/models\/([\w.@-]+)/g;
const quotaModelRe = new RegExp(`(?:, model: |${q}model${q}\\s*[:=]\\s*["'](?:models/)?)(gemini[\\w.-]*|[a-z]+-[\\w.-]+)`, 'g');
const apiVersionRe = /\/(v1(?:beta|alpha)?\d*)\/(?:models|tunedModels|files|cachedContents)\b/g;
const methodRe = /:(generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)\b/g;
const reasonRe = new RegExp(`${q}reason${q}\\s*[:=]\\s*["']?\\**([A-Z][A-Z_]{3,})\\b`, 'g');
const domainRe = new RegExp(`${q}domain${q}\\s*[:=]\\s*["']([\\w.-]+\\.[a-z]{2,})["']`, 'g');
const fieldDescriptionRe = new RegExp(`${q}field${q}\\s*:\\s*["']([^"']+)["']\\s*,?\\s*${q}description${q}\\s*:\\s*["']([^"']+)["']`, 'g');
const descriptionFieldRe = new RegExp(`${q}description${q}\\s*:\\s*["']([^"']+)["']\\s*,?\\s*${q}field${q}\\s*:\\s*["']([^"']+)["']`, 'g');
const helpLinkRe = new RegExp(`(?:${q}description${q}\\s*:\\s*["']([^"']+)["']\\s*,?\\s*)?${q}url${q}\\s*:\\s*["'](https://[^"'\\s]+)["']`, 'g');
const tokenCountRe = /input token count \((\d+)\) exceeds the maximum number of tokens allowed \((\d+)\)/g;
const quotaSentenceRe = /Quota exceeded for (?:quota )?metric:? '?([\w./-]{1,200}(?: [\w ]{1,80})?)'?,? (?:limit|and)/g;
/** A model named in the error itself: never a path segment of a URL (`ai.google.dev/gemini-api/docs`). */
const anyModelRe = /(?:\bmodels\/|(?<![\w/.-]))(gemini-[\w.-]{0,80}\w)(?![\w.-]{0,80}\/)/g;
/**
 * A quoted message: its text runs to the first closing quote of its kind, which a `,` or `}` follows
 * (3 to 1,000 characters, no line break). Written with a character class for each kind of quote, not
 * a backreference tested at each character: the same matches, read several times faster.
 */
export const messageFieldRe = new RegExp(`${q}message${q}\\s*[:=]\\s*(?:'([^'\\n\\r\\u2028\\u2029]{3,1000})'|"([^"\\n\\r\\u2028\\u2029]{3,1000})")\\s*[,}]`, 'g');

/** The regexes `parseDetails` searches with; `detailIndex` says which may match a text. */
const detailRegexes = [
  retryDelayRe, protoRetryRe, pleaseRetryRe, quotaMetricRe, quotaSentenceRe, quotaIdRe, quotaIdNameRe, limitRe, quotaValueRe,
  notFoundRe, publisherModelRe, quotaModelRe, anyModelRe, apiVersionRe, methodRe, reasonRe, domainRe, fieldDescriptionRe,
  descriptionFieldRe, helpLinkRe, tokenCountRe, messageFieldRe,
];
/** The sources of the detail regexes, in the order `parseDetails` takes their `possible` flags. */
export const detailSources: readonly string[] = detailRegexes.map((re) => re.source);
/** The literals each detail regex needs, found in one pass: most regexes are not run on a given error. */
const detailIndex = LiteralIndex.of(detailSources, { ignoreCase: detailRegexes.some((re) => re.ignoreCase) });
const detailRegexIndex = new Map(detailRegexes.map((re, i) => [re, i]));

/**
 * `possible`: for each of `detailSources`, 0 when its literals are not in `text` (a `LiteralIndex`
 * over them, or over more sources, read `text`); found here when not given.
 */
export function parseDetails(text: string, at: number, possible: Uint8Array = detailIndex.mayMatch(text)): ErrorDetails {
  const details: ErrorDetails = {};
  // The nearest match, or every match, of a detail regex; none when its literals are not in the text.
  const near = (re: RegExp) => (possible[detailRegexIndex.get(re)!] === 1 ? nearest(re, text, at) : undefined);
  const every = (re: RegExp) => (possible[detailRegexIndex.get(re)!] === 1 ? allMatches(re, text) : []);

  const retry =
    near(retryDelayRe) ??
    near(protoRetryRe) ??
    near(pleaseRetryRe);
  if (retry) {
    const value = /^\d+$/.test(retry[1]!) ? `${retry[1]}s` : retry[1]!;
    details.retryDelay = value;
    const seconds = durationSeconds(value);
    if (seconds !== undefined) details.retryDelaySeconds = seconds;
  }

  const metric = near(quotaMetricRe) ?? near(quotaSentenceRe);
  if (metric) details.quotaMetric = metric[1]!.trim();
  const quotaId = near(quotaIdRe) ?? near(quotaIdNameRe);
  if (quotaId) details.quotaId = quotaId[1]!;
  const limit = near(limitRe) ?? near(quotaValueRe);
  if (limit) details.quotaLimit = Number(limit[1]);

  const notFound = near(notFoundRe);
  const publisherModel = near(publisherModelRe);
  const quotaModel = near(quotaModelRe);
  const anyModel = near(anyModelRe);
  const model = notFound?.[1] ?? publisherModel?.[1] ?? quotaModel?.[1] ?? anyModel?.[1];
  if (model) details.model = model;
  const version = notFound?.[2] ?? near(apiVersionRe)?.[1];
  if (version) details.apiVersion = version;
  if (notFound?.[3]) details.method = notFound[3];
  else {
    const method = near(methodRe);
    if (method) details.method = method[1]!;
  }

  const reason = near(reasonRe);
  if (reason) details.reason = reason[1]!;
  const domain = near(domainRe);
  if (domain) details.domain = domain[1]!;

  const violations = [
    ...every(fieldDescriptionRe).map((m) => ({ field: m[1]!, description: m[2]! })),
    ...every(descriptionFieldRe).map((m) => ({ field: m[2]!, description: m[1]! })),
  ];
  if (violations.length > 0) details.fieldViolations = violations.slice(0, 5);

  const links: DocLink[] = [];
  for (const m of every(helpLinkRe)) {
    if (!links.some((l) => l.url === m[2])) links.push({ title: m[1] ?? m[2]!, url: m[2]! });
  }
  if (links.length > 0) details.helpLinks = links.slice(0, 4);

  const tokens = near(tokenCountRe);
  if (tokens) {
    details.inputTokens = Number(tokens[1]);
    details.maxInputTokens = Number(tokens[2]);
  }

  // The nearest message that is text, not a nested JSON body (ApiError wraps the body in a message).
  const message = every(messageFieldRe)
    .filter((m) => !/^\s*\{/.test(m[1] ?? m[2]!))
    .sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at))[0];
  if (message) details.message = (message[1] ?? message[2]!).trim();

  return details;
}
