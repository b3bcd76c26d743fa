import { findingTitle, renderMarkdown, summaryLine } from '../core/errors/markdown';
import { explainAt, scanLines } from '../core/errors/recognize';
import type { Finding } from '../core/errors/types';
import { forEachLine } from './lineStream';

/** A finding as the CLI prints it: 1-based lines and columns, `endColumn` just past the last character. */
export interface FindingJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  id: string;
  httpCode: number | null;
  status: string;
  kind: Finding['kind'];
  confidence: Finding['confidence'];
  title: string;
  details: Finding['details'];
  markdown?: string;
}

export function toJson(file: string, finding: Finding, withMarkdown = false): FindingJson {
  return {
    file,
    line: finding.line + 1,
    column: finding.start + 1,
    endLine: finding.line + 1,
    endColumn: finding.end + 1,
    text: finding.text,
    id: finding.entry.id,
    httpCode: finding.httpCode ?? null,
    status: finding.status,
    kind: finding.kind,
    confidence: finding.confidence,
    title: findingTitle(finding),
    details: finding.details,
    ...(withMarkdown ? { markdown: renderMarkdown(finding) } : {}),
  };
}

/** Every Gemini error occurrence in a file, read as a stream. */
export async function explainFile(file: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  await forEachLine(file, (source, line) => {
    findings.push(...scanLines(source, { startLine: line, endLine: line + 1 }));
  });
  return findings;
}

/** What a hover at (line, column), both 1-based, shows; reads the file only up to that line's context. */
export async function explainPosition(file: string, line: number, column: number): Promise<Finding | undefined> {
  let result: Finding | undefined;
  await forEachLine(file, (source, current) => {
    if (current < line - 1) return undefined;
    result = explainAt(source, { line: line - 1, character: column - 1 });
    return 'stop';
  });
  return result;
}

export function formatText(file: string, finding: Finding): string {
  return `${file}:${finding.line + 1}:${finding.start + 1}: [${finding.confidence}] ${summaryLine(finding)}`;
}
