import * as vscode from 'vscode';
import { Settings } from '../constants';
import { endpointSetting } from './endpoint';
import type { ApiSettings } from './modelSource';

/** How long a models.list call may take before it counts as failed. */
const TIMEOUT_MS = 20_000;

/**
 * The API settings. The endpoint is read from the user's own settings only, and not at all in an
 * untrusted workspace: a workspace (a cloned repository) must never be able to send the API key to
 * another host.
 */
export function apiSettings(): ApiSettings {
  const config = vscode.workspace.getConfiguration();
  const apiVersion = config.get<string>(Settings.apiVersion) === 'v1' ? 'v1' : 'v1beta';
  const endpoint = endpointSetting(config.inspect<string>(Settings.endpoint)?.globalValue, vscode.workspace.isTrusted);
  const cacheMinutes = Math.max(0, config.get<number>(Settings.modelsCacheMinutes, 60));
  return { apiVersion, ...(endpoint.baseUrl ? { baseUrl: endpoint.baseUrl } : {}), ...(endpoint.note ? { notes: [endpoint.note] } : {}), cacheMinutes, timeoutMs: TIMEOUT_MS };
}
