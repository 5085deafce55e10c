import { Dec, roundTo } from '../money/decimal.ts';

/**
 * Converts an amount between two currencies through the base currency. Rates are units of each
 * currency per one unit of the tenant's base currency (the base currency itself is 1). The result
 * is rounded once, half-up, to the target currency's minor units.
 */
export function convertAmount(amount: string, fromRate: string, toRate: string, minorUnits: number): string {
  if (new Dec(fromRate).eq(toRate)) return roundTo(new Dec(amount), minorUnits).toFixed(minorUnits);
  const value = new Dec(amount).dividedBy(fromRate).times(toRate);
  return roundTo(value, minorUnits).toFixed(minorUnits);
}

/** The rate that turns one unit of the `from` currency into the `to` currency (recorded on allocations). */
export function crossRate(fromRate: string, toRate: string): string {
  return new Dec(toRate).dividedBy(fromRate).toSignificantDigits(12).toString();
}

/** True when `amount` has no more decimals than the currency's minor units. */
export function fitsMinorUnits(amount: string, minorUnits: number): boolean {
  const dot = amount.indexOf('.');
  return dot < 0 || amount.length - dot - 1 <= minorUnits || /^0*$/.test(amount.slice(dot + 1 + minorUnits));
}
