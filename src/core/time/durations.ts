import { Dec } from '../money/decimal.ts';

/** Seconds as minutes with two decimals, half up ("61" → "1.02"): how documents show call time. */
export function minutesText(seconds: number): string {
  return new Dec(seconds).div(60).toFixed(2);
}
