/**
 * Every id the extension shares with package.json. package.json is where VS Code reads them; this
 * module is where the code reads them. test/unit/manifest.test.ts checks that the two agree.
 */

export const EXTENSION_ID = 'gemini-doctor.gemini-doctor';

/** Name of the extension's log output channel (View > Output > Gemini Doctor). */
export const OUTPUT_CHANNEL_NAME = 'Gemini Doctor';

/** `source` of the diagnostics the extension publishes. */
export const DIAGNOSTIC_SOURCE = 'Gemini';

/** Command ids contributed in package.json `contributes.commands`. */
export const Commands = {
  setApiKey: 'geminiDoctor.setApiKey',
  clearApiKey: 'geminiDoctor.clearApiKey',
  refreshModels: 'geminiDoctor.refreshModels',
  filterModels: 'geminiDoctor.filterModels',
  clearModelFilter: 'geminiDoctor.clearModelFilter',
  copyModelId: 'geminiDoctor.copyModelId',
  insertModelId: 'geminiDoctor.insertModelId',
  openModelDocs: 'geminiDoctor.openModelDocs',
  validateCall: 'geminiDoctor.validateCall',
  explainError: 'geminiDoctor.explainError',
  explainTerminalSelection: 'geminiDoctor.explainTerminalSelection',
  explainNotebookOutput: 'geminiDoctor.explainNotebookOutput',
  copyExplanation: 'geminiDoctor.copyExplanation',
  openSampleLog: 'geminiDoctor.openSampleLog',
  openSampleCall: 'geminiDoctor.openSampleCall',
  openSampleTerminal: 'geminiDoctor.openSampleTerminal',
  validateWorkspace: 'geminiDoctor.validateWorkspace',
} as const;

/** View and view-container ids contributed in package.json `contributes.views*`. */
export const Views = {
  container: 'geminiDoctor',
  models: 'geminiDoctor.models',
} as const;

/** Context keys the extension sets for `when` clauses in package.json. */
export const ContextKeys = {
  modelsFiltered: 'geminiDoctor.modelsFiltered',
  explanationShown: 'geminiDoctor.explanationShown',
} as const;

/** The scheme of the read-only explanation documents (shown in the Markdown preview). */
export const EXPLANATION_SCHEME = 'gemini-doctor-explanation';

/** The walkthrough contributed in package.json `contributes.walkthroughs`. */
export const WALKTHROUGH_ID = 'gemini-doctor.gemini-doctor#geminiDoctor.gettingStarted';

/** Setting keys contributed in package.json `contributes.configuration`. */
export const Settings = {
  hoverEnabled: 'geminiDoctor.hover.enabled',
  logDiagnosticsEnabled: 'geminiDoctor.logDiagnostics.enabled',
  logDiagnosticsFiles: 'geminiDoctor.logDiagnostics.files',
  logDiagnosticsLanguages: 'geminiDoctor.logDiagnostics.languages',
  logDiagnosticsSeverity: 'geminiDoctor.logDiagnostics.severity',
  apiVersion: 'geminiDoctor.apiVersion',
  endpoint: 'geminiDoctor.endpoint',
  modelsCacheMinutes: 'geminiDoctor.models.cacheMinutes',
  validateAutomatically: 'geminiDoctor.validate.onOpenAndSave',
  modelHoverEnabled: 'geminiDoctor.models.hoverAndCompletion',
  validateOnType: 'geminiDoctor.validate.onType',
} as const;

/** Keys of what the extension keeps in SecretStorage and globalState. */
export const StorageKeys = {
  apiKey: 'geminiDoctor.apiKey',
  modelsCache: 'geminiDoctor.modelsCache',
} as const;
