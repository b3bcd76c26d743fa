import { extractCsharp } from './extractCsharp';
import { extractGo } from './extractGo';
import { extractJava } from './extractJava';
import { extractPython, pythonImports } from './extractPython';
import { extractJson, extractShell } from './extractRest';
import { extractScript, scriptImports } from './extractScript';
import type { ExtractOptions, Extraction, ModuleImport, SyntaxNode } from './types';

/** The grammars extraction understands; `json` needs no syntax tree. */
export type CallLanguage = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'bash' | 'json' | 'java' | 'csharp';

/** VS Code language ids and file extensions → grammar. */
export function callLanguage(languageIdOrPath: string): CallLanguage | undefined {
  const key = languageIdOrPath.toLowerCase();
  const byId: Record<string, CallLanguage> = {
    typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'javascript', python: 'python', go: 'go',
    shellscript: 'bash', json: 'json', jsonc: 'json', java: 'java', csharp: 'csharp',
  };
  if (byId[key]) return byId[key];
  const extension = /\.([a-z]+)$/.exec(key)?.[1] ?? '';
  const byExtension: Record<string, CallLanguage> = {
    ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
    py: 'python', go: 'go', sh: 'bash', bash: 'bash', zsh: 'bash', json: 'json', jsonc: 'json', java: 'java', cs: 'csharp',
  };
  return byExtension[extension];
}

/** Folders no walk enters (dependencies, VCS data, build output, virtual environments). */
export const SKIPPED_FOLDERS = ['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', '.vscode-test', '.vscode-host', 'vendor'] as const;

/** The file extensions a walk picks up (those `callLanguage` knows). */
export const CALL_FILE_EXTENSIONS = ['ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'py', 'go', 'sh', 'bash', 'zsh', 'json', 'jsonc', 'java', 'cs'] as const;

/** Cheap test before any parser loads: a file that never mentions Gemini has no Gemini call. */
export function mayHaveCalls(text: string): boolean {
  return /gemini|genai|generativeai|generative-ai|generationConfig|generation_config|GoogleGenAI|generativelanguage|vertexai|AIPlatform|AIza[0-9A-Za-z_-]{35}/i.test(text);
}

/** What a parsed file imports from other modules (TS/JS and Python; none for the other languages). */
export function moduleImports(language: CallLanguage, root: SyntaxNode): ModuleImport[] {
  if (language === 'python') return pythonImports(root);
  return language === 'typescript' || language === 'tsx' || language === 'javascript' ? scriptImports(root) : [];
}

/**
 * The calls of a parsed file (`root` is absent for JSON, which is read from `text`); `options` give
 * TS/JS and Python the values of imported names and ask for the module's exports.
 */
export function extractCalls(language: CallLanguage, root: SyntaxNode | undefined, text: string, options: ExtractOptions = {}): Extraction {
  switch (language) {
    case 'json':
      return extractJson(text);
    case 'python':
      return extractPython(root!, text, options);
    case 'go':
      return extractGo(root!);
    case 'bash':
      return extractShell(root!, text);
    case 'java':
      return extractJava(root!);
    case 'csharp':
      return extractCsharp(root!);
    default:
      return extractScript(root!, language, text, options);
  }
}
