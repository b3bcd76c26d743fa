import * as path from 'node:path';

type GeminiApi = typeof import('./geminiApi');

/**
 * Loads the SDK module on first use. In the package it is dist/geminiApi.js beside the bundle that
 * asks for it; compiled by tsc (tests) it sits beside this file. Node caches it after the first load.
 */
export function loadGeminiApi(): GeminiApi {
  // A computed path keeps esbuild from bundling the SDK into the caller.
  const file = path.join(__dirname, 'geminiApi.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as GeminiApi;
}
