import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { compareInstants, parseCallInstant, parseInstant } from './instant.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Canonical-looking texts, including impossible dates and times that must fall back or fail. */
const canonicalText = fc
  .record({
    year: fc.integer({ min: 900, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction === undefined ? '' : `.${p.fraction}`}Z`,
  );

function viaTemporal(text: string) {
  try {
    const instant = Temporal.Instant.from(text);
    return { iso: instant.toString(), ns: instant.epochNanoseconds };
  } catch {
    return undefined;
  }
}

describe('parseInstant', () => {
  it('gives exactly what Temporal gives, on the fast path and off it', () => {
    fc.assert(
      fc.property(canonicalText, (text) => {
        const expected = viaTemporal(text);
        const parsed = parseInstant(text);
        if (expected === undefined) return parsed === undefined;
        expect(parsed?.iso).toBe(expected.iso);
        expect(BigInt(parsed!.epochMs) * 1_000_000n + BigInt(parsed!.subMsNanos)).toBe(expected.ns);
        return true;
      }),
      { numRuns: 5000 },
    );
  });

  it('reads offsets, fractions and pre-1970 instants through Temporal', () => {
    expect(parseInstant('2018-10-05T12:00:00+02:00')?.iso).toBe('2018-10-05T10:00:00Z');
    expect(parseInstant('2018-10-05T10:00:00.120Z')?.iso).toBe('2018-10-05T10:00:00.12Z');
    expect(parseInstant('1969-12-31T23:59:59.9999995-00:00')).toMatchObject({ epochMs: -1, subMsNanos: 999_500 });
    expect(parseInstant('2018-10-05 10:00:00')).toBeUndefined();
    expect(parseInstant('2018-02-30T10:00:00Z')).toBeUndefined();
  });

  it('limits call instants to four-digit years', () => {
    expect(parseCallInstant('+010000-01-01T00:00:00Z')).toBeUndefined();
    expect(parseCallInstant('-000001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseCallInstant('0999-01-01T00:00:00Z')?.iso).toBe('0999-01-01T00:00:00Z');
  });

  it('orders instants by time, down to the nanosecond', () => {
    const a = parseInstant('2018-10-05T10:00:00.000000001Z')!;
    const b = parseInstant('2018-10-05T10:00:00.000000002Z')!;
    expect(compareInstants(a, b)).toBeLessThan(0);
    expect(compareInstants(b, a)).toBeGreaterThan(0);
    expect(compareInstants(a, parseInstant('2018-10-05T12:00:00.000000001+02:00')!)).toBe(0);
  });
});
