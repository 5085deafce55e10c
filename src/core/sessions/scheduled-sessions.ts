import type { BillingPeriodKind, DatePeriod } from '../time/periods.ts';
import { duePeriods } from './due-periods.ts';

export interface ScheduledCustomer {
  id: string;
  billingPeriod: BillingPeriodKind;
  activationDate: string;
  /** Periods a draft or issued document of the schedule's type already covers. */
  covered: DatePeriod[];
}

/** One session a schedule's firing opens: a period, the billing period kind, and who is due for it. */
export interface PlannedSession {
  periodStart: string;
  periodEnd: string;
  billingPeriod: BillingPeriodKind;
  customerIds: string[];
}

/**
 * The sessions one firing of a schedule opens on `today` (the firing's date in the tenant zone):
 * one per due period and billing period kind, with every customer due for exactly that period,
 * oldest period first. A customer whose periods were trimmed (activated mid-period, or partly
 * covered after a change of billing period) gets its own period and so its own session.
 * Pure: the same customers, coverage and day always plan the same sessions.
 */
export function scheduledSessions(
  customers: ScheduledCustomer[],
  today: string,
  skipMissing: boolean,
): PlannedSession[] {
  const sessions = new Map<string, PlannedSession>();
  for (const customer of customers) {
    const due = duePeriods({
      kind: customer.billingPeriod,
      activationDate: customer.activationDate,
      today,
      covered: customer.covered,
      skipMissing,
    });
    for (const period of due) {
      const key = `${period.start}|${period.end}|${customer.billingPeriod}`;
      const session = sessions.get(key) ?? {
        periodStart: period.start,
        periodEnd: period.end,
        billingPeriod: customer.billingPeriod,
        customerIds: [],
      };
      session.customerIds.push(customer.id);
      sessions.set(key, session);
    }
  }
  return [...sessions.values()].sort(
    (a, b) =>
      a.periodStart.localeCompare(b.periodStart) ||
      a.periodEnd.localeCompare(b.periodEnd) ||
      a.billingPeriod.localeCompare(b.billingPeriod),
  );
}
