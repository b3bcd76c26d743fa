import type { FailureFacts } from '../core/models/listError';

/** The facts of a thrown error that explain it: HTTP status, name, message, and the codes of its causes. */
export function failureFacts(error: unknown): FailureFacts {
  const codes: string[] = [];
  let status: number | undefined;
  let cursor: unknown = error;
  for (let depth = 0; cursor && depth < 5; depth++) {
    const e = cursor as { code?: unknown; status?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (status === undefined && typeof e.status === 'number') status = e.status;
    for (const inner of Array.isArray(e.errors) ? e.errors : []) {
      const code = (inner as { code?: unknown }).code;
      if (typeof code === 'string') codes.push(code);
    }
    cursor = e.cause;
  }
  const top = error instanceof Error ? error : new Error(String(error));
  return { ...(status !== undefined ? { status } : {}), name: top.name, message: top.message, codes };
}

/** Removes an API key from text that is about to be shown or logged. */
export function redactKey(text: string, key: string | undefined): string {
  return key && key.length >= 4 ? text.split(key).join('[API key]') : text;
}
