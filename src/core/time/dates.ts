import { Temporal } from 'temporal-polyfill';

/**
 * Calendar dates ("YYYY-MM-DD", ISO calendar) as plain strings. Service periods, issue dates and due
 * dates are dates, not instants: they only become instants once a time zone is chosen (see zones.ts).
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written exactly as YYYY-MM-DD (so "2018-02-30" and "2018-2-3" fail). */
export function isValidDate(value: string): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Year 0 exists in the ISO calendar but never on an invoice; refusing it keeps toString() 4-digit.
  if (year < 1) return false;
  return day <= new Temporal.PlainDate(year, month, 1).daysInMonth;
}

/** Parses a date, throwing a RangeError for anything {@link isValidDate} refuses. */
export function toPlainDate(value: string): Temporal.PlainDate {
  if (!isValidDate(value)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return Temporal.PlainDate.from(value);
}

/** Formats a PlainDate as YYYY-MM-DD, refusing years that would need an expanded (±YYYYYY) form. */
export function fromPlainDate(date: Temporal.PlainDate): string {
  const text = date.toString();
  if (!isValidDate(text)) throw new RangeError(`Date out of the supported range (0001–9999): ${text}`);
  return text;
}

/** Adds (or, when negative, subtracts) whole calendar days. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromPlainDate(toPlainDate(date).add({ days }));
}

/** -1, 0 or 1, like a sort comparator. Valid YYYY-MM-DD strings also compare correctly as text. */
export function compareDates(a: string, b: string): number {
  return Temporal.PlainDate.compare(toPlainDate(a), toPlainDate(b));
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toPlainDate(from).until(toPlainDate(to), { largestUnit: 'days' }).days;
}
