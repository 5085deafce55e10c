import { assertTimeZone, localToInstant } from './local-time.ts';
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
const DCONTEXT = 3;
const CLID = 4;
const CHANNEL = 5;
const DSTCHANNEL = 6;
const LASTAPP = 7;
const START = 9;
const BILLSEC = 13;
const DISPOSITION = 14;
const UNIQUEID = 16;
const MIN_COLUMNS = 16;
const MAX_COLUMNS = 18;

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
  | { ok: true; value: RawUsage; fields: Record<string, string> }
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
    },
    fields: classificationFields(cols),
  };
}

/** The columns classification rules may read (the row states no direction: rules decide it). */
function classificationFields(cols: readonly string[]): Record<string, string> {
  return {
    accountcode: cols[ACCOUNTCODE].trim(),
    src: cols[SRC].trim(),
    dst: cols[DST].trim(),
    dcontext: cols[DCONTEXT].trim(),
    clid: cols[CLID].trim(),
    channel: cols[CHANNEL].trim(),
    dstchannel: cols[DSTCHANNEL].trim(),
    lastapp: cols[LASTAPP].trim(),
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
