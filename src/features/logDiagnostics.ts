import * as vscode from 'vscode';
import { findingLabel, summaryLine } from '../core/errors/markdown';
import { groupFindings, scanLines } from '../core/errors/recognize';
import type { Finding } from '../core/errors/types';
import { DIAGNOSTIC_SOURCE, Settings } from '../constants';
import { documentLines } from './documentLines';

/** Problems per file at most: a log with thousands of the same 429 needs no thousands of entries. */
const MAX_DIAGNOSTICS = 500;
const DEBOUNCE_MS = 300;

const severities: Record<string, vscode.DiagnosticSeverity> = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint };

/** The setting's severity (a log's errors are not problems in the user's code: Warning by default); reasons and hedged findings one step lower. */
function severityOf(finding: Finding): vscode.DiagnosticSeverity {
  const chosen = severities[vscode.workspace.getConfiguration().get<string>(Settings.logDiagnosticsSeverity, 'warning')] ?? vscode.DiagnosticSeverity.Warning;
  const lower = finding.confidence === 'low' || finding.kind === 'finish-reason' || finding.kind === 'block-reason';
  return lower ? Math.min(chosen + 1, vscode.DiagnosticSeverity.Hint) : chosen;
}

function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const range = new vscode.Range(finding.line, finding.start, finding.line, finding.end);
  const diagnostic = new vscode.Diagnostic(range, summaryLine(finding), severityOf(finding));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  const docs = finding.entry.docs[0] ?? finding.statusEntry?.docs[0];
  diagnostic.code = docs ? { value: finding.entry.id, target: vscode.Uri.parse(docs.url) } : finding.entry.id;
  return diagnostic;
}

/** Whether a document is a log by the user's settings: language `log`, `*.log`, or the extra globs and languages. */
function isLog(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return false;
  const config = vscode.workspace.getConfiguration();
  if (!config.get<boolean>(Settings.logDiagnosticsEnabled, true)) return false;
  if (document.languageId === 'log' || /\.log$/i.test(document.uri.path)) return true;
  if (config.get<string[]>(Settings.logDiagnosticsLanguages, []).includes(document.languageId)) return true;
  return config.get<string[]>(Settings.logDiagnosticsFiles, []).some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}

/** Lists the Gemini errors of open log files in the Problems panel, kept up to date as they change. */
export function registerLogDiagnostics(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('gemini-doctor.logs');
  const timers = new Map<string, NodeJS.Timeout>();

  const update = (document: vscode.TextDocument): void => {
    if (!isLog(document)) {
      collection.delete(document.uri);
      return;
    }
    const started = Date.now();
    const groups = groupFindings(scanLines(documentLines(document)));
    collection.set(document.uri, groups.slice(0, MAX_DIAGNOSTICS).map((g) => toDiagnostic(g.primary)));
    log.debug(`${document.uri.toString(true)}: ${groups.length} Gemini errors (${groups.map((g) => findingLabel(g.primary)).slice(0, 5).join(', ')}) in ${Date.now() - started} ms`);
  };
  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      update(document);
    }, DEBOUNCE_MS));
  };

  vscode.workspace.textDocuments.forEach(schedule);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      collection.delete(document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('geminiDoctor.logDiagnostics')) vscode.workspace.textDocuments.forEach(schedule);
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  ];
}
