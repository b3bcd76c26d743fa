/**
 * Specifics of one error, parsed from the text around it: retry delay, quota, ErrorInfo reason,
 * field violations, help links, model and API version. The text is normalized first (see
 * `normalizeErrorText`), so JSON, escaped JSON, Python dict reprs and proto text read alike.
 */
import type { DocLink, ErrorDetails } from './types';

/**
 * Folds the ways an error body gets printed into one: unescapes `\"` (any depth), turns literal `\n`
 * and line breaks into spaces, straightens curly quotes, drops terminal box characters and `> `
 * quote markers, and collapses whitespace, so a message wrapped by a terminal reads whole again.
 */
export function normalizeErrorText(text: string): string {
  return text
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/[│┃]/g, ' ')
    // `(?<!\\)`: a run of backslashes is matched from its start only, so a long run costs linear time.
    .replace(/(?<!\\)\\+(["'])/g, '$1')
    .replace(/(?<!\\)\\+n/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ');
}

function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const found: RegExpExecArray[] = [];
  for (let m = global.exec(text); m; m = global.exec(text)) {
    found.push(m);
    if (m[0].length === 0) global.lastIndex++;
  }
  return found;
}

/** The match of `re` nearest to `at` (errors in a log repeat: the nearest one is this error's). */
export function nearest(re: RegExp, text: string, at: number): RegExpExecArray | undefined {
  let best: RegExpExecArray | undefined;
  let bestDistance = Infinity;
  for (const m of allMatches(re, text)) {
    const distance = m.index > at ? m.index - at : Math.max(0, at - (m.index + m[0].length));
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
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
export function parseDetails(text: string, at: number): ErrorDetails {
  const details: ErrorDetails = {};

  const retry =
    nearest(new RegExp(`${q}retry_?[dD]elay${q}\\s*[:=]\\s*${q}((?:\\d+h)?(?:\\d+m)?(?:\\d+(?:\\.\\d+)?s))`), text, at) ??
    nearest(/retry_delay\s*\{\s*seconds:\s*(\d+)/, text, at) ??
    nearest(/Please retry in ((?:\d+h)?(?:\d+m)?\d+(?:\.\d+)?s)/, text, at);
  if (retry) {
    const value = /^\d+$/.test(retry[1]!) ? `${retry[1]}s` : retry[1]!;
    details.retryDelay = value;
    const seconds = durationSeconds(value);
    if (seconds !== undefined) details.retryDelaySeconds = seconds;
  }

  const metric = nearest(new RegExp(`${q}quota_?[mM]etric${q}\\s*[:=]\\s*["']([^"']+)["']`), text, at) ?? nearest(/Quota exceeded for (?:quota )?metric:? '?([\w./-]{1,200}(?: [\w ]{1,80})?)'?,? (?:limit|and)/, text, at);
  if (metric) details.quotaMetric = metric[1]!.trim();
  const quotaId = nearest(new RegExp(`${q}quota_?[iI]d${q}\\s*[:=]\\s*["']([^"']+)["']`), text, at) ?? nearest(/\b(Generate(?:Content)?\w{0,60}?Per(?:Minute|Day|Project)\w{0,60}(?:-FreeTier)?)\b/, text, at);
  if (quotaId) details.quotaId = quotaId[1]!;
  const limit = nearest(/\blimit: (\d+)\b/, text, at) ?? nearest(new RegExp(`${q}quota_?[vV]alue${q}\\s*[:=]\\s*${q}(\\d+)`), text, at);
  if (limit) details.quotaLimit = Number(limit[1]);

  const notFound = nearest(/models\/([\w.-]+) is not found for API version (v\w+)(?:, or is not supported for (\w+))?/, text, at);
  const publisherModel = nearest(/publishers\/google\/models\/([\w.@-]+)/, text, at);
  const quotaModel = nearest(new RegExp(`(?:, model: |${q}model${q}\\s*[:=]\\s*["'](?:models/)?)(gemini[\\w.-]*|[a-z]+-[\\w.-]+)`), text, at);
  // A model named in the error itself: never a path segment of a URL (`ai.google.dev/gemini-api/docs`).
  const anyModel = nearest(/(?:\bmodels\/|(?<![\w/.-]))(gemini-[\w.-]{0,80}\w)(?![\w.-]*\/)/, text, at);
  const model = notFound?.[1] ?? publisherModel?.[1] ?? quotaModel?.[1] ?? anyModel?.[1];
  if (model) details.model = model;
  const version = notFound?.[2] ?? nearest(/\/(v1(?:beta|alpha)?\d*)\/(?:models|tunedModels|files|cachedContents)\b/, text, at)?.[1];
  if (version) details.apiVersion = version;
  if (notFound?.[3]) details.method = notFound[3];
  else {
    const method = nearest(/:(generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)\b/, text, at);
    if (method) details.method = method[1]!;
  }

  const reason = nearest(new RegExp(`${q}reason${q}\\s*[:=]\\s*["']?\\**([A-Z][A-Z_]{3,})\\b`), text, at);
  if (reason) details.reason = reason[1]!;
  const domain = nearest(new RegExp(`${q}domain${q}\\s*[:=]\\s*["']([\\w.-]+\\.[a-z]{2,})["']`), text, at);
  if (domain) details.domain = domain[1]!;

  const violations = [
    ...allMatches(new RegExp(`${q}field${q}\\s*:\\s*["']([^"']+)["']\\s*,?\\s*${q}description${q}\\s*:\\s*["']([^"']+)["']`), text).map((m) => ({ field: m[1]!, description: m[2]! })),
    ...allMatches(new RegExp(`${q}description${q}\\s*:\\s*["']([^"']+)["']\\s*,?\\s*${q}field${q}\\s*:\\s*["']([^"']+)["']`), text).map((m) => ({ field: m[2]!, description: m[1]! })),
  ];
  if (violations.length > 0) details.fieldViolations = violations.slice(0, 5);

  const links: DocLink[] = [];
  for (const m of allMatches(new RegExp(`(?:${q}description${q}\\s*:\\s*["']([^"']+)["']\\s*,?\\s*)?${q}url${q}\\s*:\\s*["'](https://[^"'\\s]+)["']`), text)) {
    if (!links.some((l) => l.url === m[2])) links.push({ title: m[1] ?? m[2]!, url: m[2]! });
  }
  if (links.length > 0) details.helpLinks = links.slice(0, 4);

  const tokens = nearest(/input token count \((\d+)\) exceeds the maximum number of tokens allowed \((\d+)\)/, text, at);
  if (tokens) {
    details.inputTokens = Number(tokens[1]);
    details.maxInputTokens = Number(tokens[2]);
  }

  const messageRe = new RegExp(`${q}message${q}\\s*[:=]\\s*(["'])((?:(?!\\1).){3,1000}?)\\1\\s*[,}]`, 'g');
  // The nearest message that is text, not a nested JSON body (ApiError wraps the body in a message).
  const message = allMatches(messageRe, text)
    .filter((m) => !/^\s*\{/.test(m[2]!))
    .sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at))[0];
  if (message) details.message = message[2]!.trim();

  return details;
}
