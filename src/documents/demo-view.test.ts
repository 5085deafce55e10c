import { describe, expect, it } from 'vitest';
import { demoDocumentView } from './view.ts';

// Amounts as integer units of 10^-scale, so the arithmetic checks below are exact.
function units(value: string, scale: number): bigint {
  const [int, frac = ''] = value.replace('-', '').split('.');
  const magnitude = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  if (frac.length > scale) throw new Error(`${value} has more than ${scale} decimals`);
  return value.startsWith('-') ? -magnitude : magnitude;
}

const cents = (value: string): bigint => units(value, 2);
const halfUp = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);

describe.each(['en', 'ru'] as const)('demoDocumentView(%s)', (locale) => {
  const view = demoDocumentView(locale);

  it('is the advertised demo: 4 destinations, one fixed cost, 10% discount, 21% tax, ~15 calls', () => {
    expect(view.document).toMatchObject({
      locale,
      type: 'invoice',
      currency: 'EUR',
      taxRate: '21',
      callDiscountPercent: '10',
    });
    expect(view.lines.filter((line) => line.kind === 'usage')).toHaveLength(4);
    expect(view.lines.filter((line) => line.kind === 'fixed_cost')).toHaveLength(1);
    expect(view.calls.length).toBeGreaterThanOrEqual(12);
    expect(view.sender.address?.country).toBe('ES');
  });

  it('adds up: Σ lines = net, net + tax = total, open = total − paid', () => {
    const { totals } = view;
    const sum = view.lines.reduce((acc, line) => acc + cents(line.net), 0n);
    expect(sum).toBe(cents(totals.net));
    expect(cents(totals.usage) - cents(totals.discount) + cents(totals.fixedCosts)).toBe(cents(totals.net));
    expect(cents(totals.net) + cents(totals.tax)).toBe(cents(totals.total));
    expect(cents(totals.total) - cents(totals.paid)).toBe(cents(totals.open));
  });

  it('computes discount and tax half-up on the rounded bases', () => {
    const { totals } = view;
    expect(cents(totals.discount)).toBe(halfUp(cents(totals.usage) * 10n, 100n));
    expect(cents(totals.tax)).toBe(halfUp(cents(totals.net) * 21n, 100n));
    const usage = view.lines.filter((line) => line.kind === 'usage').reduce((acc, line) => acc + cents(line.net), 0n);
    expect(usage).toBe(cents(totals.usage));
  });

  it('has usage lines that summarise the call list per destination', () => {
    for (const line of view.lines.filter((item) => item.kind === 'usage')) {
      const calls = view.calls.filter((call) => call.destination === line.destination);
      expect(String(calls.length)).toBe(line.quantity);
      expect(calls.reduce((acc, call) => acc + call.durationSeconds, 0)).toBe(line.durationSeconds);
      const micros = calls.reduce((acc, call) => acc + units(call.price, 6), 0n);
      expect(halfUp(micros, 10_000n)).toBe(cents(line.net));
    }
  });

  it('formats call times as dd/MM/yyyy HH:mm:ss within the period', () => {
    for (const call of view.calls)
      expect(call.startedAt).toMatch(/^(0[1-9]|[12]\d|3[01])\/10\/2018 \d{2}:\d{2}:\d{2}$/);
  });

  it('returns a fresh copy each time', () => {
    const other = demoDocumentView(locale);
    other.sender.name = 'changed';
    expect(demoDocumentView(locale).sender.name).not.toBe('changed');
  });
});

it('has Russian tax details (INN, KPP) for the Russian demo', () => {
  expect(demoDocumentView('ru').recipient).toMatchObject({
    taxId: expect.stringMatching(/^\d{10}$/),
    kpp: expect.stringMatching(/^\d{9}$/),
  });
});
