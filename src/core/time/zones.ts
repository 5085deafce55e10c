import { Temporal } from 'temporal-polyfill';
import { addDays, fromPlainDate, toPlainDate } from './dates.ts';

/**
 * True for an IANA time zone name spelled exactly as the tz database spells it ("Europe/Madrid",
 * "UTC", "Etc/GMT-1"). Offset strings such as "+01:00" are refused on purpose: PostgreSQL and POSIX
 * read signs in zone strings the other way round, and a tenant setting must mean the same thing
 * everywhere. Wrong case ("europe/madrid") is refused so that stored values stay canonical; use
 * {@link normalizeTimeZone} to repair user input.
 */
export function isTimeZone(timeZone: string): boolean {
  return normalizeTimeZone(timeZone) === timeZone;
}

/** The correctly cased IANA name for a user-typed zone, or null when there is no such zone. */
export function normalizeTimeZone(timeZone: string): string | null {
  if (typeof timeZone !== 'string' || !/^[A-Za-z]/.test(timeZone)) return null;
  // Every date helper checks its zone, thousands of times per generation session: the answer for
  // a name never changes within a process, so it is looked up once.
  const known = zoneNames.get(timeZone);
  if (known !== undefined) return known;
  let name: string | null;
  try {
    name = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone).timeZoneId;
  } catch {
    name = null;
  }
  if (zoneNames.size < 1_000) zoneNames.set(timeZone, name);
  return name;
}

const zoneNames = new Map<string, string | null>();

function assertTimeZone(timeZone: string): void {
  if (normalizeTimeZone(timeZone) === null) throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
}

export interface UtcRange {
  fromInclusive: Temporal.Instant;
  toExclusive: Temporal.Instant;
}

/**
 * The instants covered by the whole local days startDate..endDate (both inclusive) in a zone.
 * Each bound is the start of a local day, not "midnight": where DST begins at 00:00 (as in
 * America/Sao_Paulo until 2019) midnight does not exist and the day starts at 01:00. The upper
 * bound is the start of the day after endDate, so consecutive periods share a bound and tile time.
 */
export function periodToUtcRange(startDate: string, endDate: string, timeZone: string): UtcRange {
  assertTimeZone(timeZone);
  const start = toPlainDate(startDate);
  const end = toPlainDate(endDate);
  if (Temporal.PlainDate.compare(end, start) < 0) {
    throw new RangeError(`Period end ${endDate} is before its start ${startDate}`);
  }
  return {
    fromInclusive: startOfDay(startDate, timeZone),
    toExclusive: startOfDay(addDays(endDate, 1), timeZone),
  };
}

/** The first instant of a local calendar day in a zone. */
export function startOfDay(date: string, timeZone: string): Temporal.Instant {
  assertTimeZone(timeZone);
  return toPlainDate(date).toZonedDateTime({ timeZone }).toInstant();
}

export type InstantPattern = 'dd/MM/yyyy HH:mm:ss' | 'iso';

/**
 * Shows an instant as wall-clock time in a zone (usage times are stored in UTC and shown in the
 * customer's zone). 'iso' gives ISO 8601 with the zone's offset, e.g. "2018-09-30T22:00:00-01:00".
 */
export function formatInZone(instant: Temporal.Instant | string, timeZone: string, pattern: InstantPattern): string {
  assertTimeZone(timeZone);
  const value = typeof instant === 'string' ? Temporal.Instant.from(instant) : instant;
  const local = value.toZonedDateTimeISO(timeZone);
  if (pattern === 'iso') return local.toString({ timeZoneName: 'never' });
  const two = (n: number): string => String(n).padStart(2, '0');
  const year = String(local.year).padStart(4, '0');
  return `${two(local.day)}/${two(local.month)}/${year} ${two(local.hour)}:${two(local.minute)}:${two(local.second)}`;
}

/** The local calendar date of an instant; `now` comes from the injected clock, never from here. */
export function todayInZone(now: Temporal.Instant, timeZone: string): string {
  assertTimeZone(timeZone);
  return fromPlainDate(now.toZonedDateTimeISO(timeZone).toPlainDate());
}
