import type { GuideSection, GuideSectionId } from './types';

const GUIDE = 'Gemini API troubleshooting guide (ai.google.dev/gemini-api/docs/troubleshooting)';

/**
 * The troubleshooting guide's sections besides its error table, in the project's own words.
 * Entries of the catalog link them (`see`), so a hover reaches the section that applies.
 */
export const guideSections = [
  {
    id: 'api-key',
    title: 'API key setup',
    text: 'Many key problems come from a key that is not set where the SDK looks (GOOGLE_API_KEY or GEMINI_API_KEY) or that belongs to another project.',
    url: 'https://ai.google.dev/gemini-api/docs/api-key',
    source: `${GUIDE}: introduction`,
  },
  {
    id: 'parameter-ranges',
    title: 'Model parameter ranges',
    text: 'candidateCount 1–8; temperature and topP within the model\'s range (the guide gives 0.0–1.0 for the models of its time; current models report maxTemperature 2.0); maxOutputTokens at most the model\'s output token limit, which `models.get` returns.',
    url: 'https://ai.google.dev/gemini-api/docs/troubleshooting#check-api',
    source: `${GUIDE}: "Check your API calls for model parameter errors"; ai.google.dev/gemini-api/docs/thinking`,
  },
  {
    id: 'api-versions',
    title: 'API versions',
    text: 'Use the API version that has the feature you call: features in beta exist only under /v1beta. Calling a newer feature on an older endpoint fails with 400 or 404.',
    url: 'https://ai.google.dev/gemini-api/docs/api-versions',
    source: `${GUIDE}: "Check your API calls for model parameter errors"`,
  },
  {
    id: 'check-model',
    title: 'Check that you have the right model',
    text: 'Use a model listed on the models page, and check its name with ListModels (`models.list`): retired and misspelled names answer 404.',
    url: 'https://ai.google.dev/gemini-api/docs/models',
    source: `${GUIDE}: "Check if you have the right model"`,
  },
  {
    id: 'safety',
    title: 'Safety issues',
    text: 'If a prompt was blocked by a safety setting, review it against the filters set in the call. BlockedReason.OTHER means the query or response may violate the terms of service or be otherwise unsupported.',
    url: 'https://ai.google.dev/gemini-api/docs/safety-settings',
    source: `${GUIDE}: "Safety issues"`,
  },
  {
    id: 'recitation',
    title: 'Recitation issue',
    text: 'RECITATION means the output may resemble existing data. Make the prompt and context as unique as possible and use a higher temperature.',
    url: 'https://ai.google.dev/gemini-api/docs/troubleshooting#recitation-issue',
    source: `${GUIDE}: "Recitation issue"`,
  },
  {
    id: 'improve-output',
    title: 'Improve model output',
    text: 'Structured prompts give better output; with hundreds of good input/output examples, consider model tuning.',
    url: 'https://ai.google.dev/gemini-api/docs/prompting-strategies',
    source: `${GUIDE}: "Improve model output"`,
  },
  {
    id: 'token-limits',
    title: 'Token limits',
    text: 'Every model has an input and an output token limit; count tokens (`countTokens`) before sending large inputs.',
    url: 'https://ai.google.dev/gemini-api/docs/tokens',
    source: `${GUIDE}: "Understand token limits"`,
  },
  {
    id: 'supported-languages',
    title: 'Supported languages',
    text: 'The API supports a set of languages; prompts in other languages can give unexpected or blocked responses.',
    url: 'https://ai.google.dev/gemini-api/docs/models#supported-languages',
    source: `${GUIDE}: "Known issues"`,
  },
  {
    id: 'file-a-bug',
    title: 'Ask or report',
    text: 'If the problem persists, ask on the Google AI developer forum or report it with "Send feedback" in Google AI Studio.',
    url: 'https://discuss.ai.google.dev',
    source: `${GUIDE}: "File a bug"`,
  },
] as const satisfies readonly GuideSection[];

const byId = new Map<GuideSectionId, GuideSection>(guideSections.map((s) => [s.id, s]));

/** The guide section with this id. */
export function guideSection(id: GuideSectionId): GuideSection {
  const section = byId.get(id);
  if (!section) throw new Error(`unknown guide section ${id}`);
  return section;
}
