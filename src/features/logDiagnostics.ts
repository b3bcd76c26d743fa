import * as vscode from 'vscode';
import { findingLabel, summaryLine } from '../core/errors/markdown';
import { LogScan } from '../core/errors/logScan';
import { groupFindings } from '../core/errors/recognize';
import type { Finding } from '../core/errors/types';
import { DIAGNOSTIC_SOURCE, Settings } from '../constants';
import { documentLines } from './documentLines';

/** Problems per file at most: a log with thousands of the same 429 needs no thousands of entries. */
const MAX_DIAGNOSTICS = 500;
const DEBOUNCE_MS = 300;
/** The longest the extension host is held by a scan at a time; then it yields and goes on. */
const SLICE_MS = 40;
/** How often a long scan (a large log just opened) shows what it has found so far. */
const PUBLISH_MS = 1000;

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

/** Where the scan of one open log stands. */
interface LogState {
  readonly scan: LogScan;
  timer?: NodeJS.Timeout;
  running: boolean;
}

/**
 * Lists the Gemini errors of open log files in the Problems panel, kept up to date as they change.
 * An edit rescans only the lines around it; a scan runs in slices of at most SLICE_MS and yields in
 * between, so a large log that grows while open never blocks the extension host.
 */
export function registerLogDiagnostics(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('gemini-doctor.logs');
  const states = new Map<string, LogState>();

  const publish = (document: vscode.TextDocument, state: LogState): number => {
    const groups = groupFindings(state.scan.findings);
    collection.set(document.uri, groups.slice(0, MAX_DIAGNOSTICS).map((g) => toDiagnostic(g.primary)));
    return groups.length;
  };
  const forget = (uri: vscode.Uri): void => {
    const key = uri.toString();
    clearTimeout(states.get(key)?.timer);
    states.delete(key);
    collection.delete(uri);
  };
  const update = async (document: vscode.TextDocument, state: LogState): Promise<void> => {
    if (state.running) return; // the running scan picks up the new edits
    state.running = true;
    const started = Date.now();
    let published = started;
    const source = documentLines(document);
    try {
      for (;;) {
        if (states.get(document.uri.toString()) !== state || document.isClosed) return;
        const sliceStart = performance.now();
        if (state.scan.step(source, () => performance.now() - sliceStart > SLICE_MS)) break;
        if (Date.now() - published > PUBLISH_MS) {
          publish(document, state);
          published = Date.now();
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const count = publish(document, state);
      const labels = groupFindings(state.scan.findings).slice(0, 5).map((g) => findingLabel(g.primary));
      log.debug(`${document.uri.toString(true)}: ${count} Gemini errors (${labels.join(', ')}) in ${Date.now() - started} ms`);
    } finally {
      state.running = false;
    }
  };
  /** Opened or settings changed (no `edits`): scan it all, if it is a log. Edited: rescan around the edits. */
  const schedule = (document: vscode.TextDocument, edits?: readonly vscode.TextDocumentContentChangeEvent[]): void => {
    const key = document.uri.toString();
    let state = states.get(key);
    if (edits) {
      if (!state) return; // not a log: its language or name would have to change, which reopens it
      for (const edit of edits) {
        state.scan.edit({ startLine: edit.range.start.line, endLine: edit.range.end.line, newLines: edit.text.split('\n').length - 1 });
      }
    } else {
      if (!isLog(document)) {
        forget(document.uri);
        return;
      }
      clearTimeout(state?.timer);
      state = { scan: new LogScan(document.lineCount), running: false };
      states.set(key, state);
    }
    const current = state;
    clearTimeout(current.timer);
    current.timer = setTimeout(() => {
      current.timer = undefined;
      update(document, current).catch((error: unknown) => log.error(`log diagnostics: ${error instanceof Error ? error.message : String(error)}`));
    }, DEBOUNCE_MS);
  };

  vscode.workspace.textDocuments.forEach((document) => schedule(document));
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument((document) => schedule(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) schedule(event.document, event.contentChanges);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => forget(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('geminiDoctor.logDiagnostics')) vscode.workspace.textDocuments.forEach((document) => schedule(document));
    }),
    { dispose: () => states.forEach((state) => clearTimeout(state.timer)) },
  ];
}
