import { Temporal } from 'temporal-polyfill';
import type { DocumentType } from '../documents/types.ts';

/** How often a generation schedule fires. */
export const SCHEDULE_FREQUENCIES = ['monthly', 'weekly', 'daily'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

/**
 * When a tenant generates one type of document by itself. Each firing bills every customer for
 * the closed billing periods no document covers yet (see duePeriods), so a schedule says when
 * documents are made, and the customers' billing periods say what they cover.
 */
export interface GenerationSchedule {
  documentType: DocumentType;
  frequency: ScheduleFrequency;
  /** Monthly: the day of the month (29–31 fire on the last day of shorter months). */
  dayOfMonth: number | null;
  /** Weekly: ISO day of the week, 1 = Monday … 7 = Sunday. */
  dayOfWeek: number | null;
  /** Local wall-clock time in the tenant's zone, "HH:MM". */
  time: string;
  enabled: boolean;
}

const monthlyAtSix = (documentType: DocumentType): GenerationSchedule => ({
  documentType,
  frequency: 'monthly',
  dayOfMonth: 1,
  dayOfWeek: null,
  time: '06:00',
  enabled: true,
});

/** A tenant that never set its schedules generates invoices, acts and VAT invoices on the 1st at 06:00. */
export const DEFAULT_SCHEDULES: readonly GenerationSchedule[] = [
  monthlyAtSix('invoice'),
  monthlyAtSix('act'),
  monthlyAtSix('vat_invoice'),
];

export const isScheduleTime = (time: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(time);

/** The local date on which a schedule fires in the month, week or day that holds `local`. */
function firingDate(schedule: GenerationSchedule, local: Temporal.PlainDate): Temporal.PlainDate {
  switch (schedule.frequency) {
    case 'monthly':
      return local.with({ day: Math.min(schedule.dayOfMonth ?? 1, local.daysInMonth) });
    case 'weekly':
      return local.subtract({ days: local.dayOfWeek - 1 }).add({ days: (schedule.dayOfWeek ?? 1) - 1 });
    case 'daily':
      return local;
  }
}

function earlier(schedule: GenerationSchedule, local: Temporal.PlainDate): Temporal.PlainDate {
  switch (schedule.frequency) {
    case 'monthly':
      return local.with({ day: 1 }).subtract({ months: 1 });
    case 'weekly':
      return local.subtract({ weeks: 1 });
    case 'daily':
      return local.subtract({ days: 1 });
  }
}

/**
 * The most recent firing of a schedule at or before `asOf`, as a local date and the instant it
 * stands for. A firing time that a DST change skips moves forward by the length of the gap
 * (02:30 becomes 03:30), one that repeats happens the first time (Temporal's "compatible" rule), so a schedule fires
 * once a period on every calendar, whatever the clocks do.
 */
export function latestFiring(
  schedule: GenerationSchedule,
  asOf: Temporal.Instant,
  timeZone: string,
): { date: string; at: Temporal.Instant } {
  const time = Temporal.PlainTime.from(schedule.time);
  let date = firingDate(schedule, asOf.toZonedDateTimeISO(timeZone).toPlainDate());
  for (;;) {
    const at = date.toZonedDateTime({ timeZone, plainTime: time }).toInstant();
    if (Temporal.Instant.compare(at, asOf) <= 0) return { date: date.toString(), at };
    date = firingDate(schedule, earlier(schedule, date));
  }
}
