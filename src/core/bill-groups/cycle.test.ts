import { describe, expect, it } from 'vitest';
import { billDateAfter, billDateOnOrBefore, oldestBillableUsageDay, runCycle, usageCutoff } from './cycle.ts';

describe('bill cycles', () => {
  it('finds the bill dates around a day, across month and year ends', () => {
    expect(billDateOnOrBefore(15, '2024-03-15')).toBe('2024-03-15');
    expect(billDateOnOrBefore(15, '2024-03-14')).toBe('2024-02-15');
    expect(billDateOnOrBefore(28, '2024-01-05')).toBe('2023-12-28');
    expect(billDateAfter(1, '2024-12-01')).toBe('2025-01-01');
    expect(billDateAfter(28, '2024-02-27')).toBe('2024-02-28');
  });

  it('bills from the day after the last billed day to the day before the run', () => {
    expect(runCycle('2024-03-01', '2024-01-31', '2023-06-01')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });

  it('bills every day since the last run after a missed run, and from activation for a new account', () => {
    expect(runCycle('2024-04-01', '2024-01-31', '2023-06-01')).toEqual({ start: '2024-02-01', end: '2024-03-31' });
    expect(runCycle('2024-03-01', null, '2024-02-10')).toEqual({ start: '2024-02-10', end: '2024-02-29' });
  });

  it('has nothing to bill for an account activated on the run date', () => {
    expect(runCycle('2024-03-01', null, '2024-03-01')).toBeNull();
  });

  it('cuts usage off the day before the usage bill day', () => {
    expect(usageCutoff(1, '2024-03-01')).toBe('2024-02-29');
    // Usage billed on the 5th: a run on the 1st bills usage only up to the 4th of the month before.
    expect(usageCutoff(5, '2024-03-01')).toBe('2024-02-04');
  });

  it('reports usage older than the maximum age', () => {
    expect(oldestBillableUsageDay('2024-05-31', 3)).toBe('2024-02-29');
  });
});
