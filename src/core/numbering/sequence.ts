import { isValidDate } from '../time/dates.ts';

/**
 * How a number sequence (autonumberer) turns a counter value into a document number. The counter
 * itself lives in a database row per (sequence, resetKey) and is advanced inside the issuing
 * transaction; this module only decides the key, the next value and the text.
 */
export interface SequenceFormat {
  prefix: string;
  /** Minimum digits of {SEQ}; longer values are never truncated. */
  padding: number;
  increment: number;
  start: number;
  reset: SequenceReset;
  /** Tokens {PREFIX} {YYYY} {YY} {MM} {DD} {SEQ}; everything else is literal. Null or '' means prefix + {SEQ}. */
  pattern?: string | null;
}

export type SequenceReset = 'never' | 'yearly' | 'monthly';

export const SEQUENCE_RESETS: readonly SequenceReset[] = ['never', 'yearly', 'monthly'];

export const SEQUENCE_TOKENS = ['PREFIX', 'YYYY', 'YY', 'MM', 'DD', 'SEQ'] as const;

// One pass over the pattern: a prefix that itself contains "{SEQ}" stays literal instead of being
// expanded a second time.
const TOKEN_REGEX = /\{(PREFIX|YYYY|YY|MM|DD|SEQ)\}/g;

function splitIssueDate(issueDate: string): { year: string; month: string; day: string } {
  if (!isValidDate(issueDate)) throw new RangeError(`issueDate must be YYYY-MM-DD, got ${JSON.stringify(issueDate)}`);
  return { year: issueDate.slice(0, 4), month: issueDate.slice(5, 7), day: issueDate.slice(8, 10) };
}

/**
 * The counter partition an issue date falls in: '' (never resets), '2024' (yearly) or '2024-03'
 * (monthly). Numbers restart at `start` whenever this key changes.
 */
export function resetKey(format: Pick<SequenceFormat, 'reset'>, issueDate: string): string {
  const { year, month } = splitIssueDate(issueDate);
  switch (format.reset) {
    case 'never':
      return '';
    case 'yearly':
      return year;
    case 'monthly':
      return `${year}-${month}`;
    default:
      throw new RangeError(`Unknown reset: ${JSON.stringify(format.reset satisfies never)}`);
  }
}

/** The value after `lastValue` in the same partition; `start` for the first number of a partition. */
export function nextValue(format: Pick<SequenceFormat, 'start' | 'increment'>, lastValue: number | null): number {
  if (lastValue === null) return format.start;
  const next = lastValue + format.increment;
  // Past 2^53 two different counters could print the same number; refuse rather than duplicate.
  if (!Number.isSafeInteger(next)) throw new RangeError(`Sequence overflow after ${lastValue}`);
  return next;
}

/**
 * The document number for a counter value issued on issueDate, e.g. prefix 'TEST', padding 4,
 * value 1 → 'TEST0001'; pattern 'INV-{YYYY}-{SEQ}' → 'INV-2024-0001'. Date tokens come from the
 * issue date (not the service period), which is what legal numbering series follow.
 */
export function formatNumber(format: SequenceFormat, value: number, issueDate: string): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Sequence value must be a non-negative integer, got ${value}`);
  }
  const { year, month, day } = splitIssueDate(issueDate);
  const seq = String(value).padStart(format.padding, '0');
  if (!format.pattern) return format.prefix + seq;
  const tokens: Record<(typeof SEQUENCE_TOKENS)[number], string> = {
    PREFIX: format.prefix,
    YYYY: year,
    YY: year.slice(2),
    MM: month,
    DD: day,
    SEQ: seq,
  };
  return format.pattern.replace(TOKEN_REGEX, (_match, token: keyof typeof tokens) => tokens[token]);
}
