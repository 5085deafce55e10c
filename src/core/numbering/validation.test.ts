import { describe, expect, it } from 'vitest';
import type { SequenceFormat } from './sequence.ts';
import { validateFormat } from './validation.ts';

const valid: SequenceFormat = {
  prefix: 'INV',
  padding: 6,
  increment: 1,
  start: 1,
  reset: 'yearly',
  pattern: '{PREFIX}-{YYYY}-{SEQ}',
};
const codes = (f: Partial<SequenceFormat> | Record<string, unknown>): string[] =>
  validateFormat({ ...valid, ...f } as SequenceFormat).map((e) => `${e.field}:${e.code}`);

describe('validateFormat', () => {
  it('accepts a sensible format, with or without pattern', () => {
    expect(validateFormat(valid)).toEqual([]);
    expect(codes({ pattern: null, reset: 'never' })).toEqual([]);
    expect(codes({ pattern: undefined, reset: 'never', padding: 0, start: 0 })).toEqual([]);
    expect(codes({ padding: 20 })).toEqual([]);
  });

  it('checks numeric ranges', () => {
    expect(codes({ padding: 21 })).toEqual(['padding:OUT_OF_RANGE']);
    expect(codes({ padding: -1 })).toEqual(['padding:OUT_OF_RANGE']);
    expect(codes({ padding: 2.5 })).toEqual(['padding:NOT_AN_INTEGER']);
    expect(codes({ increment: 0 })).toEqual(['increment:OUT_OF_RANGE']);
    expect(codes({ start: -1 })).toEqual(['start:OUT_OF_RANGE']);
    expect(codes({ start: '1' })).toEqual(['start:NOT_AN_INTEGER']);
    expect(codes({ start: Number.NaN })).toEqual(['start:NOT_AN_INTEGER']);
  });

  it('checks the reset and the prefix', () => {
    expect(codes({ reset: 'weekly' })).toEqual(['reset:INVALID_VALUE']);
    expect(codes({ prefix: 'X'.repeat(51) })).toEqual(['prefix:TOO_LONG']);
    expect(codes({ prefix: 5 })).toEqual(['prefix:INVALID_VALUE']);
  });

  it('requires {SEQ} in a pattern and flags unknown tokens', () => {
    expect(codes({ pattern: 'INV-{YYYY}' })).toEqual(['pattern:MISSING_SEQ']);
    expect(codes({ pattern: '{YYY}-{SEQ}', reset: 'never' })).toEqual(['pattern:UNKNOWN_TOKEN']);
    expect(codes({ pattern: '{seq}', reset: 'never' })).toEqual(['pattern:MISSING_SEQ', 'pattern:UNKNOWN_TOKEN']);
    expect(codes({ pattern: 'A{B-{SEQ}', reset: 'never' })).toEqual([]);
  });

  it('refuses a reset the number does not show, since the numbers would repeat', () => {
    expect(codes({ pattern: null, reset: 'yearly' })).toEqual(['pattern:RESET_NOT_IN_NUMBER']);
    expect(codes({ pattern: '{PREFIX}{YY}{SEQ}', reset: 'yearly' })).toEqual([]);
    expect(codes({ pattern: '{PREFIX}-{YYYY}-{SEQ}', reset: 'monthly' })).toEqual(['pattern:RESET_NOT_IN_NUMBER']);
    expect(codes({ pattern: '{PREFIX}-{YYYY}{MM}-{SEQ}', reset: 'monthly' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(codes({ padding: 99, increment: 0, start: -5, pattern: 'X', reset: 'never' })).toEqual([
      'padding:OUT_OF_RANGE',
      'increment:OUT_OF_RANGE',
      'start:OUT_OF_RANGE',
      'pattern:MISSING_SEQ',
    ]);
  });
});
