import type { RawUsage } from './validate-usage.ts';
import { assertTimeZone, localToInstant } from './local-time.ts';

// FreeSWITCH writes CDRs through mod_cdr_csv (one line per call, columns from a template) or
// mod_xml_cdr (one XML document per call). Both describe the A leg: who called (caller_id_number),
// what was dialled (destination_number), the dialplan context, times and billsec, and the call's
// uuid, which is unique per call and so is the idempotency key.

/** Columns of cdr_csv's default template ("example"): the last two, the codecs, are optional. */
export const FREESWITCH_CSV_COLUMNS: readonly string[] = Object.freeze([
  'caller_id_name',
  'caller_id_number',
  'destination_number',
  'context',
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
  'hangup_cause',
  'uuid',
  'bleg_uuid',
  'accountcode',
  'read_codec',
  'write_codec',
]);
const MIN_COLUMNS = 13;

/** One call as mod_xml_cdr describes it, flattened by the importer's XML reader. */
export interface FreeswitchXmlCdr {
  /** <variables>, values already URL-decoded. */
  variables: Readonly<Record<string, string>>;
  /** The first <callflow>'s <caller_profile> (caller_id_number, destination_number, context, chan_name …). */
  profile: Readonly<Record<string, string>>;
}

export type SwitchRowResult =
  | { ok: true; value: RawUsage; fields: Record<string, string> }
  | { ok: false; skip: true; reason: 'NOT_ANSWERED' | 'ZERO_DURATION' }
  | {
      ok: false;
      skip: false;
      errors: Array<{ field: 'row'; code: 'COLUMN_COUNT' | 'MISSING_FIELD'; message: string }>;
    };

interface Call {
  callerName: string;
  caller: string;
  callee: string;
  context: string;
  accountCode: string;
  startedAt: string;
  answered: boolean;
  billsec: string;
  uuid: string;
}

const DIGITS = /^\d+$/;

/** billsec decides, as for Asterisk: 0 is a skipped attempt, anything else goes to validation. */
function toResult(call: Call, extra: Record<string, string>): SwitchRowResult {
  const billsecIsInteger = DIGITS.test(call.billsec);
  if (billsecIsInteger && Number(call.billsec) === 0) {
    return { ok: false, skip: true, reason: call.answered ? 'ZERO_DURATION' : 'NOT_ANSWERED' };
  }
  if (!billsecIsInteger && !call.answered) return { ok: false, skip: true, reason: 'NOT_ANSWERED' };
  const externalId = call.uuid || [call.caller, call.callee, call.startedAt].join('|');
  return {
    ok: true,
    value: {
      externalId,
      accountCode: call.accountCode,
      caller: call.caller,
      callee: call.callee,
      startedAt: call.startedAt,
      durationSeconds: call.billsec,
    },
    fields: {
      caller_id_name: call.callerName,
      caller_id_number: call.caller,
      destination_number: call.callee,
      context: call.context,
      accountcode: call.accountCode,
      ...extra,
    },
  };
}

/** One cdr_csv line (default template, already split). Local stamps are read in `timeZone`. */
export function mapFreeswitchCsvRow(cols: readonly string[], opts: { timeZone: string }): SwitchRowResult {
  assertTimeZone(opts.timeZone);
  if (cols.length < MIN_COLUMNS || cols.length > FREESWITCH_CSV_COLUMNS.length) {
    const message = `expected ${MIN_COLUMNS}-${FREESWITCH_CSV_COLUMNS.length} columns (cdr_csv default template), got ${cols.length}`;
    return { ok: false, skip: false, errors: [{ field: 'row', code: 'COLUMN_COUNT', message }] };
  }
  const col = (name: string) => cols[FREESWITCH_CSV_COLUMNS.indexOf(name)].trim();
  const start = col('start_stamp');
  return toResult(
    {
      callerName: col('caller_id_name'),
      caller: col('caller_id_number'),
      callee: col('destination_number'),
      context: col('context'),
      accountCode: col('accountcode'),
      startedAt: localToInstant(start, opts.timeZone) ?? start,
      answered: col('answer_stamp') !== '',
      billsec: col('billsec'),
      uuid: col('uuid'),
    },
    {},
  );
}

/**
 * One mod_xml_cdr document. The start is start_epoch (seconds, UTC) when present, else the local
 * start_stamp in `timeZone`. Caller, callee and context come from the caller profile, falling back
 * to the variables of the same name.
 */
export function mapFreeswitchXmlCdr(cdr: FreeswitchXmlCdr, opts: { timeZone: string }): SwitchRowResult {
  assertTimeZone(opts.timeZone);
  const v = (name: string) => (cdr.variables[name] ?? '').trim();
  const p = (name: string) => (cdr.profile[name] ?? '').trim() || v(name);
  const epoch = v('start_epoch');
  const stamp = v('start_stamp');
  const startedAt =
    DIGITS.test(epoch) && epoch !== '0'
      ? new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z')
      : (localToInstant(stamp, opts.timeZone) ?? stamp);
  const answerEpoch = v('answer_epoch');
  return toResult(
    {
      callerName: p('caller_id_name'),
      caller: p('caller_id_number'),
      callee: p('destination_number'),
      context: p('context'),
      accountCode: v('accountcode'),
      startedAt,
      answered: (answerEpoch !== '' && answerEpoch !== '0') || v('answer_stamp') !== '',
      billsec: v('billsec'),
      uuid: v('uuid') || p('uuid'),
    },
    { chan_name: p('chan_name'), sip_gateway_name: v('sip_gateway_name') },
  );
}
