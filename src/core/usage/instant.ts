import { Temporal } from 'temporal-polyfill';

// Call start times arrive by the million. Temporal parses and prints them exactly, but printing an
// Instant costs several microseconds, which made timestamps the slowest step of validation. Almost
// every switch writes the canonical form "2018-10-05T10:00:00Z" (optionally with a fraction), so
// that form is read here with a regular expression and integer arithmetic; anything else (offsets,
// lowercase separators, leap seconds, years before 1000) goes through Temporal. Both paths give the
// same text and instant: a property test checks the fast path against Temporal.

/** An instant as validation needs it: the canonical UTC text and a cheap value to compare. */
export interface ParsedInstant {
  /** Temporal's canonical UTC form, e.g. "2018-10-05T10:00:00Z" or "…:00.25Z". */
  iso: string;
  /** Milliseconds since the epoch, rounded toward negative infinity. */
  epochMs: number;
  /** Nanoseconds past epochMs (0–999,999). */
  subMsNanos: number;
}

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

/** Parses an ISO 8601 instant with an offset or Z; undefined when it is not one. */
export function parseInstant(text: string): ParsedInstant | undefined {
  return parseCanonical(text) ?? parseWithTemporal(text);
}

function parseCanonical(text: string): ParsedInstant | undefined {
  const m = CANONICAL.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  // Leap seconds and two-digit-era years have special rules: leave them to Temporal.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  const nanos = fraction === '' ? 0 : Number(fraction.padEnd(9, '0'));
  const subMsNanos = nanos % 1_000_000;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, (nanos - subMsNanos) / 1_000_000);
  const iso = fraction === '' ? `${text.slice(0, 19)}Z` : `${text.slice(0, 19)}.${fraction}Z`;
  return { iso, epochMs, subMsNanos };
}

function parseWithTemporal(text: string): ParsedInstant | undefined {
  let instant: Temporal.Instant;
  try {
    instant = Temporal.Instant.from(text);
  } catch {
    return undefined;
  }
  // Floor division, so that (epochMs, subMsNanos) means the same on both paths, before 1970 too.
  const ns = instant.epochNanoseconds;
  let sub = ns % 1_000_000n;
  if (sub < 0n) sub += 1_000_000n;
  return { iso: instant.toString(), epochMs: Number((ns - sub) / 1_000_000n), subMsNanos: Number(sub) };
}

/** parseInstant, limited to years 0001–9999: what a PostgreSQL timestamp (no year 0) and a call can hold. */
export function parseCallInstant(text: string): ParsedInstant | undefined {
  const parsed = parseInstant(text);
  return parsed !== undefined && /^\d{4}-/.test(parsed.iso) && !parsed.iso.startsWith('0000-') ? parsed : undefined;
}

/** Sorts like the instants: negative when a is earlier than b. */
export function compareInstants(a: ParsedInstant, b: ParsedInstant): number {
  return a.epochMs !== b.epochMs ? a.epochMs - b.epochMs : a.subMsNanos - b.subMsNanos;
}
