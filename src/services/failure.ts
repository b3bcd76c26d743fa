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

/** Fragments of this many characters of a key (or of an encoding of it) are redacted. */
const FRAGMENT = 8;

/** The key as it may appear in text: as is, URL-encoded, and base64 / base64url at each byte alignment. */
function keyForms(key: string): string[] {
  const forms = new Set([key, encodeURIComponent(key)]);
  const bytes = Buffer.from(key, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64').replace(/=+$/, '');
    // Characters that depend on the key's bytes only: skip the group mixed with the shift bytes and the last, partial one.
    const stable = encoded.slice(shift === 0 ? 0 : 4, Math.max(0, encoded.length - 4));
    if (stable.length >= FRAGMENT) {
      forms.add(stable);
      forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/**
 * Removes an API key from text that is about to be shown or logged: the key, any fragment of it of
 * 8 characters or more (a prefix a server echoes, a cut-off header), its URL-encoded and base64 forms.
 */
export function redactKey(text: string, key: string | undefined): string {
  if (!key || key.length < 4) return text;
  const size = Math.min(FRAGMENT, key.length);
  const fragments = new Set<string>();
  for (const form of keyForms(key)) {
    for (let i = 0; i + size <= form.length; i++) fragments.add(form.slice(i, i + size));
  }
  // Mark every character covered by a fragment, then replace each covered run once.
  const covered = new Uint8Array(text.length);
  for (let i = 0; i + size <= text.length; i++) {
    if (fragments.has(text.slice(i, i + size))) covered.fill(1, i, i + size);
  }
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (!covered[i]) {
      const next = covered.indexOf(1, i);
      const end = next === -1 ? text.length : next;
      out += text.slice(i, end);
      i = end;
    } else {
      while (i < text.length && covered[i]) i++;
      out += '[API key]';
    }
  }
  return out;
}
