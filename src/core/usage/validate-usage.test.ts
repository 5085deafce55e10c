import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawUsage, UsageContext } from './validate-usage.ts';
import { validateUsage } from './validate-usage.ts';

const ctx: UsageContext = {
  now: '2018-11-01T00:00:00Z',
  defaultSource: 'api',
  isCurrency: (code) => ['EUR', 'USD', 'JPY'].includes(code),
};

const valid: RawUsage = {
  externalId: 'cdr-1',
  customerId: 'cus_1',
  startedAt: '2018-10-05T10:00:00Z',
  durationSeconds: 65,
  caller: '+34910000001',
  callee: '34600123456',
};

function errorsOf(raw: RawUsage, context: UsageContext = ctx): string[] {
  const result = validateUsage(raw, context);
  return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.code}`);
}

describe('validateUsage', () => {
  it('maps a minimal record and applies the defaults', () => {
    expect(validateUsage(valid, ctx)).toEqual({
      ok: true,
      value: {
        externalId: 'cdr-1',
        source: 'api',
        customerId: 'cus_1',
        accountCode: null,
        startedAt: '2018-10-05T10:00:00Z',
        durationSeconds: 65,
        direction: 'outbound',
        external: true,
        caller: '+34910000001',
        callee: '34600123456',
        priceMicro: null,
        currency: null,
      },
    });
  });

  it('reads the CSV spelling of every field: strings, padded, case-insensitive', () => {
    const result = validateUsage(
      {
        externalId: ' 42 ',
        source: 'switch-a',
        accountCode: '1001',
        startedAt: '2018-10-05T12:00:00+02:00',
        durationSeconds: '60',
        direction: 'Inbound',
        external: 'no',
        caller: '34910000001',
        callee: ' 100 ',
        price: '0.012345',
        currency: 'eur',
      },
      ctx,
    );
    expect(result.ok && result.value).toMatchObject({
      externalId: '42',
      source: 'switch-a',
      customerId: null,
      accountCode: '1001',
      startedAt: '2018-10-05T10:00:00Z',
      durationSeconds: 60,
      direction: 'inbound',
      external: false,
      callee: '100',
      priceMicro: 12_345,
      currency: 'EUR',
    });
  });

  it('reads JSON numbers and booleans where they are unambiguous', () => {
    const result = validateUsage({ ...valid, externalId: 7, external: false, price: 0.1, durationSeconds: '-0' }, ctx);
    expect(result.ok && result.value).toMatchObject({
      externalId: '7',
      external: false,
      priceMicro: 100_000,
      durationSeconds: 0,
    });
    expect(Object.is(result.ok && result.value.durationSeconds, 0)).toBe(true);
  });

  it('keeps sub-second precision and normalises offsets to UTC', () => {
    const result = validateUsage({ ...valid, startedAt: '2018-10-05T00:30:00.250-01:00' }, ctx);
    expect(result.ok && result.value.startedAt).toBe('2018-10-05T01:30:00.25Z');
  });

  it('reports REQUIRED for each missing or blank required field, in field order', () => {
    expect(errorsOf({ customerId: 'c', externalId: '  ', caller: '', callee: null })).toEqual([
      'externalId:REQUIRED',
      'startedAt:REQUIRED',
      'durationSeconds:REQUIRED',
      'caller:REQUIRED',
      'callee:REQUIRED',
    ]);
  });

  it('reports NO_CUSTOMER_REFERENCE only when customerId, accountCode and caller are all absent', () => {
    expect(errorsOf({ ...valid, customerId: undefined, caller: undefined })).toEqual([
      'caller:REQUIRED',
      'customerId:NO_CUSTOMER_REFERENCE',
    ]);
    expect(errorsOf({ ...valid, customerId: '', accountCode: '1001', caller: undefined })).toEqual(['caller:REQUIRED']);
    expect(errorsOf({ ...valid, customerId: undefined })).toEqual([]);
  });

  it.each([
    [-1, 'NEGATIVE_DURATION'],
    ['-5', 'NEGATIVE_DURATION'],
    [1.5, 'NOT_AN_INTEGER'],
    ['60.5', 'NOT_AN_INTEGER'],
    ['1e3', 'NOT_AN_INTEGER'],
    ['sixty', 'NOT_AN_INTEGER'],
    [true, 'NOT_AN_INTEGER'],
    [Number.NaN, 'NOT_AN_INTEGER'],
    [2 ** 53, 'NOT_AN_INTEGER'],
  ])('refuses duration %j with %s', (durationSeconds, code) => {
    expect(errorsOf({ ...valid, durationSeconds })).toEqual([`durationSeconds:${code}`]);
  });

  it.each(['2018-10-05 10:00:00', '2018-10-05', '05/10/2018 10:00', '2018-02-30T10:00:00Z', 1538733600])(
    'refuses timestamp %j without an unambiguous instant',
    (startedAt) => {
      expect(errorsOf({ ...valid, startedAt })).toEqual(['startedAt:INVALID_TIMESTAMP']);
    },
  );

  it('refuses records that start after now, but accepts one starting exactly now', () => {
    expect(errorsOf({ ...valid, startedAt: '2018-11-01T00:00:00.001Z' })).toEqual(['startedAt:FUTURE_TIMESTAMP']);
    expect(errorsOf({ ...valid, startedAt: '2018-11-01T01:00:00+01:00' })).toEqual([]);
  });

  it('follows the injected clock rather than the real one', () => {
    const later = { ...ctx, now: '2030-01-01T00:00:00Z' };
    expect(errorsOf({ ...valid, startedAt: '2029-12-31T23:59:59Z' }, later)).toEqual([]);
    expect(errorsOf({ ...valid, startedAt: '2029-12-31T23:59:59Z' })).toEqual(['startedAt:FUTURE_TIMESTAMP']);
  });

  it.each(['sideways', 'out', 7])('refuses direction %j', (direction) => {
    expect(errorsOf({ ...valid, direction })).toEqual(['direction:INVALID_DIRECTION']);
  });

  it.each(['maybe', 2, {}])('refuses external %j', (external) => {
    expect(errorsOf({ ...valid, external })).toEqual(['external:INVALID_BOOLEAN']);
  });

  it.each(['+', '34 600 123', '34-600', '00+34', 'anonymous', '1'.repeat(33), 34600123456])(
    'refuses number %j',
    (callee) => {
      expect(errorsOf({ ...valid, callee })).toEqual(['callee:MALFORMED_NUMBER']);
    },
  );

  it('accepts 1 to 32 digits with an optional plus', () => {
    expect(errorsOf({ ...valid, caller: '1', callee: `+${'9'.repeat(32)}` })).toEqual([]);
  });

  it.each(['-0.01', '0.0000001', '1,50', 'free', -1, 1e-7, '1e2'])('refuses price %j', (price) => {
    expect(errorsOf({ ...valid, price })).toEqual(['price:INVALID_PRICE']);
  });

  it('treats an absent or blank price as unrated', () => {
    const result = validateUsage({ ...valid, price: '', currency: 'USD' }, ctx);
    expect(result.ok && [result.value.priceMicro, result.value.currency]).toEqual([null, 'USD']);
  });

  it.each(['EURO', 'XXX', 'E1R', 5])('refuses currency %j', (currency) => {
    expect(errorsOf({ ...valid, price: '1', currency })).toEqual(['currency:INVALID_CURRENCY']);
  });

  it('refuses wrong types and over-long text in id fields', () => {
    expect(errorsOf({ ...valid, externalId: { id: 1 }, source: 'x'.repeat(256), accountCode: 1.5 })).toEqual([
      'externalId:INVALID_TYPE',
      'source:TOO_LONG',
      'accountCode:INVALID_TYPE',
    ]);
  });

  it('collects every error of a thoroughly bad record', () => {
    expect(
      errorsOf({
        externalId: 'x',
        startedAt: 'yesterday',
        durationSeconds: -3,
        direction: 'up',
        caller: 'me',
        callee: '?',
        price: 'lots',
        currency: 'money',
      }),
    ).toEqual([
      'startedAt:INVALID_TIMESTAMP',
      'durationSeconds:NEGATIVE_DURATION',
      'direction:INVALID_DIRECTION',
      'caller:MALFORMED_NUMBER',
      'callee:MALFORMED_NUMBER',
      'price:INVALID_PRICE',
      'currency:INVALID_CURRENCY',
    ]);
  });

  it('never throws and always answers with a value or at least one error', () => {
    const anything = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.object(),
    );
    const fields = [
      'externalId',
      'source',
      'customerId',
      'accountCode',
      'startedAt',
      'durationSeconds',
      'direction',
      'external',
      'caller',
      'callee',
      'price',
      'currency',
    ] as const;
    const record = fc.record(
      Object.fromEntries(fields.map((field) => [field, anything])) as Record<(typeof fields)[number], typeof anything>,
    );
    fc.assert(
      fc.property(record, (raw) => {
        const result = validateUsage(raw, ctx);
        return result.ok || result.errors.length > 0;
      }),
    );
  });
});
