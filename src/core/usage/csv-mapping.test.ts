import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './csv-mapping.ts';
import { mapCsvRow, missingColumns } from './csv-mapping.ts';
import { validateUsage } from './validate-usage.ts';

const mapping: ColumnMapping = {
  externalId: 'Call ID',
  accountCode: 'Account',
  startedAt: 'Start (UTC)',
  durationSeconds: 'Seconds',
  caller: 'From',
  callee: 'To',
  price: 'Cost',
  currency: 'Currency',
};

const row = {
  'Call ID': 'a-1',
  Account: '1001',
  'Start (UTC)': '2018-10-05T10:00:00Z',
  Seconds: '65',
  From: '34910000001',
  To: '34600123456',
  Cost: '0.0130',
  Currency: 'EUR',
  Notes: 'ignored',
};

describe('mapCsvRow', () => {
  it('copies the mapped columns into usage fields and ignores the rest', () => {
    expect(mapCsvRow(row, mapping)).toEqual({
      externalId: 'a-1',
      accountCode: '1001',
      startedAt: '2018-10-05T10:00:00Z',
      durationSeconds: '65',
      caller: '34910000001',
      callee: '34600123456',
      price: '0.0130',
      currency: 'EUR',
    });
  });

  it('feeds validateUsage directly', () => {
    const result = validateUsage(mapCsvRow(row, mapping), {
      now: '2018-11-01T00:00:00Z',
      defaultSource: 'csv:october.csv',
      isCurrency: () => true,
    });
    expect(result.ok && result.value).toMatchObject({
      source: 'csv:october.csv',
      durationSeconds: 65,
      priceMicro: 13_000,
    });
  });

  it('leaves a field absent when its column is missing, so validation reports REQUIRED', () => {
    const { To: _dropped, ...withoutTo } = row;
    const raw = mapCsvRow(withoutTo, mapping);
    expect('callee' in raw).toBe(false);
    const result = validateUsage(raw, { now: '2018-11-01T00:00:00Z', defaultSource: 'csv', isCurrency: () => true });
    expect(result.ok ? [] : result.errors.map((error) => `${error.field}:${error.code}`)).toEqual(['callee:REQUIRED']);
  });

  it('does not read inherited properties for headers such as "constructor"', () => {
    expect(mapCsvRow({}, { externalId: 'constructor', caller: 'toString' })).toEqual({});
  });

  it('maps one column to several fields when the mapping says so', () => {
    expect(mapCsvRow({ Number: '34910000001' }, { caller: 'Number', accountCode: 'Number' })).toEqual({
      accountCode: '34910000001',
      caller: '34910000001',
    });
  });
});

describe('missingColumns', () => {
  it('lists mapped headers the file lacks, once each', () => {
    expect(missingColumns(['Call ID', 'From', 'To'], { ...mapping, customerId: 'Account' })).toEqual([
      'Account',
      'Start (UTC)',
      'Seconds',
      'Cost',
      'Currency',
    ]);
    expect(missingColumns(Object.keys(row), mapping)).toEqual([]);
  });
});
