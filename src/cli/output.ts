/**
 * What the CLI prints of text it did not write (log lines, file names, API answers) goes through here:
 * terminal control characters are made visible instead of being obeyed, and a file name cannot pass
 * for a `file:line:col:` prefix.
 */
import { BIDI_FORMATTING } from '../core/errors/markdown';

/**
 * C0 controls except tab, DEL, and C1 controls: what a terminal may act on (ESC sequences, OSC, CSI);
 * and the bidirectional formatting characters, which make a line display in another order than it reads.
 */
const CONTROLS = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f${BIDI_FORMATTING}]`, 'g');
const CONTROLS_BUT_NEWLINE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_FORMATTING}]`, 'g');
/** What JSON.stringify leaves raw but a terminal or an editor may act on. */
const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${BIDI_FORMATTING}]`, 'g');
const HAS_JSON_UNSAFE = new RegExp(JSON_UNSAFE.source);
/** What keeps a file name from standing as the first field of a `file:line:col:` line. */
const NAME_UNSAFE = new RegExp(`[:"\\u0000-\\u001f\\u007f-\\u009f${BIDI_FORMATTING}]`);

/** Text with every control character except tab (and newline, for multi-line text) replaced by U+FFFD, for text output. */
export function stripControls(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? CONTROLS_BUT_NEWLINE : CONTROLS, '\ufffd');
}

/** JSON with the C1 controls, DEL and bidirectional formatting characters escaped too (JSON.stringify leaves them raw); still the same JSON value. */
export function safeJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  return HAS_JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/**
 * A file name as the first field of a `file:line:col:` line. A name with a control character (a newline)
 * or a `:` (other than a Windows drive's) is printed as a JSON string with `:` escaped as `\u003a`, so it
 * can neither start a new line nor fake the line and column of a finding; ordinary names are unchanged.
 */
export function displayFile(file: string): string {
  const rest = /^[A-Za-z]:[\\/]/.test(file) ? file.slice(2) : file;
  if (!NAME_UNSAFE.test(rest)) return file;
  return safeJson(file).replace(/:/g, '\\u003a');
}
