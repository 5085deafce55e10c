import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { pickValid } from '../../src/core/rating/index.ts';
import { pickWindow, windowMs } from '../../src/app/usage/zone-dates.ts';

// Ingestion picks the plan valid at a call with epoch milliseconds (a million calls per import);
// it must choose exactly what core/rating's pickValid chooses from the same dates.

const day = fc
  .integer({ min: 0, max: 60 })
  .map((n) => Temporal.PlainDate.from('2024-03-01').add({ days: n }).toString());
const item = fc.record({ validFrom: day, validTo: fc.option(day, { nil: null }) });
const zone = fc.constantFrom('UTC', 'Europe/Madrid', 'America/Sao_Paulo', 'Pacific/Chatham', 'Asia/Kolkata');
const at = fc.integer({ min: Date.UTC(2024, 1, 28), max: Date.UTC(2024, 4, 5) });

describe('Picking the window valid at a call', () => {
  it('agrees with core pickValid, DST days included', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), zone, at, (items, timeZone, ms) => {
        const windows = items.map((it, index) => ({ index, ...windowMs(it.validFrom, it.validTo, timeZone) }));
        const chosen = pickWindow(windows, ms)?.index;
        const expected = pickValid(
          items.map((it, index) => ({ ...it, index })),
          new Date(ms).toISOString(),
          { timeZone },
        )?.index;
        expect(chosen).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
