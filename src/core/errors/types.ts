/** Shapes shared by the error catalog, the recognizer and their adapters (hover, diagnostics, CLI). */

/** What a finding is about. */
export type FindingKind = 'http-status' | 'finish-reason' | 'block-reason' | 'message' | 'interactions-code';

/**
 * `high`: the surrounding text says Gemini (hosts, SDKs, model names, Gemini-only messages or shapes).
 * `low`: a Google-style error with nothing around it that says which API; explanations hedge.
 */
export type Confidence = 'high' | 'low';

/** Whether sending the same request again can succeed. */
export type Retry = 'yes' | 'after-delay' | 'no' | 'maybe';

export interface DocLink {
  readonly title: string;
  /** Always https, always official documentation. */
  readonly url: string;
}

/** The sections of the troubleshooting guide besides its error table, linked from entries. */
export type GuideSectionId =
  | 'api-key'
  | 'parameter-ranges'
  | 'api-versions'
  | 'check-model'
  | 'safety'
  | 'recitation'
  | 'improve-output'
  | 'token-limits'
  | 'supported-languages'
  | 'file-a-bug';

export interface GuideSection {
  readonly id: GuideSectionId;
  readonly title: string;
  readonly text: string;
  readonly url: string;
  readonly source: string;
}

/** One explained thing: a status, a finish or block reason, a well-known message or an Interactions code. */
export interface CatalogEntry {
  /** Stable id used as diagnostic code, in the CLI's JSON and in tests. */
  readonly id: string;
  readonly kind: FindingKind;
  readonly httpCode?: number;
  /** Canonical status (`RESOURCE_EXHAUSTED`), reason (`RECITATION`) or Interactions code (`invalid_request`). */
  readonly status: string;
  readonly title: string;
  readonly meaning: string;
  readonly cause: string;
  readonly fix: string;
  readonly retry: Retry;
  readonly docs: readonly DocLink[];
  readonly see?: readonly GuideSectionId[];
  /** Where the facts come from, as public pages: the troubleshooting guide's row, a documentation page, a public issue. */
  readonly source: string;
}

/** A finish or block reason; `benign` ones (STOP) are explained on hover but never reported. */
export interface ReasonEntry extends CatalogEntry {
  readonly kind: 'finish-reason' | 'block-reason';
  readonly benign?: boolean;
  /** The number older SDKs print instead of the name (`finish_reason: 4`). */
  readonly legacyNumber?: number;
}

/** A well-known message: recognized by its text, it carries its own status and a specific fix. */
export interface MessageEntry extends CatalogEntry {
  readonly kind: 'message';
  /** Matches the message (no flags other than `i`; the recognizer adds `g`). */
  readonly pattern: RegExp;
  /** True when the text alone proves a Gemini error, whatever surrounds it. */
  readonly geminiOnly: boolean;
  /** A message this one makes more precise (`no-free-tier` refines `quota-exceeded`): it wins when both appear. */
  readonly refines?: string;
  /** The message as the API prints it (documentation, and the catalog's tests). */
  readonly example: string;
  /**
   * The text is a frame around a reason (a Live API WebSocket close code): a known message in the
   * reason that follows decides the status, and this entry explains the frame.
   */
  readonly carriesReason?: boolean;
}

/** What was parsed from the error around a finding. Every field is optional: only what was there. */
export interface ErrorDetails {
  message?: string;
  retryDelay?: string;
  retryDelaySeconds?: number;
  quotaMetric?: string;
  quotaId?: string;
  quotaLimit?: number;
  model?: string;
  apiVersion?: string;
  method?: string;
  reason?: string;
  domain?: string;
  fieldViolations?: { field: string; description: string }[];
  helpLinks?: DocLink[];
  inputTokens?: number;
  maxInputTokens?: number;
  finishReason?: string;
  blockReason?: string;
}

/** A position in a text, 0-based, as VS Code counts it. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** Read access to a document's lines; VS Code's TextDocument fits through a one-line adapter. */
export interface LineSource {
  readonly lineCount: number;
  lineText(line: number): string;
}

/** One recognized error occurrence. Lines and characters are 0-based; `end` is exclusive. */
export interface Finding {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** The text at [start, end). */
  readonly text: string;
  /** The most specific catalog entry: a message or reason when one is known, else the status. */
  readonly entry: CatalogEntry;
  /** The status entry behind `entry` when `entry` is a message (its meaning, cause and fix apply too). */
  readonly statusEntry?: CatalogEntry;
  readonly httpCode?: number;
  readonly status: string;
  readonly kind: FindingKind;
  readonly confidence: Confidence;
  /** Why the confidence is what it is, for the hover and the JSON. */
  readonly evidence: readonly string[];
  readonly details: ErrorDetails;
}
