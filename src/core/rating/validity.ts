import { Temporal } from 'temporal-polyfill';

// Rate plans and their assignments to customers are valid over half-open intervals
// [validFrom, validTo): validFrom inclusive, validTo exclusive, null meaning open-ended. Half-open
// intervals tile time: a plan ending at 2024-02-01 and its successor starting at 2024-02-01
// never both apply, and no instant falls between them.

/** Anything with a validity interval; boundaries are ISO dates or ISO instants (with offset or Z). */
export interface Validity {
  validFrom: string;
  validTo: string | null;
}

export interface PickValidOptions {
  /** Zone in which date-only boundaries (and a date-only `at`) start; default "UTC". */
  timeZone?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Returns the item valid at `at`, or undefined. When several overlap, the one with the latest
 * validFrom wins (the newer plan supersedes the older), and among equal validFrom the later item
 * in the array wins. A date-only boundary means the start of that day in options.timeZone.
 * Throws a RangeError for unparseable boundaries or an unknown time zone.
 */
export function pickValid<T extends Validity>(
  items: readonly T[],
  at: string,
  options: PickValidOptions = {},
): T | undefined {
  const timeZone = options.timeZone ?? 'UTC';
  const atNs = toEpochNanoseconds(at, timeZone);
  let best: T | undefined;
  let bestFromNs = 0n;
  for (const item of items) {
    const fromNs = toEpochNanoseconds(item.validFrom, timeZone);
    if (fromNs > atNs) continue;
    if (item.validTo !== null && atNs >= toEpochNanoseconds(item.validTo, timeZone)) continue;
    if (best === undefined || fromNs >= bestFromNs) {
      best = item;
      bestFromNs = fromNs;
    }
  }
  return best;
}

/** True when `at` lies in [validFrom, validTo). */
export function isValidAt(item: Validity, at: string, options: PickValidOptions = {}): boolean {
  return pickValid([item], at, options) !== undefined;
}

function toEpochNanoseconds(text: string, timeZone: string): bigint {
  try {
    if (DATE_ONLY.test(text)) {
      return Temporal.PlainDate.from(text).toZonedDateTime({ timeZone }).epochNanoseconds;
    }
    return Temporal.Instant.from(text).epochNanoseconds;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RangeError(`invalid validity boundary "${text}" in ${timeZone}: ${reason}`);
  }
}
