import * as vscode from 'vscode';
import { findModelIds, gitignoreGlobs } from '../core/models/modelText';

/** Files worth reading for model ids: code, configuration, notebooks, docs. */
const INCLUDE = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,ipynb,go,java,kt,kts,cs,rb,php,rs,swift,dart,scala,sh,bash,zsh,ps1}',
  '**/*.{json,jsonc,yaml,yml,toml,ini,cfg,conf,properties,env,tf,http,rest,md,mdx,txt}',
  '**/.env*',
];
/** The same files, for a path: a saved file is read again only if the scan would read it. */
const INCLUDED = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|py|ipynb|go|java|kt|kts|cs|rb|php|rs|swift|dart|scala|sh|bash|zsh|ps1|json|jsonc|yaml|yml|toml|ini|cfg|conf|properties|env|tf|http|rest|md|mdx|txt)$|(?:^|\/)\.env[^/]*$/i;
const MAX_FILES = 5_000;
const MAX_BYTES = 1_000_000;

export interface ModelPlace {
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  /** The line, trimmed and shortened, without control characters. */
  readonly text: string;
}

export interface ModelUse {
  readonly id: string;
  readonly places: readonly ModelPlace[];
}

export type InventoryState = 'idle' | 'building' | 'done' | 'failed';

const clean = (line: string) => {
  // Terminal controls and other C0/C1 characters never reach the view.
  // eslint-disable-next-line no-control-regex
  const text = line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
};

/** Which globs the user's settings and the folders' .gitignore files leave out. */
async function excludeGlob(): Promise<string> {
  const globs = new Set<string>(['**/node_modules/**', '**/.git/**']);
  for (const setting of ['files.exclude', 'search.exclude']) {
    const value = vscode.workspace.getConfiguration().get<Record<string, unknown>>(setting) ?? {};
    for (const [glob, on] of Object.entries(value)) if (on === true) globs.add(glob);
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore')));
      for (const glob of gitignoreGlobs(text)) globs.add(glob);
    } catch {
      // No .gitignore in this folder.
    }
  }
  // A glob with a comma or braces of its own cannot sit inside the one group findFiles takes.
  return `{${[...globs].filter((g) => !/[{},]/.test(g)).join(',')}}`;
}

/**
 * Every Gemini model id in the workspace's files, with the places that use it: built in the
 * background with progress, respecting files.exclude, search.exclude and .gitignore'd folders, and
 * updated when a file is saved or deleted.
 */
export class ModelInventory implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly byFile = new Map<string, ModelPlace[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private building: Promise<void> | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  private exclude: string | undefined;
  state: InventoryState = 'idle';
  scanned = 0;

  constructor(private readonly progressViewId: string, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidSaveTextDocument((document) => void this.update(document.uri, document.getText())),
      vscode.workspace.onDidDeleteFiles((event) => {
        let any = false;
        for (const uri of event.files) any = this.byFile.delete(uri.toString()) || any;
        if (any) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.state !== 'idle' && (event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude'))) void this.build(true);
      }),
    );
  }

  /** The uses, most used first. */
  uses(): ModelUse[] {
    const byId = new Map<string, ModelPlace[]>();
    for (const places of this.byFile.values()) {
      for (const place of places) {
        const list = byId.get(place.id);
        if (list) list.push(place);
        else byId.set(place.id, [place]);
      }
    }
    return [...byId].map(([id, places]) => ({ id, places })).sort((a, b) => b.places.length - a.places.length || a.id.localeCompare(b.id));
  }

  /** Builds once (again with `force`); resolves when done. Never rejects. */
  build(force = false): Promise<void> {
    if (this.building && !force) return this.building;
    this.cancel?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    this.state = 'building';
    this.changed.fire();
    const run = Promise.resolve(vscode.window.withProgress({ location: { viewId: this.progressViewId } }, () => this.scan(cancel.token)).then(
      () => {
        if (cancel.token.isCancellationRequested) return;
        this.state = 'done';
        this.changed.fire();
      },
      (error: unknown) => {
        this.state = 'failed';
        this.log.error(`Workspace model inventory: ${error instanceof Error ? error.message : String(error)}`);
        this.changed.fire();
      },
    ));
    this.building = run;
    return run;
  }

  private async scan(token: vscode.CancellationToken): Promise<void> {
    this.exclude = await excludeGlob();
    const seen = new Set<string>();
    const files: vscode.Uri[] = [];
    for (const include of INCLUDE) {
      for (const uri of await vscode.workspace.findFiles(include, this.exclude, MAX_FILES, token)) {
        if (!seen.has(uri.toString()) && files.length < MAX_FILES) {
          seen.add(uri.toString());
          files.push(uri);
        }
      }
    }
    files.sort((a, b) => a.path.localeCompare(b.path));
    this.byFile.clear();
    this.scanned = 0;
    let lastPaint = 0;
    for (const uri of files) {
      if (token.isCancellationRequested) return;
      await this.read(uri);
      this.scanned++;
      // Stream results into the view as they come, without repainting for every file.
      if (this.scanned - lastPaint >= 200) {
        lastPaint = this.scanned;
        this.changed.fire();
      }
    }
  }

  private async read(uri: vscode.Uri, text?: string): Promise<void> {
    let content = text;
    if (content === undefined) {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.byteLength > MAX_BYTES) return;
        content = new TextDecoder().decode(bytes);
      } catch {
        return;
      }
    }
    if (content.length > MAX_BYTES || content.slice(0, 8000).includes('\u0000')) {
      this.byFile.delete(uri.toString());
      return;
    }
    const lines = content.split(/\r?\n/);
    const places = findModelIds(content).map((m) => ({ id: m.id, uri, range: new vscode.Range(m.line, m.start, m.line, m.end), text: clean(lines[m.line] ?? '') }));
    if (places.length > 0) this.byFile.set(uri.toString(), places);
    else this.byFile.delete(uri.toString());
  }

  /** A saved file: read again if the inventory holds it or would (same includes and excludes). */
  private async update(uri: vscode.Uri, text: string): Promise<void> {
    if (this.state === 'idle' || uri.scheme !== 'file' && uri.scheme !== 'vscode-remote' && uri.scheme !== 'vscode-vfs') return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const relative = vscode.workspace.asRelativePath(uri, false);
    try {
      if (!INCLUDED.test(uri.path)) return;
      // findFiles of the file itself with the excludes: empty when the file is excluded.
      if ((await vscode.workspace.findFiles(new vscode.RelativePattern(folder, relative), this.exclude, 1)).length === 0) return;
      await this.read(uri, text);
      this.changed.fire();
    } catch (error) {
      this.log.error(`Workspace model inventory: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.cancel?.cancel();
    this.cancel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
