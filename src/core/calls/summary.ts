/** The one-line outcome of a validation, the same in the editor and the CLI. */
import type { CallFinding } from './validate';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "1 Gemini call checked, 3 problems", or without a call "no Gemini call found; 1 retired model name"
 * (a retired model named in code is still worth saying, but it is not a checked call). Info notes are
 * not problems.
 */
export function outcomeSummary(calls: number, findings: readonly Pick<CallFinding, 'ruleId' | 'severity'>[]): string {
  const problems = findings.filter((f) => f.severity !== 'info');
  if (calls > 0) return `${plural(calls, 'Gemini call')} checked, ${problems.length === 0 ? 'no problems' : plural(problems.length, 'problem')}`;
  if (problems.length === 0) return 'no Gemini call found';
  const retired = problems.filter((f) => f.ruleId === 'model-retired').length;
  const others = problems.length - retired;
  const parts = [...(retired > 0 ? [plural(retired, 'retired model name')] : []), ...(others > 0 ? [plural(others, retired > 0 ? 'other problem' : 'problem')] : [])];
  return `no Gemini call found; ${parts.join(', ')}`;
}
