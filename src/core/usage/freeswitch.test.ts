import { describe, expect, it } from 'vitest';
import { FREESWITCH_CSV_COLUMNS, mapFreeswitchCsvRow, mapFreeswitchXmlCdr } from './freeswitch.ts';

const madrid = { timeZone: 'Europe/Madrid' };

function csvRow(overrides: Record<string, string> = {}, columns = 15): string[] {
  const base: Record<string, string> = {
    caller_id_name: 'Alice',
    caller_id_number: '1000',
    destination_number: '34600123456',
    context: 'default',
    start_stamp: '2025-10-05 10:00:00',
    answer_stamp: '2025-10-05 10:00:06',
    end_stamp: '2025-10-05 10:01:11',
    duration: '71',
    billsec: '65',
    hangup_cause: 'NORMAL_CLEARING',
    uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
    bleg_uuid: 'a1b2c3d4-0000-4000-8000-000000000002',
    accountcode: 'ACME',
    read_codec: 'PCMA',
    write_codec: 'PCMA',
  };
  return FREESWITCH_CSV_COLUMNS.slice(0, columns).map((name) => overrides[name] ?? base[name]);
}

describe('mapFreeswitchCsvRow (cdr_csv default template)', () => {
  it('maps a call: uuid is the external id, billsec the duration, the local stamp read in the box zone', () => {
    expect(mapFreeswitchCsvRow(csvRow(), madrid)).toEqual({
      ok: true,
      value: {
        externalId: 'a1b2c3d4-0000-4000-8000-000000000001',
        accountCode: 'ACME',
        caller: '1000',
        callee: '34600123456',
        startedAt: '2025-10-05T08:00:00Z',
        durationSeconds: '65',
      },
      fields: {
        caller_id_name: 'Alice',
        caller_id_number: '1000',
        destination_number: '34600123456',
        context: 'default',
        accountcode: 'ACME',
      },
    });
  });

  it('accepts the template without the codec columns, and refuses other column counts', () => {
    expect(mapFreeswitchCsvRow(csvRow({}, 13), madrid).ok).toBe(true);
    expect(mapFreeswitchCsvRow(csvRow({}, 12), madrid)).toMatchObject({
      ok: false,
      skip: false,
      errors: [{ code: 'COLUMN_COUNT' }],
    });
  });

  it('skips unanswered and zero-length calls', () => {
    expect(mapFreeswitchCsvRow(csvRow({ answer_stamp: '', billsec: '0' }), madrid)).toEqual({
      ok: false,
      skip: true,
      reason: 'NOT_ANSWERED',
    });
    expect(mapFreeswitchCsvRow(csvRow({ billsec: '0' }), madrid)).toMatchObject({ reason: 'ZERO_DURATION' });
  });
});

describe('mapFreeswitchXmlCdr', () => {
  const cdr = {
    variables: {
      uuid: 'f00d-1',
      start_epoch: '1759658400',
      start_stamp: '2025-10-05 12:00:00',
      answer_epoch: '1759658405',
      billsec: '42',
      accountcode: 'ACME',
      sip_gateway_name: 'carrier1',
    },
    profile: {
      caller_id_name: 'Alice',
      caller_id_number: '1000',
      destination_number: '34600123456',
      context: 'default',
      chan_name: 'sofia/internal/1000@pbx.example',
    },
  };

  it('takes the start from start_epoch (UTC) and the numbers from the caller profile', () => {
    expect(mapFreeswitchXmlCdr(cdr, madrid)).toEqual({
      ok: true,
      value: {
        externalId: 'f00d-1',
        accountCode: 'ACME',
        caller: '1000',
        callee: '34600123456',
        startedAt: '2025-10-05T10:00:00Z',
        durationSeconds: '42',
      },
      fields: expect.objectContaining({ sip_gateway_name: 'carrier1', chan_name: 'sofia/internal/1000@pbx.example' }),
    });
  });

  it('reads the local start_stamp in the box zone when there is no epoch', () => {
    const { start_epoch: _e, ...variables } = cdr.variables;
    const result = mapFreeswitchXmlCdr({ ...cdr, variables }, madrid);
    expect(result.ok && result.value.startedAt).toBe('2025-10-05T10:00:00Z');
  });

  it('skips an unanswered call', () => {
    const variables = { ...cdr.variables, answer_epoch: '0', billsec: '0' };
    expect(mapFreeswitchXmlCdr({ ...cdr, variables }, madrid)).toMatchObject({ skip: true, reason: 'NOT_ANSWERED' });
  });
});
