import * as vscode from 'vscode';
import { callLanguage, mayHaveCalls } from '../core/calls/extract';
import { moduleLanguage, ModuleGraph } from '../core/calls/project';
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

/** Bounds of the files an editor validation reads for imported values: few, small, near. */
export const IMPORT_LIMITS = { depth: 3, files: 8, bytes: 1_000_000, lookups: 48 } as const;

/** The module graph of one run and where the validated file sits in it. */
export interface ProjectContext {
  readonly graph: ModuleGraph;
  /** The validated file as the graph names it (its URI's path). */
  readonly file: string;
}

/**
 * A module graph over the workspace for one run: an imported file is read from its open editor if
 * there is one (unsaved edits count), else from disk; `allowed` limits the files to a known set (the
 * files a workspace run walks), else each lookup costs one stat, and at most `IMPORT_LIMITS` of them
 * and of the files are spent. Nothing is read once `token` is cancelled.
 */
export function workspaceGraph(deps: ValidateDeps, base: vscode.Uri, token?: vscode.CancellationToken, allowed?: ReadonlySet<string>): ModuleGraph {
  let lookups = 0;
  return new ModuleGraph({
    read: async (file) => {
      if (token?.isCancellationRequested || (allowed ? !allowed.has(file) : ++lookups > IMPORT_LIMITS.lookups)) return undefined;
      const uri = base.with({ path: file });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open.getText().length <= IMPORT_LIMITS.bytes ? open.getText() : undefined;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if ((stat.type & vscode.FileType.File) === 0 || stat.size > IMPORT_LIMITS.bytes || token?.isCancellationRequested) return undefined;
        const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        return text.slice(0, 8000).includes('\u0000') ? undefined : text;
      } catch {
        return undefined; // no such file: the next candidate of the import is tried
      }
    },
    extract: (file, text, options, prepare) => deps.parser().extract(callLanguage(file)!, text, options, prepare),
    root: (file) => vscode.workspace.getWorkspaceFolder(base.with({ path: file }))?.uri.path,
  }, allowed ? { depth: IMPORT_LIMITS.depth + 1, files: allowed.size } : IMPORT_LIMITS);
}

/**
 * Checks one file's text (the editor's document or a file of the workspace). With `project`, names
 * the file imports from other files of the workspace resolve to their values there.
 */
export async function checkText(deps: ValidateDeps, languageIdOrPath: string, path: string, text: string, list: ModelList, project?: ProjectContext): Promise<Outcome> {
  const language = callLanguage(languageIdOrPath) ?? callLanguage(path);
  if (!language) return { calls: 0, findings: [], skipped: `Gemini Doctor validates TypeScript, JavaScript, Python, Go, Java, C#, shell scripts and JSON, not ${languageIdOrPath}.` };
  if (text.length > MAX_BYTES) return { calls: 0, findings: [], skipped: `${path} is too large to validate (${(text.length / 1e6).toFixed(1)} MB).` };
  if (text.slice(0, 8000).includes('\u0000')) return { calls: 0, findings: [], skipped: 'This looks like a binary file: nothing to validate.' };
  if (!mayHaveCalls(text)) return { calls: 0, findings: [] };
  const useGraph = project && moduleLanguage(project.file) && callLanguage(project.file) === language;
  const extraction = useGraph ? await project.graph.extract(project.file, text) : await deps.parser().extract(language, text);
  return { calls: extraction.calls.length, findings: validate(extraction, text, facts(list), { ...(project ? { sources: project.graph.sources } : {}), name: path }) };
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

/** The file a finding or an edit lies in: another file of the workspace when its range names one. */
export function uriOf(base: vscode.Uri, range: Range): vscode.Uri {
  return range.file === undefined ? base : base.with({ path: range.file });
}

/**
 * Where the findings of Gemini calls go: Problems, and the fixes behind them. A file's problems are
 * its own run's findings and those other files' runs reported in it (a value they import from it).
 */
export class CallDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gemini-doctor.calls');
  private readonly fixes = new Map<string, CallFinding[]>();
  private readonly own = new Map<string, CallFinding[]>();
  /** Findings reported in a file by the runs of other files: target → source → findings. */
  private readonly reported = new Map<string, Map<string, CallFinding[]>>();
  private readonly uris = new Map<string, vscode.Uri>();
  /** Files whose problems came from Validate Workspace: they stay when an editor of them closes. */
  private readonly workspaceRun = new Set<string>();

  publish(uri: vscode.Uri, findings: readonly CallFinding[], fromWorkspace = false): void {
    const source = uri.toString();
    if (fromWorkspace) this.workspaceRun.add(source);
    this.uris.set(source, uri);
    this.own.set(source, findings.filter((f) => f.range.file === undefined));
    const elsewhere = new Map<string, CallFinding[]>();
    for (const finding of findings) {
      if (finding.range.file === undefined) continue;
      const target = uriOf(uri, finding.range);
      this.uris.set(target.toString(), target);
      elsewhere.set(target.toString(), [...(elsewhere.get(target.toString()) ?? []), finding]);
    }
    const touched = new Set([source, ...this.forget(source), ...elsewhere.keys()]);
    for (const [target, list] of elsewhere) {
      const bySource = this.reported.get(target) ?? new Map<string, CallFinding[]>();
      bySource.set(source, list);
      this.reported.set(target, bySource);
    }
    for (const target of touched) this.refresh(target);
  }

  /** Drops what `source` reported in other files; returns those files. */
  private forget(source: string): string[] {
    const targets: string[] = [];
    for (const [target, bySource] of this.reported) if (bySource.delete(source)) targets.push(target);
    return targets;
  }

  /** A file's own findings and those reported in it, each (rule, range) once. */
  private refresh(key: string): void {
    const seen = new Set<string>();
    const merged = [...(this.own.get(key) ?? []), ...[...(this.reported.get(key)?.values() ?? [])].flat()].filter((f) => {
      const id = `${f.ruleId}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
      return !seen.has(id) && !!seen.add(id);
    });
    const uri = this.uris.get(key);
    if (!uri) return;
    if (merged.length === 0 && !this.own.has(key)) {
      this.fixes.delete(key);
      this.collection.delete(uri);
      return;
    }
    this.fixes.set(key, merged);
    this.collection.set(uri, toDiagnostics(merged));
  }

  /** On closing an editor: its problems go, unless a workspace run found them. */
  closed(uri: vscode.Uri): void {
    if (!this.workspaceRun.has(uri.toString())) this.delete(uri);
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    this.workspaceRun.delete(key);
    this.own.delete(key);
    const targets = this.forget(key);
    this.refresh(key);
    for (const target of targets) this.refresh(target);
  }

  findings(uri: vscode.Uri): readonly CallFinding[] {
    return this.fixes.get(uri.toString()) ?? [];
  }

  /** The other files whose runs reported problems in `uri` (values they import from it). */
  sourcesOf(uri: vscode.Uri): vscode.Uri[] {
    const key = uri.toString();
    return [...(this.reported.get(key)?.keys() ?? [])].filter((source) => source !== key).flatMap((source) => this.uris.get(source) ?? []);
  }

  /** Whether a workspace run put the file's problems there. */
  fromWorkspace(uri: vscode.Uri): boolean {
    return this.workspaceRun.has(uri.toString());
  }

  dispose(): void {
    this.collection.dispose();
    this.fixes.clear();
    this.own.clear();
    this.reported.clear();
    this.uris.clear();
    this.workspaceRun.clear();
  }
}

/** "Validate Gemini Call", validation on open, save and as you type, and "Validate Workspace": Problems and quick fixes. */
export function registerValidateCommand(deps: ValidateDeps): vscode.Disposable[] {
  const diagnostics = new CallDiagnostics();
  /** One pending run per document: its debounce timer and the cancellation of the run in flight. */
  const pending = new Map<string, { timer?: ReturnType<typeof setTimeout>; cancel?: vscode.CancellationTokenSource }>();

  const check = async (document: vscode.TextDocument, explicit: boolean, token?: vscode.CancellationToken): Promise<Outcome> => {
    // The command may ask the API (cached for a while); automatic validation uses what is at hand.
    const list = explicit ? await deps.source.load(false) : deps.source.peek();
    const project = { graph: workspaceGraph(deps, document.uri, token), file: document.uri.path };
    return checkText(deps, document.languageId, vscode.workspace.asRelativePath(document.uri), document.getText(), list, project);
  };

  /**
   * Checks again a file whose run reported problems in a file that just changed (it imports a value
   * from there): its open document, else its text on disk (a Validate Workspace result).
   */
  const recheck = async (uri: vscode.Uri): Promise<void> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return run(open, false, undefined, false);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_BYTES) return;
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      const outcome = await checkText(deps, uri.path, vscode.workspace.asRelativePath(uri), text, deps.source.peek(), { graph: workspaceGraph(deps, uri), file: uri.path });
      if (!outcome.skipped) diagnostics.publish(uri, outcome.findings, diagnostics.fromWorkspace(uri));
    } catch (error) {
      if (error instanceof vscode.FileSystemError) diagnostics.delete(uri); // gone since it was checked: so are its problems
      else deps.log.warn(`Validating ${uri.toString(true)} again failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const run = async (document: vscode.TextDocument, explicit: boolean, token?: vscode.CancellationToken, cascade = true): Promise<void> => {
    const version = document.version;
    try {
      const outcome = await check(document, explicit, token);
      // An edit since the run started makes its results stale: the next run publishes.
      if (token?.isCancellationRequested || document.isClosed || document.version !== version) return;
      diagnostics.publish(document.uri, outcome.findings);
      // Files that import values from this one reported problems here: their findings follow its edits (one step, so a cycle ends).
      if (cascade) for (const source of diagnostics.sourcesOf(document.uri)) void recheck(source);
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
        for (const source of diagnostics.sourcesOf(document.uri)) void recheck(source);
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
        // An edit may lie in another file: the definition of a value the call imports.
        for (const edit of finding.fix.edits) action.edit.replace(uriOf(document.uri, edit.range), toRange(edit.range), edit.newText);
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
