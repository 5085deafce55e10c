import { Temporal } from 'temporal-polyfill';
import { addDays, fromPlainDate, toPlainDate } from '../time/dates.ts';
import type { DatePeriod } from '../time/periods.ts';

/** The group's bill date in the month of `date` (bill days are 1–28, so every month has one). */
function billDateInMonth(billDay: number, date: Temporal.PlainDate): Temporal.PlainDate {
  return date.with({ day: billDay });
}

/** The latest bill date on or before `date`. */
export function billDateOnOrBefore(billDay: number, date: string): string {
  const day = toPlainDate(date);
  const inMonth = billDateInMonth(billDay, day);
  return fromPlainDate(Temporal.PlainDate.compare(inMonth, day) <= 0 ? inMonth : inMonth.subtract({ months: 1 }));
}

/** The first bill date strictly after `date`. */
export function billDateAfter(billDay: number, date: string): string {
  const day = toPlainDate(date);
  const inMonth = billDateInMonth(billDay, day);
  return fromPlainDate(Temporal.PlainDate.compare(inMonth, day) > 0 ? inMonth : inMonth.add({ months: 1 }));
}

/**
 * The bill cycle a run on `runDate` closes: from the day after what the account was last billed
 * through (or its activation) to the day before the run. A run on a bill date bills one whole
 * cycle; a late run, or one after a missed run, bills every day since, so no day falls between
 * cycles. Null when the account has nothing to bill yet (activated on or after the run date).
 */
export function runCycle(runDate: string, billedThrough: string | null, activationDate: string): DatePeriod | null {
  const start = billedThrough !== null && billedThrough >= activationDate ? addDays(billedThrough, 1) : activationDate;
  const end = addDays(runDate, -1);
  return start <= end ? { start, end } : null;
}

/**
 * The last day of usage a run bills: the day before the latest usage bill date on or before the
 * run date. With a usage bill day after the bill day, usage lags one more month behind packages,
 * which is what operators set it for (late CDRs from carriers).
 */
export function usageCutoff(usageBillDay: number, runDate: string): string {
  return addDays(billDateOnOrBefore(usageBillDay, runDate), -1);
}

/** The oldest usage day a run bills silently; older unbilled usage is reported as an error. */
export function oldestBillableUsageDay(runDate: string, maxUnbilledUsageMonths: number): string {
  return fromPlainDate(toPlainDate(runDate).subtract({ months: maxUnbilledUsageMonths }));
}
