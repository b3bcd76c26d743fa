import * as vscode from 'vscode';
import { callLanguage, mayHaveCalls } from '../core/calls/extract';
import { ruleDocs } from '../core/calls/rules';
import { outcomeSummary } from '../core/calls/summary';
import { validate, type CallFinding, type ModelFacts } from '../core/calls/validate';
import type { Range } from '../core/calls/types';
import { Commands, DIAGNOSTIC_SOURCE, Settings } from '../constants';
import type { ModelList, ModelSource } from '../services/modelSource';
import type { CallParser } from '../services/parsers';
import { catalogOf } from './modelsView';
import { registerValidateWorkspace } from './validateWorkspace';

/** Larger files are not parsed: no Gemini call file is this big, and the editor should stay quick. */
export const MAX_BYTES = 5_000_000;
/** While typing, larger documents wait for the save: one run must stay short on the extension host. */
const MAX_TYPING_BYTES = 1_000_000;
/** Quiet time after the last keystroke before a document is validated again. */
const TYPING_DELAY_MS = 400;

const severity: Record<CallFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const toRange = (r: Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function facts(list: ModelList): ModelFacts {
  return catalogOf(list);
}

export interface ValidateDeps {
  readonly source: ModelSource;
  readonly parser: () => CallParser;
  readonly log: vscode.LogOutputChannel;
}

export interface Outcome {
  readonly calls: number;
  readonly findings: readonly CallFinding[];
  /** Why nothing was checked, when nothing was. */
  readonly skipped?: string;
}

/** Checks one file's text (the editor's document or a file of the workspace). */
export async function checkText(deps: ValidateDeps, languageIdOrPath: string, path: string, text: string, list: ModelList): Promise<Outcome> {
  const language = callLanguage(languageIdOrPath) ?? callLanguage(path);
  if (!language) return { calls: 0, findings: [], skipped: `Gemini Doctor validates TypeScript, JavaScript, Python, Go, Java, C#, shell scripts and JSON, not ${languageIdOrPath}.` };
  if (text.length > MAX_BYTES) return { calls: 0, findings: [], skipped: `${path} is too large to validate (${(text.length / 1e6).toFixed(1)} MB).` };
  if (text.slice(0, 8000).includes('\u0000')) return { calls: 0, findings: [], skipped: 'This looks like a binary file: nothing to validate.' };
  if (!mayHaveCalls(text)) return { calls: 0, findings: [] };
  const extraction = await deps.parser().extract(language, text);
  return { calls: extraction.calls.length, findings: validate(extraction, text, facts(list)) };
}

/** The Problems entries of findings. */
export function toDiagnostics(findings: readonly CallFinding[]): vscode.Diagnostic[] {
  return findings.map((f) => {
    const diagnostic = new vscode.Diagnostic(toRange(f.range), f.message, severity[f.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: f.ruleId, target: vscode.Uri.parse(ruleDocs(f.ruleId)) };
    return diagnostic;
  });
}

/** Where the findings of Gemini calls go: Problems, and the fixes behind them. */
export class CallDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gemini-doctor.calls');
  private readonly fixes = new Map<string, CallFinding[]>();
  /** Files whose problems came from Validate Workspace: they stay when an editor of them closes. */
  private readonly workspaceRun = new Set<string>();

  publish(uri: vscode.Uri, findings: readonly CallFinding[], fromWorkspace = false): void {
    this.fixes.set(uri.toString(), [...findings]);
    if (fromWorkspace) this.workspaceRun.add(uri.toString());
    this.collection.set(uri, toDiagnostics(findings));
  }

  /** On closing an editor: its problems go, unless a workspace run found them. */
  closed(uri: vscode.Uri): void {
    if (!this.workspaceRun.has(uri.toString())) this.delete(uri);
  }

  delete(uri: vscode.Uri): void {
    this.workspaceRun.delete(uri.toString());
    this.collection.delete(uri);
    this.fixes.delete(uri.toString());
  }

  findings(uri: vscode.Uri): readonly CallFinding[] {
    return this.fixes.get(uri.toString()) ?? [];
  }

  dispose(): void {
    this.collection.dispose();
    this.fixes.clear();
    this.workspaceRun.clear();
  }
}

/** "Validate Gemini Call", validation on open, save and as you type, and "Validate Workspace": Problems and quick fixes. */
export function registerValidateCommand(deps: ValidateDeps): vscode.Disposable[] {
  const diagnostics = new CallDiagnostics();
  /** One pending run per document: its debounce timer and the cancellation of the run in flight. */
  const pending = new Map<string, { timer?: ReturnType<typeof setTimeout>; cancel?: vscode.CancellationTokenSource }>();

  const check = async (document: vscode.TextDocument, explicit: boolean): Promise<Outcome> => {
    // The command may ask the API (cached for a while); automatic validation uses what is at hand.
    const list = explicit ? await deps.source.load(false) : deps.source.peek();
    return checkText(deps, document.languageId, vscode.workspace.asRelativePath(document.uri), document.getText(), list);
  };

  const run = async (document: vscode.TextDocument, explicit: boolean, token?: vscode.CancellationToken): Promise<void> => {
    const version = document.version;
    try {
      const outcome = await check(document, explicit);
      // An edit since the run started makes its results stale: the next run publishes.
      if (token?.isCancellationRequested || document.isClosed || document.version !== version) return;
      diagnostics.publish(document.uri, outcome.findings);
      if (!explicit) return;
      if (outcome.skipped) void vscode.window.showInformationMessage(outcome.skipped);
      else {
        const summary = outcomeSummary(outcome.calls, outcome.findings);
        const problems = outcome.findings.some((f) => f.severity !== 'info');
        void vscode.window.showInformationMessage(`${summary[0]!.toUpperCase()}${summary.slice(1)}${outcome.calls === 0 && !problems ? ' in this file' : ''}${problems ? ' (see Problems)' : ''}.`);
      }
    } catch (error) {
      deps.log.error(`Validating ${document.uri.toString(true)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (explicit) void vscode.window.showErrorMessage(`Gemini Doctor could not validate this file: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const wanted = (document: vscode.TextDocument, setting: string) =>
    document.uri.scheme !== 'output' && vscode.workspace.getConfiguration().get<boolean>(setting, true) && callLanguage(document.languageId) !== undefined;

  const automatic = (document: vscode.TextDocument) => {
    if (!wanted(document, Settings.validateAutomatically) || !mayHaveCalls(document.getText(new vscode.Range(0, 0, 20_000, 0)))) return;
    void run(document, false);
  };

  const typed = (event: vscode.TextDocumentChangeEvent) => {
    const { document } = event;
    if (event.contentChanges.length === 0 || !wanted(document, Settings.validateOnType)) return;
    const key = document.uri.toString();
    const state = pending.get(key) ?? {};
    if (state.timer) clearTimeout(state.timer);
    state.cancel?.cancel();
    state.cancel?.dispose();
    state.cancel = undefined;
    pending.set(key, state);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const text = document.getText();
      if (text.length > MAX_TYPING_BYTES) return;
      if (!mayHaveCalls(text)) {
        // The last Gemini mention was deleted: nothing left to report.
        if (diagnostics.findings(document.uri).length > 0) diagnostics.publish(document.uri, []);
        return;
      }
      const cancel = new vscode.CancellationTokenSource();
      state.cancel = cancel;
      void run(document, false, cancel.token).finally(() => {
        if (state.cancel === cancel) state.cancel = undefined;
        cancel.dispose();
      });
    }, TYPING_DELAY_MS);
  };

  const quickFixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const stored = diagnostics.findings(document.uri);
      const actions: vscode.CodeAction[] = [];
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const finding = stored.find((f) => f.fix && toRange(f.range).isEqual(diagnostic.range) && f.message === diagnostic.message);
        if (!finding?.fix) continue;
        const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of finding.fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        actions.push(action);
      }
      return actions;
    },
  };

  const forget = (document: vscode.TextDocument) => {
    const state = pending.get(document.uri.toString());
    if (state?.timer) clearTimeout(state.timer);
    state?.cancel?.cancel();
    state?.cancel?.dispose();
    pending.delete(document.uri.toString());
  };

  vscode.workspace.textDocuments.forEach(automatic);
  return [
    diagnostics,
    { dispose: () => vscode.workspace.textDocuments.forEach(forget) },
    vscode.commands.registerCommand(Commands.validateCall, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open a file with Gemini calls to validate it.');
        return;
      }
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Validating Gemini calls' }, () => run(editor.document, true));
    }),
    ...registerValidateWorkspace(deps, diagnostics),
    vscode.languages.registerCodeActionsProvider('*', quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument(automatic),
    vscode.workspace.onDidSaveTextDocument(automatic),
    vscode.workspace.onDidChangeTextDocument(typed),
    vscode.workspace.onDidCloseTextDocument((document) => {
      forget(document);
      diagnostics.closed(document.uri);
    }),
  ];
}
