import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from './constants';
import { registerErrorHover } from './features/errorHover';
import { registerLogDiagnostics } from './features/logDiagnostics';

/**
 * Builds what the features share once and registers them. Nothing here may do work that can wait
 * for first use: the SDK, parsers and model data load lazily inside the features.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(log, ...registerErrorHover(), ...registerLogDiagnostics(log));
  log.info(`Gemini Doctor ${String(context.extension.packageJSON.version)} activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
