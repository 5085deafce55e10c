import { Temporal } from 'temporal-polyfill';

/**
 * Calendar dates ("YYYY-MM-DD", ISO calendar) as plain strings. Service periods, issue dates and due
 * dates are dates, not instants: they only become instants once a time zone is chosen (see zones.ts).
 *
 * The arithmetic here counts days since 1970-01-01 in plain integers (the proleptic Gregorian
 * calendar, as Temporal's ISO calendar): a session produces tens of thousands of charge periods, and
 * a Temporal object per step cost seconds of CPU. The tests check it against Temporal.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The year, month and day of a date, or null unless it is a real date written exactly as YYYY-MM-DD. */
export function dateParts(value: string): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const match = DATE_PATTERN.exec(value);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Year 0 exists in the ISO calendar but never on an invoice; refusing it keeps every date 4-digit.
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written exactly as YYYY-MM-DD (so "2018-02-30" and "2018-2-3" fail). */
export function isValidDate(value: string): boolean {
  return dateParts(value) !== null;
}

/** Days in a month of the ISO calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYY-MM-DD of a year, month and day, refusing years that would need an expanded (±YYYYYY) form. */
export function formatDate(year: number, month: number, day: number): string {
  if (year < 1 || year > 9999) throw new RangeError(`Date out of the supported range (0001–9999): year ${year}`);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function parse(value: string): { year: number; month: number; day: number } {
  const parts = dateParts(value);
  if (parts === null) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return parts;
}

/** Days from 1970-01-01 to a valid date (civil-to-days over 400-year eras). */
function epochDay(value: string): number {
  const { year, month, day } = parse(value);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date `days` days after 1970-01-01. */
function fromEpochDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** Parses a date, throwing a RangeError for anything {@link isValidDate} refuses. */
export function toPlainDate(value: string): Temporal.PlainDate {
  const { year, month, day } = parse(value);
  return new Temporal.PlainDate(year, month, day);
}

/** Formats a PlainDate as YYYY-MM-DD, refusing years that would need an expanded (±YYYYYY) form. */
export function fromPlainDate(date: Temporal.PlainDate): string {
  return formatDate(date.year, date.month, date.day);
}

/** Adds (or, when negative, subtracts) whole calendar days. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(epochDay(date) + days);
}

/** -1, 0 or 1, like a sort comparator. Valid YYYY-MM-DD strings also compare correctly as text. */
export function compareDates(a: string, b: string): number {
  return Math.sign(epochDay(a) - epochDay(b));
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}
