import { addDays } from '../time/dates.ts';
import type { DatePeriod } from '../time/periods.ts';
import { Dec } from '../money/decimal.ts';
import type { ActiveRange, ChargePeriod } from './charge-periods.ts';
import { priceQuantity, type PriceModel } from './price-models.ts';

/**
 * Decimal places a charge amount keeps. A prorated amount (price × active days ÷ period days) is
 * exact whenever the division terminates; otherwise 12 places sit far below any currency's minor
 * unit, so rounding it once on the document line gives the same result as rounding the fraction.
 */
export const CHARGE_AMOUNT_PLACES = 12;

/** A stretch of days a subscription is suspended; `to: null` until it is resumed. */
export interface SuspensionRange {
  from: string;
  to: string | null;
}

export interface SubscriptionDates {
  startDate: string;
  endDate: string | null;
  suspensions: readonly SuspensionRange[];
}

/** Whether two inclusive date ranges share a day; a null end is open-ended. */
export function rangesOverlap(a: ActiveRange, b: ActiveRange): boolean {
  return (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end);
}

/**
 * The days a subscription is billed for, in date order: its start to end, minus suspensions, and
 * never before `notBefore` (the customer's activation date).
 */
export function activeRanges(dates: SubscriptionDates, notBefore: string | null = null): ActiveRange[] {
  let ranges: ActiveRange[] = [{ start: dates.startDate, end: dates.endDate }];
  const cuts = [...dates.suspensions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const cut of cuts) {
    ranges = ranges.flatMap((range) => {
      if (!rangesOverlap(range, { start: cut.from, end: cut.to })) return [range];
      const parts: ActiveRange[] = [];
      if (range.start < cut.from) parts.push({ start: range.start, end: addDays(cut.from, -1) });
      if (cut.to !== null && (range.end === null || cut.to < range.end))
        parts.push({ start: addDays(cut.to, 1), end: range.end });
      return parts;
    });
  }
  if (notBefore === null) return ranges;
  return ranges
    .filter((range) => range.end === null || range.end >= notBefore)
    .map((range) => (range.start < notBefore ? { ...range, start: notBefore } : range));
}

/**
 * What one whole product period of a subscription costs: the quantity at the overriding unit price,
 * or the product's price model applied to the quantity. Exact, not rounded.
 */
export function periodAmount(model: PriceModel, quantity: string, unitPriceOverride: string | null): Dec {
  return unitPriceOverride === null ? priceQuantity(model, quantity) : new Dec(quantity).times(unitPriceOverride);
}

/** The part of a whole-period amount owed for the active days of a charge period, unrounded. */
export function proratedAmount(full: Dec | string, charge: Pick<ChargePeriod, 'activeDays' | 'periodDays'>): Dec {
  const whole = new Dec(full);
  if (charge.activeDays === charge.periodDays) return whole;
  return whole.times(charge.activeDays).dividedBy(charge.periodDays).toDecimalPlaces(CHARGE_AMOUNT_PLACES);
}

/** A scheduled charge a subscription owes for one product period, before it is stored. */
export interface ScheduledChargeDraft {
  period: DatePeriod;
  activeDays: number;
  periodDays: number;
  fullAmount: string;
  amount: string;
}

/**
 * The scheduled charges of the due product periods that were not produced before (`producedStarts`
 * lists the starts of the product periods already charged), each prorated by its active days.
 */
export function scheduledChargeDrafts(
  due: readonly ChargePeriod[],
  full: Dec,
  producedStarts: ReadonlySet<string>,
): ScheduledChargeDraft[] {
  return due
    .filter((charge) => !producedStarts.has(charge.period.start))
    .map((charge) => ({
      period: charge.period,
      activeDays: charge.activeDays,
      periodDays: charge.periodDays,
      fullAmount: full.toFixed(),
      amount: proratedAmount(full, charge).toFixed(),
    }));
}
