import { addDays } from '../time/dates.ts';
import { periodsForBilling, previousBillingPeriod, type BillingPeriodKind, type DatePeriod } from '../time/periods.ts';

export interface DuePeriodsInput {
  kind: BillingPeriodKind;
  /** The first day the customer may be billed for. */
  activationDate: string;
  /** Today in the tenant's time zone: a period is due once it has ended before today. */
  today: string;
  /** Periods already covered by a draft or issued document of this type (cancelled ones are not). */
  covered: DatePeriod[];
  /** Tenant setting: bill only the latest closed period, never the missed ones before it. */
  skipMissing: boolean;
}

/**
 * The periods a customer is due to be billed for: every closed billing period since its activation
 * that no document covers yet (or only the latest one when `skipMissing`), oldest first.
 * Periods are trimmed rather than skipped when they are partly covered or partly before activation,
 * so that switching the billing period kind (say monthly to weekly mid-month) or activating
 * mid-period bills exactly the days nobody billed, and never a day twice.
 */
export function duePeriods(input: DuePeriodsInput): DatePeriod[] {
  const latest = previousBillingPeriod(input.kind, periodsForBilling(input.kind, input.today));
  if (latest.end < input.activationDate) return [];
  const first = input.skipMissing ? latest : periodsForBilling(input.kind, input.activationDate);
  const due: DatePeriod[] = [];
  for (
    let period = first;
    period.start <= latest.start;
    period = periodsForBilling(input.kind, addDays(period.end, 1))
  ) {
    const start = period.start < input.activationDate ? input.activationDate : period.start;
    due.push(...uncovered({ start, end: period.end }, input.covered));
  }
  return due;
}

/** The parts of `period` that no covered period overlaps, in date order. */
export function uncovered(period: DatePeriod, covered: DatePeriod[]): DatePeriod[] {
  let pieces: DatePeriod[] = [period];
  for (const c of covered) {
    pieces = pieces.flatMap((piece) => {
      if (c.end < piece.start || c.start > piece.end) return [piece];
      const rest: DatePeriod[] = [];
      if (c.start > piece.start) rest.push({ start: piece.start, end: addDays(c.start, -1) });
      if (c.end < piece.end) rest.push({ start: addDays(c.end, 1), end: piece.end });
      return rest;
    });
  }
  return pieces;
}
