/**
 * Evidence in the text around an anchor that it is (or is not) a Gemini error. Evidence is weighed,
 * not used as a veto: Gemini hosts, SDKs, fields and formats count for, another service's host or
 * name counts against, and shapes that every Google API prints alike (gRPC, api_core) count for
 * neither. The balance is the finding's confidence, and the labels are listed in the hover so a
 * reader sees why.
 *
 * Every pattern is linear on any input: no nested or adjacent unbounded repetitions, bounded gaps.
 */
import { LiteralIndex } from './literalGate';

/** Weight of one piece of evidence for Gemini. */
export const FOR = 2;
/** Weight of a Gemini-only message, field or format (it proves a Gemini error by itself). */
export const STRONG = 3;
/** Weight of one piece of evidence for another system. */
export const AGAINST = -2;

/** A regex, or a search written out where a regex would be slow; `source` holds the literal it needs. */
interface Matcher {
  readonly source: string;
  test(text: string): boolean;
}

const positive: readonly (readonly [RegExp, string])[] = [
  [/generativelanguage\.googleapis\.com/, 'the Gemini API host'],
  [/cloudaicompanion\.googleapis\.com|cloudcode-pa\.googleapis\.com/, 'the Gemini Code Assist host'],
  [/gemini/i, 'a Gemini name'],
  [/@google\/genai|google[.-]genai|google_genai|GoogleGenAI|\bgenai\.(?:errors|types|Client)/, 'the Google GenAI SDK'],
  [/google[./-]generativeai|@google\/generative-ai|GoogleGenerativeAI|langchain_google_genai|generative_models/, 'the Google Generative AI SDK'],
  [/aiplatform\.googleapis\.com\/[^\s]{0,300}publishers\/google|publishers\/google\/models|VertexAIException|vertex_ai/, 'Vertex AI'],
  [/ai\.google\.dev|aistudio\.google\.com|\bai\.studio\b|makersuite\.google\.com|developers\.generativeai\.google/, 'a Google AI Studio or Gemini docs link'],
  [/promptFeedback|prompt_feedback|usageMetadata|usage_metadata|safetyRatings|safety_ratings|HARM_CATEGORY_|modelVersion|GenerateContent(?:Request|Response)|generateContent|generate_content|streamGenerateContent|embedContent|countTokens|thinking_?[bB]udget|thought_?[sS]ignature|-FreeTier|BidiGenerateContent|cachedContent|cached_content/, 'a Gemini API field or method'],
  [/cloud\.google\.com\/vertex-ai\/generative-ai/, 'a Vertex AI generative AI docs link'],
  [/✕ \[API Error:/, 'Gemini CLI output'],
  // How the SDKs print errors.
  [/\b\d{3} [A-Z_]{5,}\. \{'error': \{/, 'the python-genai error format'],
  [/\bError \d{3}, Message: [^]{0,2000}?, Status: [A-Z_]{5,}/, 'the go-genai error format'],
  [/\bgot status: (?:\d{3} [A-Z][a-z]|[A-Z_]{5,}\. \{)/, 'the @google/genai error format'],
  [/\[GoogleGenerativeAI Error\]/, 'the @google/generative-ai error format'],
];

/** Formats only Gemini produces: as strong as a Gemini-only message. */
const strong: readonly (readonly [RegExp, string])[] = [
  // The OpenAI-compatible endpoint answers errors as a JSON array (ai.google.dev/gemini-api/docs/openai).
  [/Error code: \d{3} - \[\{\s*["']error["']\s*:\s*\{/, 'the Gemini OpenAI-compatible error format (an array of errors)'],
];

/** Hosts of the Gemini API, Vertex AI (`aiplatform`, `us-central1-aiplatform`), Code Assist, and `type.googleapis.com` of proto type URLs. */
const geminiHostLabel = /^(?:generativelanguage|(?:[a-z0-9-]*-)?aiplatform|cloudaicompanion|cloudcode-pa|type)$/;
const SUFFIX = '.googleapis.com';

/** `[a-z0-9-]`: a character of a host label as the API hosts are written. */
function isHostChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45;
}

/**
 * A `<label>.googleapis.com` host whose label is none of `geminiHostLabel`: another Google API. Found
 * from each occurrence of the suffix (a regex would try every position of the text).
 */
const otherGoogleApi: Matcher = {
  source: '\\.googleapis\\.com',
  test(text: string): boolean {
    for (let at = text.indexOf(SUFFIX); at !== -1; at = text.indexOf(SUFFIX, at + 1)) {
      let start = at;
      while (start > 0 && at - start < 63 && isHostChar(text.charCodeAt(start - 1))) start--;
      if (start < at && !geminiHostLabel.test(text.slice(start, at))) return true;
    }
    return false;
  },
};

const negative: readonly (readonly [Matcher, string])[] = [
  [otherGoogleApi, 'another Google API'],
  [/\b(?:Dialogflow|dialogflow|Cloud Translation|Datastore|datastore|Firestore|firestore|BigQuery|bigquery|Spanner|spanner|streamingRecognize|RecognizeFile|Speech-to-Text|Pub\/?Sub|pubsub|Bigtable|bigtable|Cloud Storage|storage\.objects)\b/, 'another Google Cloud service'],
  [/\b(?:etcd|kubectl|kubernetes|apiserver|metav1|kubelet|rancher)\b/i, 'Kubernetes or etcd'],
  [/HTTP\/[12](?:\.[01])?"\s+\d{3}|\bnginx\b|cloudflare|cdn-cgi|<!DOCTYPE html|<html\b/i, 'a web server or proxy'],
  // `/openai/` in a URL is Gemini's own OpenAI-compatible endpoint and `openai.XError` the client
  // library (also used with that endpoint), not another provider; OpenAI's own host is.
  [/api\.openai\.com|\bopenai\b(?![/.])|\bgpt-[0-9o]|anthropic|\bclaude\b|overloaded_error|\bazure\b/i, 'another AI provider'],
];

/** gRPC and api_core printed Gemini errors for years (the legacy Python SDK): listed, weighed as nothing. */
const neutral: readonly (readonly [RegExp, string])[] = [
  [/\bgrpc\b|grpc[._]|io\.grpc|StatusCode\.|_InactiveRpcError|api_core|com\.google\.api\.gax/i, 'a gRPC or google-api-core print (neutral)'],
];

export interface Evidence {
  /** Labels of the evidence for Gemini. */
  readonly positive: readonly string[];
  /** Labels of Gemini-only formats (strong evidence). */
  readonly strong: readonly string[];
  /** Labels of the evidence for another system. */
  readonly negative: readonly string[];
  /** Labels of shapes that weigh nothing either way. */
  readonly neutral: readonly string[];
}

/** What in `text` says Gemini, and what says another system. Linear in the length of `text`. */
export function assessEvidence(text: string): Evidence {
  return evidenceOf(evidenceMask(text));
}

/** Every kind of evidence, one bit each, so the evidence of many lines is merged with `|`. */
const kinds: readonly { readonly re: Matcher; readonly label: string; readonly list: keyof Evidence }[] = [
  ...positive.map(([re, label]) => ({ re, label, list: 'positive' as const })),
  ...strong.map(([re, label]) => ({ re, label, list: 'strong' as const })),
  ...negative.map(([re, label]) => ({ re, label, list: 'negative' as const })),
  ...neutral.map(([re, label]) => ({ re, label, list: 'neutral' as const })),
];

/** The sources of the evidence kinds, in the order `evidenceMask` takes their `possible` flags (found in any case). */
export const evidenceSources: readonly string[] = kinds.map((kind) => kind.re.source);
/** The literals each kind needs, found in one pass: a kind whose literals are not in the text is not searched. */
const kindIndex = LiteralIndex.of(evidenceSources, { ignoreCase: true });

/**
 * The evidence in `text` as a bit set (see `evidenceOf`). `possible`: for each of `evidenceSources`,
 * 0 when its literals are not in `text` in any case (found here when not given).
 */
export function evidenceMask(text: string, possible: Uint8Array = kindIndex.mayMatch(text)): number {
  let mask = 0;
  for (let i = 0; i < kinds.length; i++) if (possible[i] === 1 && kinds[i]!.re.test(text)) mask |= 1 << i;
  return mask;
}

/** The labels of a bit set of evidence. */
export function evidenceOf(mask: number): Evidence {
  const evidence = { positive: [] as string[], strong: [] as string[], negative: [] as string[], neutral: [] as string[] };
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    if (mask & (1 << i) && !evidence[kind.list].includes(kind.label)) evidence[kind.list].push(kind.label);
  }
  return evidence;
}

/** The balance: positive for Gemini, negative for another system. `ownStrong` is a Gemini-only anchor or message. */
export function weigh(evidence: Evidence, ownStrong: boolean): number {
  return (ownStrong || evidence.strong.length > 0 ? STRONG : 0) + FOR * evidence.positive.length + AGAINST * evidence.negative.length;
}
