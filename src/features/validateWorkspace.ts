import * as vscode from 'vscode';
import { CALL_FILE_EXTENSIONS, SKIPPED_FOLDERS } from '../core/calls/extract';
import { outcomeSummary } from '../core/calls/summary';
import type { CallFinding } from '../core/calls/validate';
import { Commands } from '../constants';
import { checkText, MAX_BYTES, uriOf, workspaceGraph, type CallDiagnostics, type ValidateDeps } from './validateCommand';

/**
 * The exclude glob of a workspace run: the folders every walk skips (as `gemini-doctor validate DIR`
 * does) and the user's files.exclude and search.exclude patterns (findFiles applies neither once an
 * exclude is given).
 */
export function excludeGlob(settings: readonly (Record<string, unknown> | undefined)[]): string {
  const patterns = new Set<string>(SKIPPED_FOLDERS.map((folder) => `**/${folder}/**`));
  patterns.add('**/.*/**');
  for (const excludes of settings) {
    for (const [pattern, enabled] of Object.entries(excludes ?? {})) {
      // `{ "when": "$(basename).ts" }` conditions cannot be expressed in one glob: such entries are left out.
      if (enabled === true) patterns.add(pattern);
    }
  }
  return `{${[...patterns].join(',')}}`;
}

/** "Gemini: Validate Workspace": every supported file of the workspace, with progress and cancel, streamed into Problems. */
export function registerValidateWorkspace(deps: ValidateDeps, diagnostics: CallDiagnostics): vscode.Disposable[] {
  const validateWorkspace = async (): Promise<void> => {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Open a folder to validate its Gemini calls.');
      return;
    }
    const config = vscode.workspace.getConfiguration();
    const exclude = excludeGlob([config.get<Record<string, unknown>>('files.exclude'), config.get<Record<string, unknown>>('search.exclude')]);
    const list = await deps.source.load(false);
    let files = 0;
    let calls = 0;
    const findings: CallFinding[] = [];
    const counted = new Set<string>();
    const skipped: string[] = [];
    const cancelled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Validating the Gemini calls of the workspace', cancellable: true },
      async (progress, token) => {
        const uris = await vscode.workspace.findFiles(`**/*.{${CALL_FILE_EXTENSIONS.join(',')}}`, exclude, undefined, token);
        // Imports resolve among the files of the run (the same excludes), each parsed once.
        const graph = uris[0] ? workspaceGraph(deps, uris[0], token, new Set(uris.map((u) => u.path))) : undefined;
        for (const uri of uris) {
          if (token.isCancellationRequested) return true;
          const path = vscode.workspace.asRelativePath(uri);
          progress.report({ message: path, increment: 100 / uris.length });
          try {
            const stat = await vscode.workspace.fs.stat(uri);
            // Only regular files (a FIFO or a socket is never opened); the size bound of the command.
            if ((stat.type & vscode.FileType.File) === 0) {
              skipped.push(`${path}: not a regular file`);
              continue;
            }
            if (stat.size > MAX_BYTES) {
              skipped.push(`${path}: too large (${(stat.size / 1e6).toFixed(1)} MB)`);
              continue;
            }
            const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
            const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
            const outcome = await checkText(deps, open?.languageId ?? path, path, open?.getText() ?? text, list, graph && { graph, file: uri.path });
            files++;
            if (outcome.skipped) {
              skipped.push(`${path}: ${outcome.skipped}`);
              continue;
            }
            calls += outcome.calls;
            // A definition several files import (and its own file's run) is counted once.
            for (const f of outcome.findings) {
              const id = `${uriOf(uri, f.range).toString()} ${f.ruleId} ${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
              if (!counted.has(id)) findings.push(f);
              counted.add(id);
            }
            // Streamed: each file's problems show as soon as it is checked (those about a value it imports, in the file defining it).
            if (outcome.findings.length > 0 || diagnostics.findings(uri).length > 0) diagnostics.publish(uri, outcome.findings, true);
          } catch (error) {
            skipped.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        return false;
      },
    );
    for (const skip of skipped) deps.log.warn(`Validate Workspace skipped ${skip}`);
    const summary = outcomeSummary(calls, findings);
    const skippedText = skipped.length > 0 ? `, ${skipped.length} skipped (see the Gemini Doctor log)` : '';
    void vscode.window.showInformationMessage(`${cancelled ? 'Cancelled after' : 'Validated'} ${files} file${files === 1 ? '' : 's'}: ${summary}${skippedText}.`);
  };
  return [vscode.commands.registerCommand(Commands.validateWorkspace, validateWorkspace)];
}
