/**
 * Why listing models failed, in words a user can act on: through the error catalog for API errors
 * (invalid or leaked key, 429 with its retry delay, 5xx), and for the network and malformed answers.
 */
import { findingTitle, summaryLine } from '../errors/markdown';
import { groupFindings, linesOf, scanLines } from '../errors/recognize';

/** What the user can do about it; the view turns it into a command. */
export type ListErrorAction = 'setKey' | 'retry' | 'openSettings';

export interface ListError {
  /** Catalog id, or `network`, `timeout`, `malformed-response`, `no-key`, `unknown`. */
  readonly id: string;
  readonly title: string;
  readonly detail: string;
  readonly action: ListErrorAction;
  readonly retryDelay?: string;
  readonly docsUrl?: string;
}

/** The parts of a thrown error the explanation needs; no API key ever reaches here. */
export interface FailureFacts {
  /** `ApiError.status` of @google/genai. */
  readonly status?: number;
  readonly name?: string;
  readonly message: string;
  /** `code` of the error and of its causes (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`, …). */
  readonly codes: readonly string[];
}

const keyIds = new Set(['api-key-invalid', 'api-key-leaked', 'permission-denied', 'unauthenticated', 'access-token-type-unsupported', 'credentials-missing',
  'invalid-authentication-credentials', 'consumer-suspended', 'service-disabled']);

export function noKeyError(): ListError {
  return {
    id: 'no-key',
    title: 'No API key: showing the offline snapshot',
    detail: 'Set a Gemini API key (stored in VS Code\'s secret storage), or GEMINI_API_KEY / GOOGLE_API_KEY in the environment, to list the models your key can use.',
    action: 'setKey',
    docsUrl: 'https://ai.google.dev/gemini-api/docs/api-key',
  };
}

export function explainListError(failure: FailureFacts): ListError {
  const network = failure.codes.find((c) => /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|CERT_|UNABLE_TO_VERIFY|SELF_SIGNED)/.test(c));
  if (failure.status === undefined && (network || /fetch failed/i.test(failure.message))) {
    return {
      id: 'network',
      title: 'Cannot reach the Gemini API',
      detail: `The request got no answer (${network ?? 'network error'}). Check the connection, the proxy or the endpoint.`,
      action: 'retry',
    };
  }
  if (failure.name === 'AbortError' || failure.codes.includes('ETIMEDOUT') || /timed? ?out|aborted/i.test(failure.message) && failure.status === undefined) {
    return { id: 'timeout', title: 'The Gemini API did not answer in time', detail: 'The request timed out. Try again; if it keeps happening, check the network or the endpoint setting.', action: 'retry' };
  }
  if (failure.name === 'SyntaxError' || (failure.status === undefined && /JSON/.test(failure.message))) {
    return { id: 'malformed-response', title: 'The answer was not valid JSON', detail: 'The endpoint answered with something that is not the Gemini API\'s JSON (a proxy or captive portal?). Check the endpoint setting and try again.', action: 'openSettings' };
  }
  const text = failure.status !== undefined ? `HTTP ${failure.status} gemini ${failure.message}` : `gemini ${failure.message}`;
  const group = groupFindings(scanLines(linesOf(text)))[0];
  if (group) {
    const finding = group.primary;
    const title = findingTitle(finding);
    const specifics = summaryLine(finding).slice(title.length).replace(/^: /, '');
    return {
      id: finding.entry.id,
      title,
      detail: `${specifics ? `${specifics}. ` : ''}${finding.entry.fix}`,
      action: keyIds.has(finding.entry.id) || keyIds.has(finding.statusEntry?.id ?? '') ? 'setKey' : 'retry',
      ...(finding.details.retryDelay ? { retryDelay: finding.details.retryDelay } : {}),
      ...(finding.entry.docs[0] ? { docsUrl: finding.entry.docs[0].url } : {}),
    };
  }
  return {
    id: 'unknown',
    title: failure.status !== undefined ? `The Gemini API answered ${failure.status}` : 'Listing the models failed',
    detail: failure.message.slice(0, 300),
    action: 'retry',
  };
}
