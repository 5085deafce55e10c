import { Dec, roundTo } from '../money/decimal.ts';

/** A document's amount with the exchange rate frozen on it (units of its currency per base unit). */
export interface ConvertibleAmount {
  amount: string;
  currency: string;
  frozenRate: string;
}

/**
 * Sums amounts in a viewing currency: each amount converts to the base currency with its own
 * frozen rate, then to the viewing currency with that currency's current rate — except amounts
 * already in the viewing currency, which count at face value. Only the sum is rounded, to
 * `minorUnits`, so no per-document rounding drifts the total.
 */
export function totalInViewingCurrency(
  amounts: ConvertibleAmount[],
  viewing: { currency: string; currentRate: string; minorUnits: number },
): string {
  let total = new Dec(0);
  for (const item of amounts) {
    if (item.currency === viewing.currency) total = total.plus(item.amount);
    else total = total.plus(new Dec(item.amount).dividedBy(item.frozenRate).times(viewing.currentRate));
  }
  return roundTo(total, viewing.minorUnits).toFixed(viewing.minorUnits);
}
