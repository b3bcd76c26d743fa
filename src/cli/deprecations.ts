/** `validate --deprecations-within DAYS`: a model-deprecated finding becomes an error when its shutdown is that close. */
import { daysUntil } from '../core/models/lifecycle';
import type { CallFinding } from '../core/calls/validate';
import { InputError } from './lineStream';

/** The DAYS of `--deprecations-within DAYS` (or `=DAYS`), undefined without the option. */
export function deprecationsWithin(args: readonly string[]): number | undefined {
  const at = args.findIndex((a) => a === '--deprecations-within' || a.startsWith('--deprecations-within='));
  if (at < 0) return undefined;
  const text = args[at]!.includes('=') ? args[at]!.slice(args[at]!.indexOf('=') + 1) : args[at + 1];
  if (text === undefined || !/^\d{1,5}$/.test(text)) throw new InputError(`--deprecations-within needs a number of days (got '${text ?? ''}')`);
  return Number(text);
}

/** The finding as an error when it is a deprecation whose shutdown falls within `days` of `today`. */
export function escalate<F extends CallFinding>(finding: F, days: number | undefined, today: string | undefined): F {
  if (days === undefined || !today || finding.ruleId !== 'model-deprecated' || !finding.shutdown) return finding;
  const left = daysUntil(finding.shutdown, today);
  return left !== undefined && left <= days ? { ...finding, severity: 'error' } : finding;
}
