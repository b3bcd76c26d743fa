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
export const Commands = {} as const;

/** View and view-container ids contributed in package.json `contributes.views*`. */
export const Views = {} as const;

/** Setting keys contributed in package.json `contributes.configuration`. */
export const Settings = {
  hoverEnabled: 'geminiDoctor.hover.enabled',
  logDiagnosticsEnabled: 'geminiDoctor.logDiagnostics.enabled',
  logDiagnosticsFiles: 'geminiDoctor.logDiagnostics.files',
  logDiagnosticsLanguages: 'geminiDoctor.logDiagnostics.languages',
} as const;
