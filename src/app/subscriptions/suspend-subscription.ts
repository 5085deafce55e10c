import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Subscription } from '../ports/subscriptions.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { addDays } from '../../core/time/dates.ts';
import { rangesOverlap } from '../../core/catalog/index.ts';

/**
 * Suspends a subscription from `from` (inclusive) until `to` (inclusive) or until it is resumed:
 * suspended days are not charged. Charges produced already stay; correct them with an adjustment.
 */
export async function suspendSubscription(
  deps: Deps,
  ctx: CallContext,
  id: string,
  request: { from: string; to?: string | null | undefined },
): Promise<Subscription> {
  const to = request.to ?? null;
  return deps.uow.run(async (session) => {
    const before = await session.subscriptions.get(ctx.tenantId, id);
    if (!before) throw notFound('Subscription', id);
    if (to !== null && to < request.from)
      throw invalid([{ field: 'to', code: 'END_BEFORE_START', message: 'the suspension ends before it starts' }]);
    if (request.from < before.startDate || (before.endDate !== null && request.from > before.endDate))
      throw invalid([{ field: 'from', code: 'OUTSIDE_SUBSCRIPTION', message: 'not a day the subscription runs' }]);
    const clash = before.suspensions.find((s) =>
      rangesOverlap({ start: s.from, end: s.to }, { start: request.from, end: to }),
    );
    if (clash)
      throw conflict('SUBSCRIPTION_SUSPENDED', `subscription ${id} is already suspended from ${clash.from}`, {
        field: 'from',
      });
    await session.subscriptions.addSuspension(ctx.tenantId, id, { id: newId('sus'), from: request.from, to });
    const after = (await session.subscriptions.get(ctx.tenantId, id))!;
    await recordChange(session, ctx, deps.clock, {
      objectType: 'subscription',
      objectId: id,
      action: 'suspended',
      before,
      after,
    });
    return after;
  });
}

/** Resumes a suspended subscription: `date` is the first day it is charged again. */
export async function resumeSubscription(
  deps: Deps,
  ctx: CallContext,
  id: string,
  request: { date: string },
): Promise<Subscription> {
  return deps.uow.run(async (session) => {
    const before = await session.subscriptions.get(ctx.tenantId, id);
    if (!before) throw notFound('Subscription', id);
    // The suspension in force on the resume date's eve: an open one, or one that would run past it.
    const eve = addDays(request.date, -1);
    const current = before.suspensions.find((s) => s.from <= request.date && (s.to === null || s.to >= request.date));
    if (!current)
      throw conflict('SUBSCRIPTION_NOT_SUSPENDED', `subscription ${id} is not suspended on ${request.date}`);
    if (current.from > eve)
      throw invalid([
        { field: 'date', code: 'RESUME_BEFORE_SUSPENSION', message: 'resume after the first suspended day' },
      ]);
    await session.subscriptions.endSuspension(ctx.tenantId, current.id, eve);
    const after = (await session.subscriptions.get(ctx.tenantId, id))!;
    await recordChange(session, ctx, deps.clock, {
      objectType: 'subscription',
      objectId: id,
      action: 'resumed',
      before,
      after,
    });
    return after;
  });
}
