import { addDays, fromPlainDate, toPlainDate } from './dates.ts';

/** Customer billing periods that produce dates; a customer with period 'none' is never auto-billed. */
export type BillingPeriodKind = 'weekly' | 'biweekly' | 'monthly';

export const BILLING_PERIOD_KINDS: readonly BillingPeriodKind[] = ['weekly', 'biweekly', 'monthly'];

/** A service period as inclusive calendar dates (YYYY-MM-DD). */
export interface DatePeriod {
  start: string;
  end: string;
}

/**
 * The billing period of the given kind that contains anchorDate:
 * - weekly: Monday to Sunday (ISO weeks, whatever the locale's first weekday);
 * - biweekly: the 1st–15th or the 16th–last day of the month;
 * - monthly: the whole calendar month.
 * Every kind partitions the calendar, so the period after p starts on addDays(p.end, 1).
 */
export function periodsForBilling(kind: BillingPeriodKind, anchorDate: string): DatePeriod {
  const anchor = toPlainDate(anchorDate);
  switch (kind) {
    case 'weekly': {
      const start = fromPlainDate(anchor.subtract({ days: anchor.dayOfWeek - 1 }));
      return { start, end: addDays(start, 6) };
    }
    case 'biweekly': {
      const firstHalf = anchor.day <= 15;
      const start = fromPlainDate(anchor.with({ day: firstHalf ? 1 : 16 }));
      const end = fromPlainDate(anchor.with({ day: firstHalf ? 15 : anchor.daysInMonth }));
      return { start, end };
    }
    case 'monthly':
      return {
        start: fromPlainDate(anchor.with({ day: 1 })),
        end: fromPlainDate(anchor.with({ day: anchor.daysInMonth })),
      };
    default:
      throw new RangeError(`Unknown billing period kind: ${JSON.stringify(kind satisfies never)}`);
  }
}

/** The period that follows `period` for the same kind. */
export function nextBillingPeriod(kind: BillingPeriodKind, period: DatePeriod): DatePeriod {
  return periodsForBilling(kind, addDays(period.end, 1));
}

/** The period that precedes `period`, e.g. "last month" when billing in arrears. */
export function previousBillingPeriod(kind: BillingPeriodKind, period: DatePeriod): DatePeriod {
  return periodsForBilling(kind, addDays(period.start, -1));
}
