/**
 * Evidence in the text around an anchor that it is (or is not) a Gemini error. The decision is
 * exposed as the finding's confidence and listed in the hover, so a reader sees why.
 */

const positive: readonly (readonly [RegExp, string])[] = [
  [/generativelanguage\.googleapis\.com/, 'the Gemini API host'],
  [/cloudaicompanion\.googleapis\.com/, 'the Gemini Code Assist host'],
  [/gemini/i, 'a Gemini name'],
  [/@google\/genai|google[.-]genai|google_genai|GoogleGenAI|\bgenai\.(?:errors|types|Client)/, 'the Google GenAI SDK'],
  [/google[./-]generativeai|@google\/generative-ai|GoogleGenerativeAI|langchain_google_genai|generative_models/, 'the Google Generative AI SDK'],
  [/aiplatform\.googleapis\.com\/[^\s]*publishers\/google|publishers\/google\/models|VertexAIException|vertex_ai/, 'Vertex AI'],
  [/ai\.google\.dev|aistudio\.google\.com|\bai\.studio\b|makersuite\.google\.com|developers\.generativeai\.google/, 'a Google AI Studio or Gemini docs link'],
  [/promptFeedback|prompt_feedback|usageMetadata|usage_metadata|safetyRatings|safety_ratings|HARM_CATEGORY_|modelVersion|GenerateContent(?:Request|Response)|generateContent|generate_content|streamGenerateContent|embedContent|countTokens|thinking_?[bB]udget|thought_?[sS]ignature|-FreeTier/, 'a Gemini API field or method'],
  [/cloud\.google\.com\/vertex-ai\/generative-ai/, 'a Vertex AI generative AI docs link'],
  [/✕ \[API Error:/, 'Gemini CLI output'],
  // How the SDKs print errors (gemini-facts.md §4).
  [/\b\d{3} [A-Z_]{5,}\. \{'error': \{/, 'the python-genai error format'],
  [/\bError \d{3}, Message: [^]*?, Status: [A-Z_]{5,}/, 'the go-genai error format'],
  [/\bgot status: (?:\d{3} [A-Z][a-z]|[A-Z_]{5,}\. \{)/, 'the @google/genai error format'],
  [/\[GoogleGenerativeAI Error\]/, 'the @google/generative-ai error format'],
];

const negative: readonly (readonly [RegExp, string])[] = [
  [/\bgrpc\b|grpc[._]|io\.grpc|StatusCode\.|_InactiveRpcError|_Rendezvous|rpc error: code =|statusError\{/i, 'a gRPC error of another service'],
  [/\b(?!generativelanguage\b|aiplatform\b|cloudaicompanion\b|type\b)[a-z0-9-]+\.googleapis\.com/, 'another Google API'],
  [/\b(?:Dialogflow|dialogflow|Cloud Translation|Datastore|datastore|Firestore|BigQuery|streamingRecognize|RecognizeFile|Speech-to-Text)\b/, 'another Google Cloud service'],
  [/\b(?:etcd|kubectl|kubernetes|apiserver|metav1)\b/i, 'Kubernetes or etcd'],
  [/HTTP\/[12](?:\.[01])?"\s+\d{3}|\bnginx\b|cloudflare|cdn-cgi|<!DOCTYPE html|<html\b/i, 'a web server or proxy'],
  [/openai|\bgpt-[0-9o]|anthropic|\bclaude\b|overloaded_error/i, 'another AI provider'],
];

export interface Evidence {
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

function found(list: readonly (readonly [RegExp, string])[], text: string): string[] {
  const labels: string[] = [];
  for (const [re, label] of list) {
    if (re.test(text) && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** What in `text` says Gemini, and what says another system. */
export function assessEvidence(text: string): Evidence {
  return { positive: found(positive, text), negative: found(negative, text) };
}
