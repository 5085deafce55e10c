import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentType } from '../ports/documents.ts';
import type { DueTask } from '../scheduling/run-due.ts';
import { AppError } from '../errors.ts';
import { generationSettingsOf } from '../scheduling/generation-schedules.ts';
import { openGenerationSession } from './start-generation-session.ts';
import { latestFiring, type GenerationSchedule } from '../../core/sessions/schedules.ts';
import { scheduledSessions, type ScheduledCustomer } from '../../core/sessions/scheduled-sessions.ts';
import type { DatePeriod } from '../../core/time/periods.ts';
import { todayInZone } from '../../core/time/zones.ts';

/** What one firing of one tenant's schedule did. */
export interface FiringOutcome {
  tenantId: string;
  documentType: DocumentType;
  firedAt: string;
  /** `opened`: sessions started now; `failed`: not recorded, tried again on the next run. */
  outcome: 'opened' | 'failed';
  sessions: Array<{ id: string; periodStart: string; periodEnd: string; billingPeriod: string; customers: number }>;
  error?: { code: string; message: string };
}

/**
 * Runs every tenant's generation schedules as of an instant: the latest firing of each enabled
 * schedule at or before `asOf` that has not run yet opens one session per due period and billing
 * period kind (scheduledSessions), and is recorded as run in the same transaction as the sessions
 * it opened. So a firing opens its sessions exactly once however often this runs, and a crash
 * before the commit leaves nothing behind for the next run to trip over. A firing that fails
 * (a tenant with no sender, say) is not recorded and is tried again on the next run; the others
 * go on.
 */
export async function runScheduledGeneration(deps: Deps, asOf: Temporal.Instant): Promise<FiringOutcome[]> {
  const tenantIds = await deps.uow.run((s) => s.generationSchedules.tenantIds());
  const outcomes: FiringOutcome[] = [];
  for (const tenantId of tenantIds) {
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(tenantId));
    if (!tenant) continue;
    for (const schedule of generationSettingsOf(tenant).schedules) {
      if (!schedule.enabled) continue;
      const firing = latestFiring(schedule, asOf, tenant.timezone);
      const firedAt = firing.at.toString();
      const base = { tenantId, documentType: schedule.documentType, firedAt, sessions: [] };
      try {
        const sessions = await deps.uow.run((s) => fire(deps, s, tenantId, schedule, firing));
        if (sessions) outcomes.push({ ...base, outcome: 'opened', sessions });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcomes.push({ ...base, outcome: 'failed', error: { code: error.code, message: error.detail } });
      }
    }
  }
  return outcomes;
}

/** One firing in the caller's transaction; null when it has run already. */
async function fire(
  deps: Deps,
  s: Session,
  tenantId: string,
  schedule: GenerationSchedule,
  firing: { date: string; at: Temporal.Instant },
): Promise<FiringOutcome['sessions'] | null> {
  const type = schedule.documentType;
  const firedAt = firing.at.toString();
  if (!(await s.generationSchedules.claimRun(tenantId, type, firedAt))) return null;
  const tenant = (await s.tenancy.getTenant(tenantId))!;
  const settings = generationSettingsOf(tenant);
  const covered = new Map<string, DatePeriod[]>();
  for (const c of await s.generationSchedules.coveredPeriods(tenantId, type)) {
    const list = covered.get(c.customerId) ?? [];
    list.push({ start: c.start, end: c.end });
    covered.set(c.customerId, list);
  }
  const customers: ScheduledCustomer[] = (await s.generationSchedules.billableCustomers(tenantId)).map((c) => ({
    id: c.id,
    billingPeriod: c.billingPeriod,
    // Customers stored before activation dates existed start on the day they were created, in the tenant zone.
    activationDate: c.activationDate ?? todayInZone(Temporal.Instant.from(c.createdAt), tenant.timezone),
    covered: covered.get(c.id) ?? [],
  }));
  const ctx: CallContext = { tenantId, actor: { type: 'system', id: `schedule:${type}` }, role: 'admin' };
  const opened: FiringOutcome['sessions'] = [];
  for (const plan of scheduledSessions(customers, firing.date, settings.skipMissingInvoices)) {
    const session = await openGenerationSession(deps, s, ctx, {
      documentType: type,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      scope: { customerIds: plan.customerIds, billingPeriod: plan.billingPeriod },
      startedBy: { kind: 'schedule', id: `${type}@${firedAt}` },
    }).catch((error: unknown) => {
      // The same customers and period already being billed (a session started by hand): that one serves.
      if (error instanceof AppError && error.code === 'SESSION_RUNNING' && typeof error.extra.sessionId === 'string')
        return { id: error.extra.sessionId };
      throw error;
    });
    opened.push({
      id: session.id,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      billingPeriod: plan.billingPeriod,
      customers: plan.customerIds.length,
    });
  }
  await s.generationSchedules.setRunSessions(
    tenantId,
    type,
    firedAt,
    opened.map((o) => o.id),
  );
  return opened;
}

export const scheduledGenerationTask = (deps: Deps): DueTask => ({
  name: 'generation.schedules',
  run: (asOf) => runScheduledGeneration(deps, asOf),
});
