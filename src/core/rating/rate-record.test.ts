import { describe, expect, it } from 'vitest';
import { compileRates } from './compile-rates.ts';
import { normalizeNumber } from './dialled-number.ts';
import { rateRecord } from './rate-record.ts';

const table = compileRates([
  {
    prefix: '355',
    pricePerMinute: '0.20',
    connectionFee: '0',
    minimumSeconds: 0,
    incrementSeconds: 60,
    destinationName: 'Albania',
  },
  {
    prefix: '35567',
    pricePerMinute: '0.30',
    connectionFee: '0.10',
    minimumSeconds: 30,
    incrementSeconds: 6,
    destinationName: 'Albania mobile',
  },
  { prefix: '34', pricePerMinute: '0.012', connectionFee: '0', minimumSeconds: 1, incrementSeconds: 1 },
]);

describe('normalizeNumber', () => {
  it.each([
    ['34600123456', '34600123456'],
    ['+34600123456', '34600123456'],
    ['+34 600-123 456', '34600123456'],
    [' + 34 600', '34600'],
    ['0034600123456', '0034600123456'],
  ])('normalises %j to %j', (raw, digits) => {
    expect(normalizeNumber(raw)).toBe(digits);
  });

  it.each(['', '+', ' - ', '34+600', '++34', '34.600', '(34)600', 'anonymous', '3460012345６'])('refuses %j', (raw) => {
    expect(normalizeNumber(raw)).toBeUndefined();
  });
});

describe('rateRecord', () => {
  it('rates by the longest prefix: 35567 beats 355', () => {
    expect(rateRecord(table, '355671234567', 31)).toEqual({
      ok: true,
      priceMicro: 280_000, // 0.10 fee + 36 s at 0.30/min = 0.18
      prefix: '35567',
      destinationName: 'Albania mobile',
      billableSeconds: 36,
    });
    expect(rateRecord(table, '355421234567', 61)).toEqual({
      ok: true,
      priceMicro: 400_000, // 120 s at 0.20/min
      prefix: '355',
      destinationName: 'Albania',
      billableSeconds: 120,
    });
  });

  it('normalises the callee before matching', () => {
    const result = rateRecord(table, '+355 67-123 4567', 31);
    expect(result.ok && result.prefix).toBe('35567');
  });

  it('rates a 0-second call at 0 and still names its destination', () => {
    expect(rateRecord(table, '355671234567', 0)).toEqual({
      ok: true,
      priceMicro: 0,
      prefix: '35567',
      destinationName: 'Albania mobile',
      billableSeconds: 0,
    });
  });

  it('reports NO_RATE when no prefix matches, including international access codes we do not strip', () => {
    expect(rateRecord(table, '4420712345678', 60)).toEqual({ ok: false, reason: 'NO_RATE' });
    expect(rateRecord(table, '0034600123456', 60)).toEqual({ ok: false, reason: 'NO_RATE' });
  });

  it('reports MALFORMED_NUMBER for callees that are not digits after normalisation', () => {
    expect(rateRecord(table, 'anonymous', 60)).toEqual({ ok: false, reason: 'MALFORMED_NUMBER' });
    expect(rateRecord(table, '', 60)).toEqual({ ok: false, reason: 'MALFORMED_NUMBER' });
    expect(rateRecord(table, '34*600', 60)).toEqual({ ok: false, reason: 'MALFORMED_NUMBER' });
  });

  it('reports INVALID_DURATION instead of throwing on the hot path', () => {
    expect(rateRecord(table, '34600123456', -1)).toEqual({ ok: false, reason: 'INVALID_DURATION' });
    expect(rateRecord(table, '34600123456', 2.5)).toEqual({ ok: false, reason: 'INVALID_DURATION' });
  });

  it('checks the number before the duration and the duration before the prefix', () => {
    expect(rateRecord(table, 'x', -1)).toEqual({ ok: false, reason: 'MALFORMED_NUMBER' });
    expect(rateRecord(table, '99', -1)).toEqual({ ok: false, reason: 'INVALID_DURATION' });
  });

  it('stays exact for per-second fractions of a micro-unit', () => {
    // 0.012/min for 7 s = 0.0014 exactly = 1400 micro.
    const result = rateRecord(table, '34600123456', 7);
    expect(result.ok && result.priceMicro).toBe(1_400);
  });
});
