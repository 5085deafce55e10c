import { Temporal } from 'temporal-polyfill';
import type { RawUsage } from './validate-usage.ts';

// Asterisk's cdr_csv module writes Master.csv without a header, in a fixed column order.
// uniqueid and userfield exist only when loguniqueid / loguserfield are on, so rows have 16, 17
// or 18 columns. Times are local to the box (its system zone), without an offset.

/** Standard column order of Asterisk's Master.csv. */
export const ASTERISK_MASTER_COLUMNS: readonly string[] = Object.freeze([
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
]);

const ACCOUNTCODE = 0;
const SRC = 1;
const DST = 2;
const CHANNEL = 5;
const START = 9;
const BILLSEC = 13;
const DISPOSITION = 14;
const UNIQUEID = 16;
const MIN_COLUMNS = 16;
const MAX_COLUMNS = 18;

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DIGITS = /^\d+$/;

export interface AsteriskMapOptions {
  /** IANA zone the Asterisk box writes its local times in, e.g. "Europe/Madrid". */
  timeZone: string;
}

/**
 * The outcome for one Master.csv row. A skipped row is not an error: unanswered attempts are a
 * normal part of a CDR file and cost nothing, so importers count them apart from rejections.
 */
export type AsteriskRowResult =
  | { ok: true; value: RawUsage }
  | { ok: false; skip: true; reason: 'NOT_ANSWERED' | 'ZERO_DURATION' }
  | { ok: false; skip: false; errors: Array<{ field: 'row'; code: 'COLUMN_COUNT'; message: string }> };

/**
 * Maps one Master.csv row (already split by a CSV parser) to a RawUsage for validateUsage.
 *
 * billsec is authoritative: a row is kept when billsec is a positive integer, whatever the
 * disposition says, and skipped when it is 0 (NOT_ANSWERED, or ZERO_DURATION for an ANSWERED
 * call hung up at once). A non-integer billsec is passed on for validation to reject, unless
 * the call was not answered anyway. Values that cannot be mapped (a malformed start time) are
 * also passed on as they are, so validateUsage reports them with its usual codes.
 *
 * Throws a RangeError for an unknown time zone: that is a configuration error, not bad data.
 */
export function mapAsteriskRow(cols: readonly string[], opts: AsteriskMapOptions): AsteriskRowResult {
  assertTimeZone(opts.timeZone);
  if (cols.length < MIN_COLUMNS || cols.length > MAX_COLUMNS) {
    const message = `expected ${MIN_COLUMNS}-${MAX_COLUMNS} columns, got ${cols.length}`;
    return { ok: false, skip: false, errors: [{ field: 'row', code: 'COLUMN_COUNT', message }] };
  }
  const billsec = cols[BILLSEC].trim();
  const answered = cols[DISPOSITION].trim().toUpperCase() === 'ANSWERED';
  const billsecIsInteger = DIGITS.test(billsec);
  if (billsecIsInteger && Number(billsec) === 0) {
    return { ok: false, skip: true, reason: answered ? 'ZERO_DURATION' : 'NOT_ANSWERED' };
  }
  if (!billsecIsInteger && !answered) return { ok: false, skip: true, reason: 'NOT_ANSWERED' };

  const start = cols[START].trim();
  return {
    ok: true,
    value: {
      externalId: externalIdOf(cols),
      accountCode: cols[ACCOUNTCODE],
      caller: cols[SRC],
      callee: cols[DST],
      startedAt: localToInstant(start, opts.timeZone) ?? start,
      durationSeconds: billsec,
      direction: 'outbound',
      external: true,
    },
  };
}

/**
 * uniqueid when the box logs it; otherwise an id built from fields that identify a call, so
 * that importing the same file twice yields the same ids and no duplicates.
 */
function externalIdOf(cols: readonly string[]): string {
  const uniqueId = cols.length > UNIQUEID ? cols[UNIQUEID].trim() : '';
  if (uniqueId !== '') return uniqueId;
  return [cols[SRC], cols[DST], cols[START], cols[CHANNEL]].map((value) => value.trim()).join('|');
}

/**
 * 'YYYY-MM-DD HH:MM:SS' in the box's zone to an ISO instant in UTC. In the repeated hour when
 * clocks go back the earlier instant is taken, and a time inside the skipped hour is moved
 * forward (Temporal's "compatible" rule); the row alone cannot say better, which is why boxes
 * are best run in UTC. Returns undefined for text that is not a valid local time.
 */
function localToInstant(text: string, timeZone: string): string | undefined {
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

function assertTimeZone(timeZone: string): void {
  if (knownZones.has(timeZone)) return;
  Temporal.PlainDate.from('2000-01-01').toZonedDateTime({ timeZone }); // throws RangeError if unknown
  knownZones.add(timeZone);
}
