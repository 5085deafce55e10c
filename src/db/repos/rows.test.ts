import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './rows.ts';

describe('isoTimestamp', () => {
  it('writes what a Temporal round trip writes, for UTC values and others', () => {
    for (const value of [
      '2026-01-05 10:00:00+00',
      '2026-01-05 10:00:00.5+00',
      '2026-01-05 10:00:00.120000+00',
      '2026-01-05 10:00:00.000000+00',
      '2026-01-05 10:00:00.123456+00:00',
      '2024-02-29 23:59:59.999999+00',
      '2026-01-05 10:00:00+01',
      '2026-03-29 01:30:00.25-05:30',
    ])
      expect([value, isoTimestamp(value)]).toEqual([value, Temporal.Instant.from(value.replace(' ', 'T')).toString()]);
  });
});
