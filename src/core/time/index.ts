export { addDays, compareDates, daysBetween, fromPlainDate, isValidDate, toPlainDate } from './dates.ts';
export {
  formatInZone,
  isTimeZone,
  normalizeTimeZone,
  periodToUtcRange,
  startOfDay,
  todayInZone,
  type InstantPattern,
  type UtcRange,
} from './zones.ts';
export {
  BILLING_PERIOD_KINDS,
  nextBillingPeriod,
  periodsForBilling,
  previousBillingPeriod,
  type BillingPeriodKind,
  type DatePeriod,
} from './periods.ts';
