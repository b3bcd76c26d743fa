/**
 * Anchors: the places in one line of text that may name a Gemini error — a status name, an HTTP code
 * in an error shape, an exception class, a well-known message, a finish or block reason, an
 * Interactions code. An anchor is only a candidate: recognize.ts decides from the text around it.
 */
import { blockReason, finishReason, interactionsCode, interactionsCodes, messages } from './catalog';
import { LiteralIndex } from './literalGate';
import type { CatalogEntry } from './types';

export type AnchorType = 'status' | 'code' | 'exception' | 'wrapper' | 'message' | 'finish' | 'block' | 'interactions' | 'quota';

export interface Anchor {
  readonly start: number;
  readonly end: number;
  readonly type: AnchorType;
  readonly status?: string;
  readonly httpCode?: number;
  /** The message, reason or Interactions entry the anchor names itself. */
  readonly entry?: CatalogEntry;
  /** The anchor alone proves a Gemini error (a Gemini-only message, a Gemini quota id, …). */
  readonly strong: boolean;
  /** A Google-style error shape: may be explained, hedged, when nothing around says which API. */
  readonly googleShaped: boolean;
  /**
   * A shape that Gemini and many other services print alike (gRPC `StatusCode.X`, api_core and gax
   * exceptions, enum prints of other languages): neither for nor against Gemini, so it is only
   * explained when the text around says Gemini.
   */
  readonly neutral?: boolean;
}

const STATUS = 'INVALID_ARGUMENT|FAILED_PRECONDITION|PERMISSION_DENIED|NOT_FOUND|RESOURCE_EXHAUSTED|INTERNAL|UNAVAILABLE|DEADLINE_EXCEEDED|UNAUTHENTICATED|CANCELLED|ABORTED|UNIMPLEMENTED';
export const STATUS_NAMES = STATUS;
export const HTTP_CODES = '400|401|402|403|404|409|429|499|500|501|503|504';
const statusRe = new RegExp(`\\b(${STATUS})\\b`, 'g');
const codeRe = new RegExp(`\\b(${HTTP_CODES})\\b`, 'g');
const REASON_PHRASE = 'Too Many Requests|Bad [Rr]equest|Forbidden|Not Found|Unauthorized|Internal Server Error|Service Unavailable|Gateway Time-?out|Payment Required|Deadline Exceeded|Conflict|Not Implemented';
/** What may stand right before an HTTP code of an error. */
const codePrefixRe = /(?:got status:\s*|\bError code:\s*|\b(?:Invalid argument provided to Gemini|Error generating content|Failed to generate content|Gemini API error|API error):\s*|["']?\bcode["']?\s*[:=]\s*|\b(?:Error|error|ERROR|Status|status|HTTP|http)\s*:?\s*|status code (?:of )?|\[\s*|\b[A-Z][A-Za-z]*(?:Exhausted|Precondition|Argument|Denied|Found|Error|Exceeded|Unavailable|Exception|Details)\s*:\s*)$/;
/** What may follow an HTTP code of an error. */
const codeSuffixRe = new RegExp(`^(?:\\s+(?:${STATUS})\\b|\\s+(?:${REASON_PHRASE})\\b|\\s*\\]|\\s*\\{|\\s+(?:You exceeded|Resource has been exhausted|API key not valid|User location|Quota exceeded|Internal error|An internal error|The model is|models/|Deadline Exceeded))`);
const codeGoogleShapeRe = new RegExp(`^(?:\\s+(?:${STATUS})\\b)`);
const reasonPhraseRe = new RegExp(`^ (?:${REASON_PHRASE})`);

const exceptionStatus: Record<string, [string, number]> = {
  ResourceExhausted: ['RESOURCE_EXHAUSTED', 429],
  TooManyRequests: ['RESOURCE_EXHAUSTED', 429],
  FailedPrecondition: ['FAILED_PRECONDITION', 400],
  InvalidArgument: ['INVALID_ARGUMENT', 400],
  BadRequest: ['INVALID_ARGUMENT', 400],
  PermissionDenied: ['PERMISSION_DENIED', 403],
  Forbidden: ['PERMISSION_DENIED', 403],
  NotFound: ['NOT_FOUND', 404],
  Unauthenticated: ['UNAUTHENTICATED', 401],
  Unauthorized: ['UNAUTHENTICATED', 401],
  InternalServerError: ['INTERNAL', 500],
  ServiceUnavailable: ['UNAVAILABLE', 503],
  DeadlineExceeded: ['DEADLINE_EXCEEDED', 504],
  GatewayTimeout: ['DEADLINE_EXCEEDED', 504],
  Aborted: ['ABORTED', 409],
  MethodNotImplemented: ['UNIMPLEMENTED', 501],
  Unimplemented: ['UNIMPLEMENTED', 501],
  Internal: ['INTERNAL', 500],
  Unavailable: ['UNAVAILABLE', 503],
  Cancelled: ['CANCELLED', 499],
};
const exceptionRe = new RegExp(`\\b(${Object.keys(exceptionStatus).join('|')})(Exception)?\\b`, 'g');
/** Class names that are ordinary words elsewhere: only `exceptions.X` or `X: 4xx` count. */
const genericExceptions = new Set(['BadRequest', 'Forbidden', 'NotFound', 'Unauthorized', 'Aborted', 'Internal', 'Unavailable', 'Cancelled', 'Unimplemented']);

const wrapperRe = /\b(GoogleGenerativeAI(?:Fetch|Response|RequestInput|Abort)?Error|GoogleGenerativeAI Error|ChatGoogleGenerativeAIError|GeminiException|VertexAIException|VertexAIError|_?ApiError|APIError|ClientError|ServerError)\b/g;
const strongWrappers = /GoogleGenerativeAI|Gemini/;

/**
 * Exception and error-case names of the Gemini client SDKs for Kotlin/Android, Swift and Dart: only
 * these SDKs print them, so they are strong evidence by themselves.
 */
const clientErrors: readonly [RegExp, string][] = [
  [/\b(?:InvalidAPIKeyException|InvalidApiKey(?:Exception)?|\.invalidAPIKey)\b/g, 'api-key-invalid'],
  [/\b(?:UnsupportedUserLocationException|UnsupportedUserLocation|\.unsupportedUserLocation)\b/g, 'user-location-unsupported'],
  [/\bQuotaExceededException\b/g, 'quota-exceeded'],
];

/** `clientErrors` with their catalog entries, looked up once. */
const clientErrorEntries = clientErrors.map(([re, id]) => [re, messages.find((e) => e.id === id)!] as const);

const quotaRe = /\b(retryDelay|retry_delay|RATE_LIMIT_EXCEEDED|rateLimitExceeded)\b|\b(Generate(?:Content)?\w{0,60}?Per(?:Minute|Day|Project)\w{0,60}(?:-FreeTier)?)\b/g;

// `\s*(?:[:=]\s*)?`, never `\s*[:=]?\s*`: two adjacent optional runs backtrack quadratically on long blanks.
const finishKeyRe = /\b(?:finish_reason|finishReason|FINISH_REASON)["']?\s*(?:[:=]\s*)?(?:<\s*)?(?:FinishReason\.)?["']?([A-Z][A-Z_]{2,}|\d{1,2})\b/g;
/** `FinishReason.SAFETY` (Python, Java), `FinishReason::RECITATION` (PHP), `FinishReason.maxTokens` (Dart, Swift, C#, Kotlin). */
const finishQualifiedRe = /\bFinishReason(?:\.|::)([A-Za-z][A-Za-z_]{2,})\b|\bCandidate was blocked due to ([A-Z][A-Z_]{2,})\b|\bResponse stopped due to (?:an? )?(unexpected tool call|malformed function call)\b/g;
/** Finish reasons no other API has: recognized without their key, if the text around says Gemini. */
const BARE_FINISH = 'MALFORMED_FUNCTION_CALL|UNEXPECTED_TOOL_CALL|TOO_MANY_TOOL_CALLS';
const bareFinishRe = new RegExp(`\\b(${BARE_FINISH})\\b`, 'g');
const blockKeyRe = /\b(?:block_reason|blockReason|BLOCK_REASON)["']?\s*(?:[:=]\s*)?(?:<\s*)?(?:Block(?:ed)?Reason\.)?["']?([A-Z][A-Z_]{2,})\b/g;
const blockQualifiedRe = /\bBlock(?:ed)?Reason(?:\.|::)([A-Za-z][A-Za-z_]{2,})\b|\bResponse was blocked due to ([A-Z][A-Z_]{2,})\b|\bMessage is being blocked for reason: ([A-Z][A-Z_]{2,})\b/g;

/** `StatusCode.X` (Python gRPC), `RPC::X` (Live API's original error). */
const grpcStatusPrefixRe = /(?:\bStatusCode\.|\bRPC::)$/;

const camelStatus = 'invalidArgument|failedPrecondition|permissionDenied|notFound|resourceExhausted|internal|unavailable|deadlineExceeded|unauthenticated|cancelled|aborted|unimplemented';
/**
 * Enum prints of other client languages: Swift `RPCStatus.invalidArgument`, Java/Kotlin gRPC
 * `Status.Code.RESOURCE_EXHAUSTED`, C# `StatusCode.ResourceExhausted`, Rust (tonic) `Code::ResourceExhausted`.
 */
const enumStatusRe = new RegExp(`\\b(?:RPCStatus|Status\\.Code|StatusCode|Code)(?:\\.|::)(${camelStatus}|${camelStatus.replace(/\b[a-z]/g, (c) => c.toUpperCase())}|${STATUS})\\b`, 'g');

/** `maxTokens`, `MaxTokens`, `unexpected tool call` → `MAX_TOKENS`, `UNEXPECTED_TOOL_CALL`. */
export function upperSnake(name: string): string {
  if (/^[A-Z][A-Z_]*$/.test(name)) return name;
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/ /g, '_').toUpperCase();
}

const interactionsRe = /["']?\bcode["']?\s*:\s*["']([a-z_]+)(["']?)/g;

const messageRes = messages.map((entry) => ({ entry, re: new RegExp(entry.pattern.source, `g${entry.pattern.flags}`) }));

/**
 * What any anchor needs, as one regex source: a line that matches none of it has no anchor. Flat (each
 * alternative a literal or a plain pattern) so that a `LiteralGate` finds the literal every alternative
 * needs: the CLI passes over the lines of a large log that hold none (most of them) in one scan.
 */
export const prefilterSource = [
  STATUS,
  HTTP_CODES.split('|').map((code) => `\\b${code}\\b`).join('|'),
  Object.keys(exceptionStatus).join('|'),
  BARE_FINISH,
  'Error|Exception|RPCStatus|InvalidApiKey|invalidAPIKey|UnsupportedUserLocation|unsupportedUserLocation|StatusCode|Code::|retry|GenerateContent|PerMinute|PerDay|PerProject|inish|lock|FINISH_REASON|BLOCK_REASON|code|RATE_LIMIT|rateLimit|Response stopped|[Ii]nvalid[A-Z_]|[a-z]Exhausted|[a-z]Denied',
  ...messages.map((m) => m.pattern.source),
].join('|');

/** Every regex `findAnchors` searches a line with, in one list: `anchorIndex` says which may match. */
const anchorRegexes: readonly RegExp[] = [
  statusRe, enumStatusRe, codeRe, exceptionRe, wrapperRe, ...clientErrors.map(([re]) => re), quotaRe,
  finishKeyRe, finishQualifiedRe, bareFinishRe, blockKeyRe, blockQualifiedRe, interactionsRe, ...messageRes.map(({ re }) => re),
];
/**
 * The literals each anchor regex needs, found in one pass over a line: a regex whose literals are not
 * there is not run (a line with a 429 runs the few regexes it may match, not all eighty).
 */
/** The sources of the anchor regexes, in the order `findAnchors` takes their `possible` flags. */
export const anchorSources: readonly string[] = anchorRegexes.map((re) => re.source);
const anchorIndex = LiteralIndex.of(anchorSources, { ignoreCase: anchorRegexes.some((re) => re.ignoreCase) });

const NONE: RegExpExecArray[] = [];

/** Position of each anchor regex in `anchorRegexes`. */
const anchorRegexIndex = new Map(anchorRegexes.map((re, i) => [re, i]));
/** Position of the first message regex in `anchorRegexes` (they come last, in the order of `messageRes`). */
const firstMessage = anchorRegexes.length - messageRes.length;

/** The last text searched for messages, and the matches found in it of each message (by its position in `messages`). */
let messageMemo: { text: string; found: (RegExpExecArray[] | undefined)[] } = { text: '', found: [] };

/**
 * Every match of the message `messages[i]` in `text`. Kept for the last text: an anchor's line is
 * searched for messages here, and again when it is also its error's whole text.
 */
export function messageMatches(text: string, i: number): RegExpExecArray[] {
  if (messageMemo.text !== text) messageMemo = { text, found: [] };
  return (messageMemo.found[i] ??= matches(messageRes[i]!.re, text));
}

function matches(re: RegExp, text: string): RegExpExecArray[] {
  re.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return found;
}

/**
 * The anchors in `line`. `nextLine` lets a token that a terminal wrapped onto the next line be
 * completed (an Interactions code such as `"invalid_r` + `equest"`). `possible`: for each of
 * `anchorSources`, 0 when its literals are not in `line` (found here when not given).
 */
export function findAnchors(line: string, nextLine?: string | (() => string | undefined), possible: Uint8Array = anchorIndex.mayMatch(line)): Anchor[] {
  if (!possible.includes(1)) return [];
  /** The matches of one of `anchorRegexes` in the line; none when its literals are not there. */
  const search = (re: RegExp): RegExpExecArray[] => (possible[anchorRegexIndex.get(re)!] === 1 ? matches(re, line) : NONE);
  const anchors: Anchor[] = [];
  const add = (anchor: Anchor) => anchors.push(anchor);

  for (const m of search(statusRe)) {
    const before = line.slice(Math.max(0, m.index - 12), m.index);
    const after = line.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // Constants (`NOT_FOUND = 5`) and enum maps are look-alikes, not errors.
    if (/^\s*[=:]\s*-?\d/.test(after) || /^\s*=[^=]/.test(after)) continue;
    const grpc = grpcStatusPrefixRe.exec(before);
    if (grpc) {
      // gRPC prints Gemini errors (the legacy Python SDK) and every other service's alike.
      add({ start: m.index - grpc[0].length, end: m.index + m[0].length, type: 'status', status: m[1], strong: false, googleShaped: false, neutral: true });
      continue;
    }
    if (/\.$/.test(before)) continue; // other enum maps (`Code.NOT_FOUND`) are handled below or are not errors
    // `got status: UNAVAILABLE` and `"status": "INTERNAL"` are hovered as a whole.
    const lead = /(?:got status:\s*|["']status["']\s*:\s*["'])$/.exec(line.slice(Math.max(0, m.index - 14), m.index))?.[0].length ?? 0;
    add({ start: m.index - lead, end: m.index + m[0].length, type: 'status', status: m[1], strong: false, googleShaped: true });
  }

  for (const m of search(enumStatusRe)) {
    const status = upperSnake(m[1]!);
    if (status === m[1] && !/^(?:Status\.Code|Code)/.test(m[0])) continue; // `StatusCode.X` is handled above
    add({ start: m.index, end: m.index + m[0].length, type: 'status', status, strong: false, googleShaped: false, neutral: true });
  }

  // Where well-known messages start: an HTTP code right before one belongs to the error.
  const messageFound: { entry: (typeof messageRes)[number]['entry']; found: RegExpExecArray[] }[] = [];
  for (let i = 0; i < messageRes.length; i++) {
    if (possible[firstMessage + i] === 0) continue; // most lines hold the words of no message
    const entry = messageRes[i]!.entry;
    const found = messageMatches(line, i);
    if (found.length > 0) messageFound.push({ entry, found });
  }
  const messageStarts: number[] = [];
  for (const { found } of messageFound) for (const m of found) messageStarts.push(m.index);

  let hasBodyKeys: boolean | undefined; // computed once per line, not once per code
  for (const m of search(codeRe)) {
    const before = line.slice(Math.max(0, m.index - 48), m.index);
    const after = line.slice(m.index + 3, m.index + 60);
    const prefix = codePrefixRe.exec(before);
    const beforeMessage = messageStarts.some((start) => start > m.index + 3 && start - (m.index + 3) <= 2);
    if (!prefix && !codeSuffixRe.test(after) && !beforeMessage) continue;
    const googleShaped = codeGoogleShapeRe.test(after) || (/["']code["']\s*:\s*$/.test(before) && (hasBodyKeys ??= /["']status["']|["']message["']/.test(line)));
    // The words around the code belong to it: `Error 404,`, `status code of 503`, `429 Too Many Requests`.
    const lead = prefix && /\w/.test(prefix[0]) ? prefix[0].length : 0;
    const phrase = reasonPhraseRe.exec(after)?.[0].length ?? 0;
    add({ start: m.index - lead, end: m.index + 3 + phrase, type: 'code', httpCode: Number(m[1]), strong: false, googleShaped });
  }

  for (const m of search(exceptionRe)) {
    const name = m[1]!;
    const java = m[2] !== undefined; // gax: `ResourceExhaustedException`
    const before = line.slice(Math.max(0, m.index - 12), m.index);
    const after = line.slice(m.index + m[0].length, m.index + m[0].length + 8);
    const qualified = /exceptions\.$/.test(before);
    const withCode = /^:\s*\d{3}\b/.test(after);
    if (/(?:code\s*=\s*|codes\.|Code\.|Status\.|RPCStatus\.|::)$/.test(before)) continue; // Go gRPC codes; enum prints are handled above
    if (genericExceptions.has(name) && !qualified && !withCode && !java) continue;
    const [status, httpCode] = exceptionStatus[name]!;
    // api_core (Python) and gax (Java) exceptions print every Google API's errors alike: neutral.
    add({ start: m.index, end: m.index + m[0].length, type: 'exception', status, httpCode, strong: false, googleShaped: false, neutral: qualified || java || withCode });
  }

  for (const m of search(wrapperRe)) {
    add({ start: m.index, end: m.index + m[0].length, type: 'wrapper', strong: strongWrappers.test(m[0]), googleShaped: false });
  }

  for (const [re, entry] of clientErrorEntries) {
    for (const m of search(re)) {
      const start = m[0].startsWith('.') ? m.index + 1 : m.index;
      add({ start, end: m.index + m[0].length, type: 'exception', status: entry.status, httpCode: entry.httpCode, entry, strong: true, googleShaped: false });
    }
  }

  for (const { entry, found } of messageFound) {
    for (const m of found) {
      add({
        start: m.index, end: m.index + m[0].length, type: 'message', status: entry.status,
        ...('httpCode' in entry ? { httpCode: entry.httpCode } : {}), entry, strong: entry.geminiOnly, googleShaped: entry.carriesReason !== true,
      });
    }
  }

  for (const m of search(quotaRe)) {
    const quotaId = m[2] !== undefined;
    add({ start: m.index, end: m.index + m[0].length, type: 'quota', status: 'RESOURCE_EXHAUSTED', httpCode: 429, strong: quotaId, googleShaped: true });
  }

  for (const m of [...search(finishKeyRe), ...search(finishQualifiedRe), ...search(bareFinishRe)]) {
    const value = upperSnake(m[1] ?? m[2] ?? m[3]!);
    const entry = finishReason(value);
    if (!entry) continue;
    const numeric = /^\d+$/.test(value);
    const bare = m[0] === value;
    add({ start: m.index, end: m.index + m[0].length, type: 'finish', status: entry.status, entry, strong: !numeric && !bare, googleShaped: numeric });
  }

  for (const m of [...search(blockKeyRe), ...search(blockQualifiedRe)]) {
    const entry = blockReason(upperSnake(m[1] ?? m[2] ?? m[3]!));
    if (!entry) continue;
    add({ start: m.index, end: m.index + m[0].length, type: 'block', status: entry.status, entry, strong: true, googleShaped: false });
  }

  for (const m of search(interactionsRe)) {
    let code = m[1]!;
    // A terminal may have wrapped the code: `"code":"invalid_r` / `equest"}}`.
    const next = typeof nextLine === 'function' ? nextLine() : nextLine;
    if (!m[2] && m.index + m[0].length === line.trimEnd().length && next) {
      const rest = /^\s*([a-z_]+)/.exec(next)?.[1] ?? '';
      code = interactionsCodes.find((c) => c === code + rest) ?? code;
    }
    const entry = interactionsCode(code);
    if (!entry) continue;
    add({ start: m.index, end: m.index + m[0].length, type: 'interactions', status: entry.status, ...(entry.httpCode ? { httpCode: entry.httpCode } : {}), entry, strong: false, googleShaped: false });
  }

  return anchors.sort((a, b) => a.start - b.start || b.end - a.end);
}

