import { describe, expect, it } from 'vitest';
import { isValidAt, pickValid } from './validity.ts';

const plans = [
  { id: 'old', validFrom: '2024-01-01', validTo: '2024-02-01' },
  { id: 'new', validFrom: '2024-02-01', validTo: null },
];

describe('pickValid', () => {
  it('treats validFrom as inclusive and validTo as exclusive', () => {
    expect(pickValid(plans, '2024-01-31T23:59:59.999999999Z')?.id).toBe('old');
    expect(pickValid(plans, '2024-02-01T00:00:00Z')?.id).toBe('new');
    expect(pickValid(plans, '2024-01-01T00:00:00Z')?.id).toBe('old');
    expect(pickValid(plans, '2023-12-31T23:59:59Z')).toBeUndefined();
  });

  it('accepts a date as `at`, meaning the start of that day', () => {
    expect(pickValid(plans, '2024-02-01')?.id).toBe('new');
    expect(pickValid(plans, '2024-01-31')?.id).toBe('old');
  });

  it('reads date-only boundaries in the given time zone', () => {
    // 2024-02-01 starts at 2024-01-31T23:00Z in Madrid (UTC+1).
    expect(pickValid(plans, '2024-01-31T23:30:00Z', { timeZone: 'Europe/Madrid' })?.id).toBe('new');
    expect(pickValid(plans, '2024-01-31T23:30:00Z')?.id).toBe('old');
  });

  it('compares instants with offsets by the moment they denote', () => {
    const assignment = [{ validFrom: '2024-03-01T00:00:00+02:00', validTo: '2024-03-02T00:00:00+02:00' }];
    expect(pickValid(assignment, '2024-02-29T22:00:00Z')).toBe(assignment[0]);
    expect(pickValid(assignment, '2024-02-29T21:59:59Z')).toBeUndefined();
    expect(pickValid(assignment, '2024-03-01T22:00:00Z')).toBeUndefined();
  });

  it('prefers the latest validFrom among overlapping items, then the later item', () => {
    const overlapping = [
      { id: 'base', validFrom: '2024-01-01', validTo: null },
      { id: 'promo', validFrom: '2024-06-01', validTo: '2024-07-01' },
      { id: 'promo-fix', validFrom: '2024-06-01', validTo: '2024-07-01' },
    ];
    expect(pickValid(overlapping, '2024-06-15')?.id).toBe('promo-fix');
    expect(pickValid(overlapping, '2024-07-01')?.id).toBe('base');
  });

  it('never picks an empty interval', () => {
    expect(pickValid([{ validFrom: '2024-01-01', validTo: '2024-01-01' }], '2024-01-01')).toBeUndefined();
    expect(pickValid([], '2024-01-01')).toBeUndefined();
  });

  it('throws on unparseable boundaries and unknown zones rather than guessing', () => {
    expect(() => pickValid(plans, '2024-01-01T10:00:00')).toThrow(RangeError);
    expect(() => pickValid([{ validFrom: '01/02/2024', validTo: null }], '2024-01-01')).toThrow(/01\/02\/2024/);
    expect(() => pickValid(plans, '2024-01-01', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('isValidAt', () => {
  it('applies the same half-open rule to one item', () => {
    expect(isValidAt(plans[0], '2024-01-15')).toBe(true);
    expect(isValidAt(plans[0], '2024-02-01')).toBe(false);
  });
});
