import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Tenant } from '../ports/tenancy.ts';
import { invalid, notFound, type FieldError } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import {
  DEFAULT_SCHEDULES,
  isScheduleTime,
  SCHEDULE_FREQUENCIES,
  type GenerationSchedule,
} from '../../core/sessions/schedules.ts';
import type { DocumentType } from '../../core/documents/types.ts';

/** The types a schedule can generate: those a generation session makes. */
export const SCHEDULABLE_TYPES: readonly DocumentType[] = ['invoice', 'proforma', 'act', 'vat_invoice'];

/** When the tenant generates documents by itself, and whether missed past periods are made up. */
export interface GenerationSettings {
  /** Bill only the latest closed period, never the missed ones before it. */
  skipMissingInvoices: boolean;
  schedules: GenerationSchedule[];
}

/** The tenant's settings, or the defaults for what it never set. */
export function generationSettingsOf(tenant: Tenant): GenerationSettings {
  const stored = tenant.settings.generationSchedules;
  return {
    skipMissingInvoices: tenant.settings.skipMissingInvoices === true,
    schedules: Array.isArray(stored) ? (stored as GenerationSchedule[]) : DEFAULT_SCHEDULES.map((s) => ({ ...s })),
  };
}

export async function getGenerationSettings(deps: Deps, ctx: CallContext): Promise<GenerationSettings> {
  const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  return generationSettingsOf(tenant);
}

function check(schedules: GenerationSchedule[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  schedules.forEach((s, i) => {
    const at = (field: string) => `schedules[${i}].${field}`;
    if (!SCHEDULABLE_TYPES.includes(s.documentType))
      errors.push({
        field: at('documentType'),
        code: 'NOT_SCHEDULABLE',
        message: `one of ${SCHEDULABLE_TYPES.join(', ')}`,
      });
    if (seen.has(s.documentType))
      errors.push({ field: at('documentType'), code: 'DUPLICATE_SCHEDULE', message: 'one schedule per document type' });
    seen.add(s.documentType);
    if (!SCHEDULE_FREQUENCIES.includes(s.frequency))
      errors.push({ field: at('frequency'), code: 'INVALID_FREQUENCY', message: SCHEDULE_FREQUENCIES.join(', ') });
    if (!isScheduleTime(s.time))
      errors.push({ field: at('time'), code: 'INVALID_TIME', message: 'local time HH:MM, 00:00–23:59' });
    const dayOfMonthOk =
      s.frequency === 'monthly'
        ? Number.isInteger(s.dayOfMonth) && s.dayOfMonth! >= 1 && s.dayOfMonth! <= 31
        : s.dayOfMonth === null;
    if (!dayOfMonthOk)
      errors.push({
        field: at('dayOfMonth'),
        code: 'INVALID_DAY',
        message:
          s.frequency === 'monthly' ? 'a monthly schedule needs a day of the month 1–31' : 'monthly schedules only',
      });
    const dayOfWeekOk =
      s.frequency === 'weekly'
        ? Number.isInteger(s.dayOfWeek) && s.dayOfWeek! >= 1 && s.dayOfWeek! <= 7
        : s.dayOfWeek === null;
    if (!dayOfWeekOk)
      errors.push({
        field: at('dayOfWeek'),
        code: 'INVALID_DAY',
        message:
          s.frequency === 'weekly' ? 'a weekly schedule needs a day of the week 1 (Monday)–7' : 'weekly schedules only',
      });
  });
  return errors;
}

/** Replaces the tenant's schedules (an empty list turns periodic generation off) and the missing-periods rule. */
export async function putGenerationSettings(
  deps: Deps,
  ctx: CallContext,
  input: GenerationSettings,
): Promise<GenerationSettings> {
  const schedules = input.schedules.map((s) => ({
    documentType: s.documentType,
    frequency: s.frequency,
    dayOfMonth: s.dayOfMonth ?? null,
    dayOfWeek: s.dayOfWeek ?? null,
    time: s.time,
    enabled: s.enabled ?? true,
  }));
  const errors = check(schedules);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const before = await s.tenancy.getTenant(ctx.tenantId);
    if (!before) throw notFound('Tenant', ctx.tenantId);
    const settings = {
      ...before.settings,
      generationSchedules: schedules,
      skipMissingInvoices: input.skipMissingInvoices,
    };
    const after = await s.tenancy.updateTenant(ctx.tenantId, { settings });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'generation_settings',
      objectId: ctx.tenantId,
      action: 'updated',
      before: generationSettingsOf(before),
      after: generationSettingsOf(after),
    });
    return generationSettingsOf(after);
  });
}
