import * as vscode from 'vscode';
import { callLanguage, mayHaveCalls } from '../core/calls/extract';
import { ruleDocs } from '../core/calls/rules';
import { validate, type CallFinding, type ModelFacts } from '../core/calls/validate';
import type { Range } from '../core/calls/types';
import { Commands, DIAGNOSTIC_SOURCE, Settings } from '../constants';
import type { ModelList, ModelSource } from '../services/modelSource';
import type { CallParser } from '../services/parsers';
import { catalogOf } from './modelsView';

/** Larger files are not parsed: no Gemini call file is this big, and the editor should stay quick. */
const MAX_BYTES = 5_000_000;

const severity: Record<CallFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const toRange = (r: Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

function facts(list: ModelList): ModelFacts {
  return catalogOf(list);
}

export interface ValidateDeps {
  readonly source: ModelSource;
  readonly parser: () => CallParser;
  readonly log: vscode.LogOutputChannel;
}

interface Outcome {
  readonly calls: number;
  readonly findings: readonly CallFinding[];
  /** Why nothing was checked, when nothing was. */
  readonly skipped?: string;
}

/** "Validate Gemini Call": the Gemini calls of a file checked against the rules; Problems and quick fixes. */
export function registerValidateCommand(deps: ValidateDeps): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('gemini-doctor.calls');
  const fixes = new Map<string, CallFinding[]>();

  const check = async (document: vscode.TextDocument, explicit: boolean): Promise<Outcome> => {
    const language = callLanguage(document.languageId) ?? callLanguage(document.uri.path);
    if (!language) return { calls: 0, findings: [], skipped: `Gemini Doctor validates TypeScript, JavaScript, Python, Go, shell scripts and JSON, not ${document.languageId}.` };
    const text = document.getText();
    if (text.length > MAX_BYTES) return { calls: 0, findings: [], skipped: `${vscode.workspace.asRelativePath(document.uri)} is too large to validate (${(text.length / 1e6).toFixed(1)} MB).` };
    if (text.slice(0, 8000).includes('\u0000')) return { calls: 0, findings: [], skipped: 'This looks like a binary file: nothing to validate.' };
    if (!mayHaveCalls(text)) return { calls: 0, findings: [] };
    const extraction = await deps.parser().extract(language, text);
    if (extraction.calls.length === 0 && extraction.modelLiterals.length === 0 && extraction.problems.length === 0) return { calls: 0, findings: [] };
    // The command may ask the API (cached for a while); validation on save uses what is at hand.
    const list = explicit ? await deps.source.load(false) : deps.source.peek();
    return { calls: extraction.calls.length, findings: validate(extraction, text, facts(list)) };
  };

  const publish = (document: vscode.TextDocument, findings: readonly CallFinding[]) => {
    fixes.set(document.uri.toString(), [...findings]);
    collection.set(document.uri, findings.map((f) => {
      const diagnostic = new vscode.Diagnostic(toRange(f.range), f.message, severity[f.severity]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = { value: f.ruleId, target: vscode.Uri.parse(ruleDocs(f.ruleId)) };
      return diagnostic;
    }));
  };

  const run = async (document: vscode.TextDocument, explicit: boolean): Promise<void> => {
    try {
      const outcome = await check(document, explicit);
      publish(document, outcome.findings);
      if (!explicit) return;
      if (outcome.skipped) void vscode.window.showInformationMessage(outcome.skipped);
      else if (outcome.calls === 0 && outcome.findings.length === 0) void vscode.window.showInformationMessage('No Gemini call found in this file.');
      else {
        const problems = outcome.findings.filter((f) => f.severity !== 'info').length;
        const calls = `${outcome.calls} Gemini call${outcome.calls === 1 ? '' : 's'} checked`;
        void vscode.window.showInformationMessage(`${calls}, ${problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'}`}${problems > 0 ? ' (see Problems)' : ''}.`);
      }
    } catch (error) {
      deps.log.error(`Validating ${document.uri.toString(true)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (explicit) void vscode.window.showErrorMessage(`Gemini Doctor could not validate this file: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const automatic = (document: vscode.TextDocument) => {
    if (document.uri.scheme === 'output' || !vscode.workspace.getConfiguration().get<boolean>(Settings.validateAutomatically, true)) return;
    if (!callLanguage(document.languageId) || !mayHaveCalls(document.getText(new vscode.Range(0, 0, 20_000, 0)))) return;
    void run(document, false);
  };

  const quickFixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const stored = fixes.get(document.uri.toString()) ?? [];
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

  vscode.workspace.textDocuments.forEach(automatic);
  return [
    collection,
    vscode.commands.registerCommand(Commands.validateCall, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open a file with Gemini calls to validate it.');
        return;
      }
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Validating Gemini calls' }, () => run(editor.document, true));
    }),
    vscode.languages.registerCodeActionsProvider('*', quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument(automatic),
    vscode.workspace.onDidSaveTextDocument(automatic),
    vscode.workspace.onDidCloseTextDocument((document) => {
      collection.delete(document.uri);
      fixes.delete(document.uri.toString());
    }),
  ];
}
