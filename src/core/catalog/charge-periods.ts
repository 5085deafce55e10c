import { addDays, dateParts, daysBetween, daysInMonth, formatDate } from '../time/dates.ts';
import type { DatePeriod } from '../time/periods.ts';
import { Dec, roundTo, type RoundingMode } from '../money/decimal.ts';

/** The period a recurring product's price is for. Product periods follow the calendar. */
export type ProductPeriodKind = 'month' | 'quarter' | 'year';

export const PRODUCT_PERIOD_KINDS: readonly ProductPeriodKind[] = ['month', 'quarter', 'year'];

/** Billed before the product period starts, or after it ends. */
export type BillingTiming = 'in_advance' | 'in_arrears';

/** The calendar month, quarter or year that contains `date`. */
export function productPeriodContaining(kind: ProductPeriodKind, date: string): DatePeriod {
  const day = dateParts(date);
  if (day === null) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const firstMonth = kind === 'month' ? day.month : kind === 'quarter' ? day.month - ((day.month - 1) % 3) : 1;
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  // Months, quarters and years never cross a year's end.
  const lastMonth = firstMonth + months - 1;
  return {
    start: formatDate(day.year, firstMonth, 1),
    end: formatDate(day.year, lastMonth, daysInMonth(day.year, lastMonth)),
  };
}

/** Inclusive number of days of a period. */
export function daysIn(period: DatePeriod): number {
  return daysBetween(period.start, period.end) + 1;
}

/** Days of `period` on which the subscription was active; ranges are inclusive and must not overlap. */
export function activeDaysIn(period: DatePeriod, active: ActiveRange[]): number {
  let days = 0;
  for (const range of active) {
    const start = range.start > period.start ? range.start : period.start;
    const end = range.end === null || range.end > period.end ? period.end : range.end;
    if (start <= end) days += daysBetween(start, end) + 1;
  }
  return days;
}

/** A stretch of days on which a subscription was active; `end: null` is open-ended. */
export interface ActiveRange {
  start: string;
  end: string | null;
}

/** One product period a subscription owes a charge for, with its proration fraction in days. */
export interface ChargePeriod {
  period: DatePeriod;
  activeDays: number;
  periodDays: number;
}

export interface RecurringTerms {
  kind: ProductPeriodKind;
  timing: BillingTiming;
  /** Active stretches in date order: the subscription's start to end, split by suspensions. */
  active: ActiveRange[];
}

/**
 * Every product period that is due by the time an invoice is made for `invoicePeriod`:
 * - in arrears, a product period is due once its last possibly active day lies within or before
 *   the invoice period (so a subscription ending mid-month is billed with that month);
 * - in advance, a product period is due once it starts on or before `advanceHorizon` (the end of the
 *   billing period that follows the invoice period), so the coming period is billed beforehand, and
 *   a part of the current period that began after the last invoice is caught up.
 * The result may include periods billed before: charges are produced idempotently per subscription
 * and product period, and the caller skips those that exist. Periods with no active day are left out.
 */
export function dueChargePeriods(
  terms: RecurringTerms,
  invoicePeriod: DatePeriod,
  advanceHorizon: string,
): ChargePeriod[] {
  if (terms.active.length === 0) return [];
  const first = terms.active[0]!.start;
  const last = terms.active[terms.active.length - 1]!.end;
  const result: ChargePeriod[] = [];
  for (let period = productPeriodContaining(terms.kind, first); ;) {
    if (terms.timing === 'in_advance' ? period.start > advanceHorizon : !arrearsDue(period, last, invoicePeriod)) break;
    if (last !== null && period.start > last) break;
    const activeDays = activeDaysIn(period, terms.active);
    if (activeDays > 0) result.push({ period, activeDays, periodDays: daysIn(period) });
    period = productPeriodContaining(terms.kind, addDays(period.end, 1));
  }
  return result;
}

function arrearsDue(period: DatePeriod, lastActive: string | null, invoicePeriod: DatePeriod): boolean {
  const lastBillableDay = lastActive !== null && lastActive < period.end ? lastActive : period.end;
  return lastBillableDay <= invoicePeriod.end;
}

/**
 * A whole-period amount prorated by days: amount × activeDays ÷ periodDays, computed exactly and
 * rounded once to the currency's minor units.
 */
export function prorate(
  amount: Dec | string,
  charge: ChargePeriod,
  minorUnits: number,
  mode: RoundingMode = 'half_up',
): Dec {
  if (charge.activeDays === charge.periodDays) return roundTo(new Dec(amount), minorUnits, mode);
  return roundTo(new Dec(amount).times(charge.activeDays).dividedBy(charge.periodDays), minorUnits, mode);
}
