/**
 * Anchors: the places in one line of text that may name a Gemini error — a status name, an HTTP code
 * in an error shape, an exception class, a well-known message, a finish or block reason, an
 * Interactions code. An anchor is only a candidate: recognize.ts decides from the text around it.
 */
import { blockReason, finishReason, interactionsCode, interactionsCodes, messages } from './catalog';
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
}

const STATUS = 'INVALID_ARGUMENT|FAILED_PRECONDITION|PERMISSION_DENIED|NOT_FOUND|RESOURCE_EXHAUSTED|INTERNAL|UNAVAILABLE|DEADLINE_EXCEEDED|UNAUTHENTICATED|CANCELLED';
const statusRe = new RegExp(`\\b(${STATUS})\\b`, 'g');
const codeRe = /\b(400|401|402|403|404|429|499|500|503|504)\b/g;
const REASON_PHRASE = 'Too Many Requests|Bad Request|Forbidden|Not Found|Unauthorized|Internal Server Error|Service Unavailable|Gateway Time-?out|Payment Required|Deadline Exceeded';
/** What may stand right before an HTTP code of an error. */
const codePrefixRe = /(?:got status:\s*|["']?\bcode["']?\s*[:=]\s*|\b(?:Error|error|ERROR|Status|status|HTTP|http)\s*:?\s*|status code (?:of )?|\[\s*|\b[A-Z][A-Za-z]*(?:Exhausted|Precondition|Argument|Denied|Found|Error|Exceeded|Unavailable|Exception|Details)\s*:\s*)$/;
/** What may follow an HTTP code of an error. */
const codeSuffixRe = new RegExp(`^(?:\\s+(?:${STATUS})\\b|\\s+(?:${REASON_PHRASE})\\b|\\s*\\]|\\s*\\{|\\s+(?:You exceeded|Resource has been exhausted|API key not valid|User location|Quota exceeded|Internal error|An internal error|The model is|models/|Deadline Exceeded))`);
const codeGoogleShapeRe = new RegExp(`^(?:\\s+(?:${STATUS})\\b)`);

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
};
const exceptionRe = new RegExp(`\\b(${Object.keys(exceptionStatus).join('|')})\\b`, 'g');
/** Class names that are ordinary words elsewhere: only `exceptions.X` or `X: 4xx` count. */
const genericExceptions = new Set(['BadRequest', 'Forbidden', 'NotFound', 'Unauthorized']);

const wrapperRe = /\b(GoogleGenerativeAI(?:Fetch|Response|RequestInput|Abort)?Error|GoogleGenerativeAI Error|ChatGoogleGenerativeAIError|GeminiException|VertexAIException|VertexAIError|_?ApiError|APIError|ClientError|ServerError)\b/g;
const strongWrappers = /GoogleGenerativeAI|Gemini/;

const quotaRe = /\b(retryDelay|retry_delay|RATE_LIMIT_EXCEEDED|rateLimitExceeded)\b|\b(Generate(?:Content)?\w*Per(?:Minute|Day|Project)\w*(?:-FreeTier)?)\b/g;

const finishKeyRe = /\b(?:finish_reason|finishReason|FINISH_REASON)["']?\s*[:=]?\s*(?:<\s*)?(?:FinishReason\.)?["']?([A-Z][A-Z_]{2,}|\d{1,2})\b/g;
const finishQualifiedRe = /\bFinishReason\.([A-Z][A-Z_]{2,})\b|\bCandidate was blocked due to ([A-Z][A-Z_]{2,})\b/g;
/** Finish reasons no other API has: recognized without their key, if the text around says Gemini. */
const bareFinishRe = /\b(MALFORMED_FUNCTION_CALL|UNEXPECTED_TOOL_CALL|TOO_MANY_TOOL_CALLS)\b/g;
const blockKeyRe = /\b(?:block_reason|blockReason|BLOCK_REASON)["']?\s*[:=]?\s*(?:<\s*)?(?:Block(?:ed)?Reason\.)?["']?([A-Z][A-Z_]{2,})\b/g;
const blockQualifiedRe = /\bBlock(?:ed)?Reason\.([A-Z][A-Z_]{2,})\b|\bResponse was blocked due to ([A-Z][A-Z_]{2,})\b/g;

const interactionsRe = /["']?\bcode["']?\s*:\s*["']([a-z_]+)(["']?)/g;

const messageRes = messages.map((entry) => ({ entry, re: new RegExp(entry.pattern.source, `g${entry.pattern.flags}`) }));

/** Cheap test that lets most lines of a large log skip the anchor search entirely. */
const prefilterRe = new RegExp(
  [STATUS, '\\b(?:400|401|402|403|404|429|499|500|503|504)\\b', Object.keys(exceptionStatus).join('|'), 'Error|Exception|retry|Generate\\w*Per|inish|lock|code|RATE_LIMIT|rateLimit',
    ...messages.map((m) => m.pattern.source)].join('|'),
);

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
 * completed (an Interactions code such as `"invalid_r` + `equest"`).
 */
export function findAnchors(line: string, nextLine?: string): Anchor[] {
  if (!prefilterRe.test(line)) return [];
  const anchors: Anchor[] = [];
  const add = (anchor: Anchor) => anchors.push(anchor);

  for (const m of matches(statusRe, line)) {
    const before = line.slice(Math.max(0, m.index - 12), m.index);
    const after = line.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // StatusCode.X (gRPC), constants (`NOT_FOUND = 5`) and enum maps are look-alikes, not errors.
    if (/\.$/.test(before) || /^\s*[=:]\s*-?\d/.test(after) || /^\s*=[^=]/.test(after)) continue;
    // `got status: UNAVAILABLE` is hovered as a whole.
    const lead = /got status:\s*$/.exec(line.slice(Math.max(0, m.index - 14), m.index))?.[0].length ?? 0;
    add({ start: m.index - lead, end: m.index + m[0].length, type: 'status', status: m[1], strong: false, googleShaped: true });
  }

  for (const m of matches(codeRe, line)) {
    const before = line.slice(Math.max(0, m.index - 40), m.index);
    const after = line.slice(m.index + 3, m.index + 60);
    const prefix = codePrefixRe.exec(before);
    if (!prefix && !codeSuffixRe.test(after)) continue;
    const googleShaped = codeGoogleShapeRe.test(after) || (/["']code["']\s*:\s*$/.test(before) && /["']status["']|["']message["']/.test(line));
    // The words around the code belong to it: `Error 404,`, `status code of 503`, `429 Too Many Requests`.
    const lead = prefix && /\w/.test(prefix[0]) ? prefix[0].length : 0;
    const phrase = new RegExp(`^ (?:${REASON_PHRASE})`).exec(after)?.[0].length ?? 0;
    add({ start: m.index - lead, end: m.index + 3 + phrase, type: 'code', httpCode: Number(m[1]), strong: false, googleShaped });
  }

  for (const m of matches(exceptionRe, line)) {
    const name = m[1]!;
    const before = line.slice(Math.max(0, m.index - 12), m.index);
    const after = line.slice(m.index + name.length, m.index + name.length + 8);
    const qualified = /exceptions\.$/.test(before);
    const withCode = /^:\s*\d{3}\b/.test(after);
    if (/(?:code\s*=\s*|codes\.|Code\.)$/.test(before)) continue; // Go gRPC codes
    if (genericExceptions.has(name) && !qualified && !withCode) continue;
    const [status, httpCode] = exceptionStatus[name]!;
    add({ start: m.index, end: m.index + name.length, type: 'exception', status, httpCode, strong: false, googleShaped: qualified || withCode });
  }

  for (const m of matches(wrapperRe, line)) {
    add({ start: m.index, end: m.index + m[0].length, type: 'wrapper', strong: strongWrappers.test(m[0]), googleShaped: false });
  }

  for (const { entry, re } of messageRes) {
    for (const m of matches(re, line)) {
      add({
        start: m.index, end: m.index + m[0].length, type: 'message', status: entry.status,
        ...('httpCode' in entry ? { httpCode: entry.httpCode } : {}), entry, strong: entry.geminiOnly, googleShaped: true,
      });
    }
  }

  for (const m of matches(quotaRe, line)) {
    const quotaId = m[2] !== undefined;
    add({ start: m.index, end: m.index + m[0].length, type: 'quota', status: 'RESOURCE_EXHAUSTED', httpCode: 429, strong: quotaId, googleShaped: true });
  }

  for (const m of [...matches(finishKeyRe, line), ...matches(finishQualifiedRe, line), ...matches(bareFinishRe, line)]) {
    const value = m[1] ?? m[2]!;
    const entry = finishReason(value);
    if (!entry) continue;
    const numeric = /^\d+$/.test(value);
    const bare = m[0] === value;
    add({ start: m.index, end: m.index + m[0].length, type: 'finish', status: entry.status, entry, strong: !numeric && !bare, googleShaped: numeric });
  }

  for (const m of [...matches(blockKeyRe, line), ...matches(blockQualifiedRe, line)]) {
    const entry = blockReason(m[1] ?? m[2]!);
    if (!entry) continue;
    add({ start: m.index, end: m.index + m[0].length, type: 'block', status: entry.status, entry, strong: true, googleShaped: false });
  }

  for (const m of matches(interactionsRe, line)) {
    let code = m[1]!;
    // A terminal may have wrapped the code: `"code":"invalid_r` / `equest"}}`.
    if (!m[2] && m.index + m[0].length === line.trimEnd().length && nextLine) {
      const rest = /^\s*([a-z_]+)/.exec(nextLine)?.[1] ?? '';
      code = interactionsCodes.find((c) => c === code + rest) ?? code;
    }
    const entry = interactionsCode(code);
    if (!entry) continue;
    add({ start: m.index, end: m.index + m[0].length, type: 'interactions', status: entry.status, ...(entry.httpCode ? { httpCode: entry.httpCode } : {}), entry, strong: false, googleShaped: false });
  }

  return anchors.sort((a, b) => a.start - b.start || b.end - a.end);
}

