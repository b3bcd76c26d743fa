import { docs } from './statuses';
import type { ReasonEntry } from './types';

const FACTS_5 = 'FinishReason, ai.google.dev/api/generate-content#FinishReason (numbers: the generativelanguage proto, github.com/googleapis/googleapis)';
const GUIDE_SAFETY = 'Gemini API troubleshooting guide (ai.google.dev/gemini-api/docs/troubleshooting): "Safety issues"';
const GUIDE_RECITATION = 'Gemini API troubleshooting guide (ai.google.dev/gemini-api/docs/troubleshooting): "Recitation issue"';

const noRetry = 'no' as const;

/** Why a candidate stopped (`candidates[].finishReason`): every FinishReason value. */
export const finishReasonEntries = [
  {
    id: 'finish-reason-unspecified', kind: 'finish-reason', status: 'FINISH_REASON_UNSPECIFIED', benign: true,
    title: 'No finish reason', meaning: 'The finish reason was not set.', cause: 'Usually a response chunk in the middle of a stream.',
    fix: 'Nothing to fix: read the finish reason of the last chunk.', retry: noRetry, docs: [docs.finishReason], source: FACTS_5,
  },
  {
    id: 'finish-reason-stop', kind: 'finish-reason', status: 'STOP', benign: true, legacyNumber: 1,
    title: 'Finished normally', meaning: 'The model reached a natural stopping point or one of the stop sequences.', cause: 'Normal completion.',
    fix: 'Nothing to fix. If the text is still empty, look at the parts: the answer may be a function call.', retry: noRetry, docs: [docs.finishReason], source: FACTS_5,
  },
  {
    id: 'finish-reason-max-tokens', kind: 'finish-reason', status: 'MAX_TOKENS', legacyNumber: 2,
    title: 'Output token limit reached',
    meaning: 'Generation stopped because the output reached maxOutputTokens.',
    cause: 'maxOutputTokens is too low for the answer. On thinking models (2.5, 3) an empty or cut text very often means the thinking tokens used up the budget before any answer was written.',
    fix: 'Raise maxOutputTokens (up to the model\'s output limit), or lower the thinking budget (thinkingBudget) or thinking level so that tokens are left for the answer.',
    retry: noRetry, docs: [docs.thinking, docs.tokens], see: ['token-limits', 'parameter-ranges'],
    source: `${FACTS_5}; github.com/googleapis/python-genai/issues/811; github.com/googleapis/js-genai/issues/686`,
  },
  {
    id: 'finish-reason-safety', kind: 'finish-reason', status: 'SAFETY', legacyNumber: 3,
    title: 'Stopped by a safety filter', meaning: 'The candidate was flagged for safety reasons and its content withheld.',
    cause: 'The output crossed a safety threshold: the safetyRatings of the candidate say which category.',
    fix: 'Review the prompt with respect to the safety settings in the call; adjust `safetySettings` thresholds for the category that blocked, where your use case allows.',
    retry: noRetry, docs: [docs.safety], see: ['safety'], source: `${FACTS_5}; ${GUIDE_SAFETY}`,
  },
  {
    id: 'finish-reason-recitation', kind: 'finish-reason', status: 'RECITATION', legacyNumber: 4,
    title: 'Output resembles existing data', meaning: 'The model stopped because the output may resemble (recite) existing data.',
    cause: 'The prompt or context leads the model to reproduce known text, such as song lyrics, licensed text or code.',
    fix: 'Make the prompt and context as unique as possible and use a higher temperature.',
    retry: noRetry, docs: [docs.troubleshooting], see: ['recitation'], source: `${FACTS_5}; ${GUIDE_RECITATION}`,
  },
  {
    id: 'finish-reason-other', kind: 'finish-reason', status: 'OTHER', legacyNumber: 5,
    title: 'Stopped for another reason', meaning: 'The model stopped for a reason not covered by the others.',
    cause: 'Non-configurable filters, content that may violate the terms of service, or an unsupported request.',
    fix: 'Rephrase the request; check it against the terms of service. Changing safety settings does not affect this reason.',
    retry: 'maybe', docs: [docs.finishReason, docs.terms], see: ['safety'], source: `${FACTS_5}; ${GUIDE_SAFETY}`,
  },
  {
    id: 'finish-reason-language', kind: 'finish-reason', status: 'LANGUAGE', legacyNumber: 6,
    title: 'Unsupported language', meaning: 'The candidate was stopped because it uses a language that is not supported.',
    cause: 'The prompt or requested output is in a language outside the supported set.',
    fix: 'Use one of the supported languages.', retry: noRetry, docs: [docs.models], see: ['supported-languages'], source: FACTS_5,
  },
  {
    id: 'finish-reason-blocklist', kind: 'finish-reason', status: 'BLOCKLIST', legacyNumber: 7,
    title: 'Blocked term', meaning: 'Generation stopped because the output contains a term from a blocklist.',
    cause: 'The output contained forbidden terms.', fix: 'Rephrase the prompt to avoid the blocked terms.',
    retry: noRetry, docs: [docs.finishReason], see: ['safety'], source: FACTS_5,
  },
  {
    id: 'finish-reason-prohibited-content', kind: 'finish-reason', status: 'PROHIBITED_CONTENT', legacyNumber: 8,
    title: 'Prohibited content', meaning: 'Generation stopped because the output may contain prohibited content.',
    cause: 'Content that non-configurable filters always block; safety settings do not change this.',
    fix: 'Change the request; this filter cannot be turned off.', retry: noRetry, docs: [docs.safety, docs.terms], see: ['safety'], source: FACTS_5,
  },
  {
    id: 'finish-reason-spii', kind: 'finish-reason', status: 'SPII', legacyNumber: 9,
    title: 'Sensitive personal information', meaning: 'Generation stopped because the output may contain sensitive personally identifiable information (SPII).',
    cause: 'The answer would include personal data such as identification numbers.', fix: 'Do not ask for, or provide, sensitive personal data.',
    retry: noRetry, docs: [docs.finishReason], see: ['safety'], source: FACTS_5,
  },
  {
    id: 'finish-reason-malformed-function-call', kind: 'finish-reason', status: 'MALFORMED_FUNCTION_CALL', legacyNumber: 10,
    title: 'Malformed function call', meaning: 'The model produced a function call that is not valid, so no content was returned.',
    cause: 'Function declarations that are ambiguous or too complex (deep schemas, many tools), or a prompt that pushes the model to call in an unexpected shape.',
    fix: 'Simplify the function declarations and their schemas, describe parameters precisely, and retry; consider function-calling mode ANY or fewer tools.',
    retry: 'maybe', docs: [docs.functionCalling], source: FACTS_5,
  },
  {
    id: 'finish-reason-image-safety', kind: 'finish-reason', status: 'IMAGE_SAFETY', legacyNumber: 11,
    title: 'Generated image blocked for safety', meaning: 'Image generation stopped because the image violates safety rules.',
    cause: 'The requested image crosses a safety filter.', fix: 'Change the prompt of the image.', retry: noRetry, docs: [docs.safety], see: ['safety'], source: FACTS_5,
  },
  {
    id: 'finish-reason-unexpected-tool-call', kind: 'finish-reason', status: 'UNEXPECTED_TOOL_CALL', legacyNumber: 12,
    title: 'Unexpected tool call', meaning: 'The model called a tool although no tools are enabled for the request.',
    cause: 'The prompt asks for a tool (for example code execution or search) that the request does not declare.',
    fix: 'Declare the tool in the request, or rephrase the prompt so that no tool is needed.', retry: noRetry, docs: [docs.functionCalling], source: FACTS_5,
  },
  {
    id: 'finish-reason-too-many-tool-calls', kind: 'finish-reason', status: 'TOO_MANY_TOOL_CALLS',
    title: 'Too many tool calls', meaning: 'The model called tools too many times in a row.', cause: 'A loop of tool calls, often from a tool that never returns what the model expects.',
    fix: 'Check the tool results you send back, and limit or restructure the tools.', retry: noRetry, docs: [docs.functionCalling], source: FACTS_5,
  },
  {
    id: 'finish-reason-image-prohibited-content', kind: 'finish-reason', status: 'IMAGE_PROHIBITED_CONTENT',
    title: 'Generated image has prohibited content', meaning: 'Image generation stopped because the image may contain prohibited content.',
    cause: 'Non-configurable filters block the image.', fix: 'Change the prompt of the image.', retry: noRetry, docs: [docs.safety], see: ['safety'], source: FACTS_5,
  },
  {
    id: 'finish-reason-no-image', kind: 'finish-reason', status: 'NO_IMAGE',
    title: 'No image generated', meaning: 'The model was expected to generate an image but did not.', cause: 'The prompt did not lead to an image.',
    fix: 'Ask explicitly for an image, and check that the model and response modalities support image output.', retry: 'maybe', docs: [docs.finishReason], source: FACTS_5,
  },
  {
    id: 'finish-reason-image-recitation', kind: 'finish-reason', status: 'IMAGE_RECITATION',
    title: 'Generated image resembles existing data', meaning: 'Image generation stopped because the image may resemble existing data.',
    cause: 'The prompt asks for a close reproduction of existing images.', fix: 'Make the prompt more original.', retry: noRetry, docs: [docs.finishReason], see: ['recitation'], source: FACTS_5,
  },
  {
    id: 'finish-reason-image-other', kind: 'finish-reason', status: 'IMAGE_OTHER',
    title: 'Image stopped for another reason', meaning: 'Image generation stopped for a reason not covered by the others.', cause: 'Unspecified by the API.',
    fix: 'Rephrase the prompt of the image.', retry: 'maybe', docs: [docs.finishReason], source: FACTS_5,
  },
] as const satisfies readonly ReasonEntry[];

const FACTS_5_BLOCK = 'BlockedReason, ai.google.dev/api/generate-content#BlockedReason';

/** Why the prompt itself was blocked (`promptFeedback.blockReason`): every BlockedReason value. */
export const blockReasonEntries = [
  {
    id: 'block-reason-unspecified', kind: 'block-reason', status: 'BLOCKED_REASON_UNSPECIFIED', benign: true,
    title: 'No block reason', meaning: 'The block reason was not set.', cause: 'The prompt was not blocked.', fix: 'Nothing to fix.',
    retry: noRetry, docs: [docs.blockedReason], source: FACTS_5_BLOCK,
  },
  {
    id: 'block-reason-safety', kind: 'block-reason', status: 'SAFETY',
    title: 'Prompt blocked by a safety filter', meaning: 'The prompt was blocked for safety reasons; no candidates were generated.',
    cause: 'The prompt crossed a threshold of the safety settings in the call (promptFeedback.safetyRatings say which category).',
    fix: 'Review the prompt with respect to the filters you set in the API call, and adjust `safetySettings` where your use case allows.',
    retry: noRetry, docs: [docs.safety], see: ['safety'], source: `${FACTS_5_BLOCK}; ${GUIDE_SAFETY}`,
  },
  {
    id: 'block-reason-other', kind: 'block-reason', status: 'OTHER',
    title: 'Prompt blocked for another reason', meaning: 'The prompt was blocked for a reason the API does not name.',
    cause: 'The query or response may violate the terms of service or be otherwise unsupported; non-configurable filters, so it happens even with safety settings off.',
    fix: 'Check the prompt against the terms of service and rephrase it; turning safety settings off does not change this.',
    retry: noRetry, docs: [docs.terms, docs.safety], see: ['safety', 'supported-languages'],
    source: `${FACTS_5_BLOCK} (github.com/google-gemini/deprecated-generative-ai-python/issues/305); ${GUIDE_SAFETY}`,
  },
  {
    id: 'block-reason-blocklist', kind: 'block-reason', status: 'BLOCKLIST',
    title: 'Prompt contains a blocked term', meaning: 'The prompt was blocked because it contains terms from the terminology blocklist.',
    cause: 'A forbidden term in the prompt.', fix: 'Remove or rephrase the blocked terms.', retry: noRetry, docs: [docs.blockedReason], see: ['safety'], source: FACTS_5_BLOCK,
  },
  {
    id: 'block-reason-prohibited-content', kind: 'block-reason', status: 'PROHIBITED_CONTENT',
    title: 'Prompt has prohibited content', meaning: 'The prompt was blocked because it may contain prohibited content.',
    cause: 'Non-configurable filters block it, whatever the safety settings (github.com/googleapis/python-genai/issues/774).', fix: 'Change the prompt; this filter cannot be turned off.',
    retry: noRetry, docs: [docs.safety, docs.terms], see: ['safety'], source: `${FACTS_5_BLOCK}; github.com/google-gemini/deprecated-generative-ai-python/issues/305`,
  },
  {
    id: 'block-reason-image-safety', kind: 'block-reason', status: 'IMAGE_SAFETY',
    title: 'Prompt image blocked for safety', meaning: 'The prompt was blocked because of unsafe image content.', cause: 'An image in the prompt crosses a safety filter.',
    fix: 'Remove or replace the image.', retry: noRetry, docs: [docs.safety], see: ['safety'], source: FACTS_5_BLOCK,
  },
] as const satisfies readonly ReasonEntry[];
