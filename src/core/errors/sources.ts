/**
 * The catalog cites its facts by the names its authors use (the troubleshooting guide's copy, the
 * facts sheet's sections, `python-genai#1446`). Users see the public pages behind those names.
 */
import type { DocLink } from './types';

const TROUBLESHOOTING: DocLink = { title: 'Gemini API troubleshooting guide', url: 'https://ai.google.dev/gemini-api/docs/troubleshooting' };

/** The public page behind each section of the facts sheet (each section cites it). */
const FACT_SECTIONS: Readonly<Record<string, DocLink>> = {
  '1': TROUBLESHOOTING,
  '2': { title: 'Google API error model', url: 'https://cloud.google.com/apis/design/errors' },
  '3': TROUBLESHOOTING,
  '4': { title: 'Gemini API libraries', url: 'https://ai.google.dev/gemini-api/docs/libraries' },
  '5': { title: 'API reference: FinishReason and BlockedReason', url: 'https://ai.google.dev/api/generate-content#FinishReason' },
  '6': { title: 'API reference: models', url: 'https://ai.google.dev/api/models' },
  '7': { title: 'API reference: GenerationConfig', url: 'https://ai.google.dev/api/generate-content#generationconfig' },
  '9': TROUBLESHOOTING,
  '12': { title: 'Gemini deprecations', url: 'https://ai.google.dev/gemini-api/docs/deprecations' },
  '13': TROUBLESHOOTING,
};

/** Short repository names the catalog uses for the SDKs' public repositories. */
const REPOSITORIES: Readonly<Record<string, string>> = {
  'python-genai': 'googleapis/python-genai',
  'js-genai': 'googleapis/js-genai',
  'go-genai': 'googleapis/go-genai',
  'java-genai': 'googleapis/java-genai',
  'dotnet-genai': 'googleapis/dotnet-genai',
  'deprecated-generative-ai-python': 'google-gemini/deprecated-generative-ai-python',
  'deprecated-generative-ai-js': 'google-gemini/deprecated-generative-ai-js',
  cookbook: 'google-gemini/cookbook',
};

// Bounded quantifiers on disjoint character classes: linear on any input.
const REFERENCE_RE = /gemini-troubleshooting-guide\.txt|gemini-facts\.md §(\d{1,2})|\b([A-Za-z0-9][A-Za-z0-9_.-]{0,60}\/)?([A-Za-z0-9][A-Za-z0-9_.-]{0,60})#(\d{1,7})\b|discuss\.ai\.google\.dev t\/(\d{1,9})|\bai\.google\.dev(\/[A-Za-z0-9\-._~/#]{0,200})?/g;

/**
 * The public pages a catalog `source` names, in order, without repeats: the troubleshooting guide,
 * the page behind a facts-sheet section, public issue threads, forum threads and ai.google.dev pages.
 * Names without a public page behind them are left out.
 */
export function publicSources(source: string): DocLink[] {
  const found: DocLink[] = [];
  const add = (doc: DocLink | undefined) => {
    if (doc && !found.some((d) => d.url === doc.url)) found.push(doc);
  };
  for (const m of source.slice(0, 2000).matchAll(REFERENCE_RE)) {
    if (m[0].startsWith('gemini-troubleshooting-guide')) add(TROUBLESHOOTING);
    else if (m[1] !== undefined) add(FACT_SECTIONS[m[1]]);
    else if (m[5] !== undefined) add({ title: `Google AI developer forum, thread ${m[5]}`, url: `https://discuss.ai.google.dev/t/${m[5]}` });
    else if (m[4] !== undefined) {
      const repository = m[2] ? `${m[2]}${m[3]}` : REPOSITORIES[m[3]!];
      if (repository) add({ title: `${repository}#${m[4]}`, url: `https://github.com/${repository}/issues/${m[4]}` });
    } else add({ title: `ai.google.dev${m[6] ?? ''}`, url: `https://ai.google.dev${m[6] ?? ''}` });
  }
  return found;
}
