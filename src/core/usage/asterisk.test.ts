import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ASTERISK_MASTER_COLUMNS, mapAsteriskRow } from './asterisk.ts';
import { validateUsage } from './validate-usage.ts';

const madrid = { timeZone: 'Europe/Madrid' };
const ctx = { now: '2018-11-01T00:00:00Z', defaultSource: 'asterisk', isCurrency: () => true };

/** One Master.csv row with the given overrides, by column name. */
function row(overrides: Record<string, string> = {}, columns = 18): string[] {
  const base: Record<string, string> = {
    accountcode: '1001',
    src: '34910000001',
    dst: '34600123456',
    dcontext: 'from-internal',
    clid: '"Alice" <34910000001>',
    channel: 'SIP/1001-00000001',
    dstchannel: 'SIP/trunk-00000002',
    lastapp: 'Dial',
    lastdata: 'SIP/trunk/34600123456,60',
    start: '2018-10-05 10:00:00',
    answer: '2018-10-05 10:00:07',
    end: '2018-10-05 10:01:12',
    duration: '72',
    billsec: '65',
    disposition: 'ANSWERED',
    amaflags: 'DOCUMENTATION',
    uniqueid: '1538726400.1',
    userfield: '',
  };
  return ASTERISK_MASTER_COLUMNS.slice(0, columns).map((name) => overrides[name] ?? base[name]);
}

describe('mapAsteriskRow', () => {
  it('maps an answered call, converting local start time to UTC', () => {
    expect(mapAsteriskRow(row(), madrid)).toEqual({
      ok: true,
      value: {
        externalId: '1538726400.1',
        accountCode: '1001',
        caller: '34910000001',
        callee: '34600123456',
        startedAt: '2018-10-05T08:00:00Z',
        durationSeconds: '65',
      },
      fields: expect.objectContaining({ src: '34910000001', dst: '34600123456', accountcode: '1001' }),
    });
  });

  it("states no direction: the source's classification rules decide, on the fields they may read", () => {
    const result = mapAsteriskRow(row(), madrid);
    expect(result.ok && Object.keys(result.fields).sort()).toEqual([
      'accountcode',
      'channel',
      'clid',
      'dcontext',
      'dst',
      'dstchannel',
      'lastapp',
      'src',
    ]);
    expect(result.ok && result.value.direction).toBeUndefined();
  });

  it('bills billsec, not duration: ringing time is not charged', () => {
    const result = mapAsteriskRow(row({ duration: '300', billsec: '12' }), madrid);
    expect(result.ok && result.value.durationSeconds).toBe('12');
  });

  it('skips unanswered attempts and zero-length answered calls instead of rejecting them', () => {
    expect(mapAsteriskRow(row({ disposition: 'NO ANSWER', billsec: '0', answer: '' }), madrid)).toEqual({
      ok: false,
      skip: true,
      reason: 'NOT_ANSWERED',
    });
    expect(mapAsteriskRow(row({ disposition: 'BUSY', billsec: '' }), madrid)).toEqual({
      ok: false,
      skip: true,
      reason: 'NOT_ANSWERED',
    });
    expect(mapAsteriskRow(row({ billsec: '0' }), madrid)).toEqual({ ok: false, skip: true, reason: 'ZERO_DURATION' });
  });

  it('keeps a call with billable seconds whatever the disposition says', () => {
    expect(mapAsteriskRow(row({ disposition: 'FAILED', billsec: '5' }), madrid).ok).toBe(true);
  });

  it('passes an unusable billsec or start on to validation, which rejects them', () => {
    const result = mapAsteriskRow(row({ billsec: 'x', start: '05/10/2018 10:00' }), madrid);
    expect(result.ok).toBe(true);
    const validated = result.ok ? validateUsage(result.value, ctx) : undefined;
    expect(validated?.ok === false && validated.errors.map((error) => error.code)).toEqual([
      'INVALID_TIMESTAMP',
      'NOT_AN_INTEGER',
    ]);
    const impossible = mapAsteriskRow(row({ start: '2018-02-30 10:00:00' }), madrid);
    expect(impossible.ok && impossible.value.startedAt).toBe('2018-02-30 10:00:00');
  });

  it('accepts 16, 17 and 18 columns and builds a deterministic id without uniqueid', () => {
    const sixteen = mapAsteriskRow(row({}, 16), madrid);
    expect(sixteen.ok && sixteen.value.externalId).toBe(
      '34910000001|34600123456|2018-10-05 10:00:00|SIP/1001-00000001',
    );
    expect(mapAsteriskRow(row({}, 16), madrid)).toEqual(sixteen);
    const seventeen = mapAsteriskRow(row({}, 17), madrid);
    expect(seventeen.ok && seventeen.value.externalId).toBe('1538726400.1');
    const blankId = mapAsteriskRow(row({ uniqueid: ' ' }), madrid);
    expect(blankId.ok && blankId.value.externalId).toBe(
      '34910000001|34600123456|2018-10-05 10:00:00|SIP/1001-00000001',
    );
  });

  it('rejects rows with the wrong number of columns', () => {
    expect(mapAsteriskRow(row({}, 15), madrid)).toEqual({
      ok: false,
      skip: false,
      errors: [{ field: 'row', code: 'COLUMN_COUNT', message: 'expected 16-18 columns, got 15' }],
    });
    expect(mapAsteriskRow([...row(), 'extra'], madrid).ok).toBe(false);
  });

  it('resolves DST: the repeated hour takes the earlier instant, the skipped hour moves forward', () => {
    const repeated = mapAsteriskRow(row({ start: '2018-10-28 02:30:00' }), madrid);
    expect(repeated.ok && repeated.value.startedAt).toBe('2018-10-28T00:30:00Z');
    const skipped = mapAsteriskRow(row({ start: '2018-03-25 02:30:00' }), madrid);
    expect(skipped.ok && skipped.value.startedAt).toBe('2018-03-25T01:30:00Z');
    const utc = mapAsteriskRow(row(), { timeZone: 'UTC' });
    expect(utc.ok && utc.value.startedAt).toBe('2018-10-05T10:00:00Z');
  });

  it('throws on an unknown time zone, a configuration error', () => {
    expect(() => mapAsteriskRow(row(), { timeZone: 'Europe/Atlantis' })).toThrow(RangeError);
  });
});

describe('a real Master.csv', () => {
  const text = readFileSync(new URL('../../../test/fixtures/asterisk-Master.csv', import.meta.url), 'utf8');
  const rows: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: true });

  it('parses with csv-parse, including quoted commas and doubled quotes in clid', () => {
    expect(rows).toHaveLength(14);
    expect(rows.every((cols) => cols.length === 18)).toBe(true);
    expect(rows[2][4]).toBe('"John, Doe" <100>');
    expect(rows[2][8]).toBe('SIP/trunk/355671234567,60,tTr');
  });

  it('maps every row into kept, skipped or rejected, and validates the kept ones', () => {
    const outcome = rows.map((cols) => {
      const mapped = mapAsteriskRow(cols, madrid);
      if (!mapped.ok) return mapped.skip ? `skip:${mapped.reason}` : 'bad-row';
      const validated = validateUsage(mapped.value, ctx);
      return validated.ok
        ? `ok:${validated.value.startedAt}:${validated.value.durationSeconds}`
        : `reject:${validated.errors.map((e) => e.code).join(',')}`;
    });
    expect(outcome).toEqual([
      'ok:2018-10-05T08:00:00Z:65',
      'skip:NOT_ANSWERED',
      'ok:2018-10-05T09:20:15Z:211',
      'skip:NOT_ANSWERED',
      'ok:2018-10-05T10:00:00Z:1',
      'skip:NOT_ANSWERED',
      'ok:2018-10-05T11:00:00Z:120',
      'reject:MALFORMED_NUMBER',
      'ok:2018-10-05T13:30:00Z:300',
      'skip:ZERO_DURATION',
      'ok:2018-10-28T00:30:00Z:120',
      'ok:2018-10-29T08:00:00Z:45',
      'skip:NOT_ANSWERED',
      'ok:2018-10-29T09:00:00Z:30',
    ]);
  });

  it('gives the same ids on a second import', () => {
    const ids = (): unknown[] =>
      rows.map((cols) => mapAsteriskRow(cols, madrid)).map((r) => (r.ok ? r.value.externalId : null));
    expect(ids()).toEqual(ids());
    expect(new Set(ids().filter((id) => id !== null)).size).toBe(9);
  });
});
