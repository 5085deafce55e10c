import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';

/** Deletes a subscription entered by mistake; one with charges is ended (endDate) instead. */
export async function deleteSubscription(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.subscriptions.get(ctx.tenantId, id);
    if (!before) throw notFound('Subscription', id);
    if ((await session.charges.producedPeriodStarts(ctx.tenantId, id)).length > 0)
      throw conflict('SUBSCRIPTION_CHARGED', `subscription ${id} has charges: set its endDate instead`);
    await session.subscriptions.delete(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'subscription',
      objectId: id,
      action: 'deleted',
      before,
    });
  });
}
