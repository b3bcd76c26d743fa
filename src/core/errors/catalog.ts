import { messageEntries } from './messages';
import { blockReasonEntries, finishReasonEntries } from './reasons';
import { interactionsEntries, statusEntries } from './statuses';
import type { CatalogEntry, MessageEntry, ReasonEntry } from './types';

/** Every entry of the error catalog, for lookups, docs and invariant tests. */
export const catalog: readonly CatalogEntry[] = [
  ...statusEntries,
  ...interactionsEntries,
  ...finishReasonEntries,
  ...blockReasonEntries,
  ...messageEntries,
];

export const messages: readonly MessageEntry[] = messageEntries;
export const finishReasons: readonly ReasonEntry[] = finishReasonEntries;
export const blockReasons: readonly ReasonEntry[] = blockReasonEntries;

const statusByName = new Map<string, CatalogEntry>(statusEntries.filter((e) => e.httpCode !== 402).map((e) => [e.status, e]));
const statusByCode = new Map<number, CatalogEntry>();
for (const entry of statusEntries) {
  // The first row for a code is its canonical status (400 -> INVALID_ARGUMENT, not FAILED_PRECONDITION).
  if (!statusByCode.has(entry.httpCode)) statusByCode.set(entry.httpCode, entry);
}
const finishByName = new Map<string, ReasonEntry>(finishReasonEntries.map((e) => [e.status, e]));
const finishByNumber = new Map<number, ReasonEntry>(
  finishReasonEntries.flatMap((e): [number, ReasonEntry][] => ('legacyNumber' in e ? [[e.legacyNumber, e]] : [])),
);
const blockByName = new Map<string, ReasonEntry>(blockReasonEntries.map((e) => [e.status, e]));
const interactionsByCode = new Map(interactionsEntries.map((e) => [e.status, e]));

/**
 * The status entry for a status name and/or HTTP code. The name decides when both are given (400 is
 * INVALID_ARGUMENT or FAILED_PRECONDITION); 402 is the prepayment entry whatever its status says.
 */
export function statusEntry(status: string | undefined, httpCode: number | undefined): CatalogEntry | undefined {
  if (httpCode === 402) return statusByCode.get(402);
  if (status !== undefined) return statusByName.get(status);
  return httpCode === undefined ? undefined : statusByCode.get(httpCode);
}

/** The HTTP code that goes with a status name when the text gives none. */
export function canonicalCode(status: string): number | undefined {
  return statusByName.get(status)?.httpCode;
}

export function finishReason(nameOrNumber: string): ReasonEntry | undefined {
  return /^\d+$/.test(nameOrNumber) ? finishByNumber.get(Number(nameOrNumber)) : finishByName.get(nameOrNumber);
}

export function blockReason(name: string): ReasonEntry | undefined {
  return blockByName.get(name);
}

export function interactionsCode(code: string): CatalogEntry | undefined {
  return interactionsByCode.get(code);
}

/** Interactions codes, longest first, for completing a code that a terminal wrapped over two lines. */
export const interactionsCodes: readonly string[] = [...interactionsByCode.keys()].sort((a, b) => b.length - a.length);
