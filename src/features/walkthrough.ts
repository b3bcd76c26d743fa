import * as vscode from 'vscode';
import { Commands } from '../constants';

export interface WalkthroughDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** The samples the walkthrough opens: real error output and a call with problems, shipped in media/walkthrough. */
const samples = {
  log: { file: 'sample.log', language: 'log' },
  call: { file: 'sample_call.py', language: 'python' },
  terminal: { file: 'terminal.txt', language: 'plaintext' },
} as const;

/** The commands behind the "Get started with Gemini Doctor" walkthrough's steps. */
export function registerWalkthrough(deps: WalkthroughDeps): vscode.Disposable[] {
  const read = async (file: string): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(deps.extensionUri, 'media', 'walkthrough', file)));

  /** Opens a sample as an untitled document, so nothing of the user's is touched. */
  const openSample = async (sample: (typeof samples)['log' | 'call']): Promise<vscode.TextEditor | undefined> => {
    try {
      const document = await vscode.workspace.openTextDocument({ language: sample.language, content: await read(sample.file) });
      return await vscode.window.showTextDocument(document, { preview: false });
    } catch (error) {
      deps.log.error(`Opening the sample ${sample.file} failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Gemini Doctor could not open its sample ${sample.file}.`);
      return undefined;
    }
  };

  /** A terminal of the extension's own that prints what a failing Gemini program prints. */
  const openSampleTerminal = async (): Promise<vscode.Terminal | undefined> => {
    let text: string;
    try {
      text = await read(samples.terminal.file);
    } catch (error) {
      deps.log.error(`Reading the sample terminal output failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<void>();
    const terminal = vscode.window.createTerminal({
      name: 'Gemini sample',
      pty: {
        onDidWrite: write.event,
        onDidClose: close.event,
        open: () => {
          write.fire(`${text.replace(/\r?\n/g, '\r\n')}\r\n\r\n\u001b[2mHover an underlined error and click it to see the explanation. Press any key to close.\u001b[0m\r\n`);
        },
        close: () => {
          write.dispose();
          close.dispose();
        },
        handleInput: () => close.fire(),
      },
    });
    terminal.show();
    return terminal;
  };

  return [
    vscode.commands.registerCommand(Commands.openSampleLog, () => openSample(samples.log)),
    vscode.commands.registerCommand(Commands.openSampleCall, () => openSample(samples.call)),
    vscode.commands.registerCommand(Commands.openSampleTerminal, openSampleTerminal),
  ];
}
