import { Temporal } from 'temporal-polyfill';

// Switches write local times without an offset ('2025-10-01 10:00:00'), in the zone the box runs
// in. Asterisk's and FreeSWITCH's CSV files both do; the importer names the zone.

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * 'YYYY-MM-DD HH:MM:SS' in the box's zone to an ISO instant in UTC. In the repeated hour when
 * clocks go back the earlier instant is taken, and a time inside the skipped hour is moved
 * forward (Temporal's "compatible" rule); the row alone cannot say better, which is why boxes
 * are best run in UTC. Returns undefined for text that is not a valid local time.
 */
export function localToInstant(text: string, timeZone: string): string | undefined {
  const match = LOCAL_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  try {
    const local = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: 'reject' });
    return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toInstant().toString();
  } catch {
    return undefined;
  }
}

// Zones already checked; validating once per zone keeps a bad setting loud without a per-row cost.
const knownZones = new Set<string>();

export function assertTimeZone(timeZone: string): void {
  if (knownZones.has(timeZone)) return;
  Temporal.PlainDate.from('2000-01-01').toZonedDateTime({ timeZone }); // throws RangeError if unknown
  knownZones.add(timeZone);
}
