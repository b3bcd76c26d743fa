/**
 * What a hover explains: the error whose words are under the mouse, not only its status token.
 * The recognizer anchors an error on a few words (`429`, `RESOURCE_EXHAUSTED`, the start of a
 * well-known message); the rest of the message belongs to the same error.
 */
import { explainAt, scanLines } from './recognize';
import type { Finding, LineSource, TextPosition } from './types';

/** Characters of the hovered line read on each side of the position. */
const WINDOW = 2000;
/** How far from an anchor the words of its message reach. */
const REACH = 400;
/** Characters that end a message: quotes and brackets of the JSON or repr around it. */
const BOUNDARY_RE = /["'{}[\]]/;

/** The line's source with the hovered line cut to a window (a minified log is one huge line). */
function windowed(source: LineSource, line: number, from: number, to: number): LineSource {
  return { lineCount: source.lineCount, lineText: (n) => (n === line ? source.lineText(n).slice(from, to) : source.lineText(n)) };
}

/**
 * The finding a hover at `position` explains: the one whose anchor contains it, else the one whose
 * message the position is in (same line, no quote or bracket between, within a few hundred
 * characters). Bounded like `explainAt`: a window of the line and the lines around it.
 */
export function findingNear(source: LineSource, position: TextPosition): Finding | undefined {
  const exact = explainAt(source, position);
  if (exact || position.line < 0 || position.line >= source.lineCount) return exact;
  const full = source.lineText(position.line);
  if (full.trim() === '') return undefined;
  const from = Math.max(0, position.character - WINDOW);
  const to = Math.min(full.length, position.character + WINDOW);
  const at = position.character - from;
  const text = full.slice(from, to);
  const findings = scanLines(windowed(source, position.line, from, to), { startLine: position.line, endLine: position.line + 1 });
  let best: { finding: Finding; distance: number } | undefined;
  for (const f of findings) {
    const distance = at < f.start ? f.start - at : at > f.end ? at - f.end : 0;
    if (distance > REACH) continue;
    const between = at < f.start ? text.slice(at, f.start) : text.slice(f.end, at);
    if (BOUNDARY_RE.test(between)) continue;
    // Words before an anchor belong to it only when they start the message (`Quota exceeded …`).
    if (at < f.start && distance > 80) continue;
    // The words of a message follow its start: an anchor before the position is the likelier owner.
    const weight = at < f.start ? distance * 4 : distance;
    if (!best || weight < best.distance) best = { finding: f, distance: weight };
  }
  if (!best) return undefined;
  const f = best.finding;
  return { ...f, start: f.start + from, end: f.end + from };
}
