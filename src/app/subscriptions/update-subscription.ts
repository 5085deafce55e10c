import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Subscription, SubscriptionInput } from '../ports/subscriptions.ts';
import type { BillingTiming } from '../../core/catalog/index.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { assertSchemeExists } from '../catalog/references.ts';
import { assertNoOverlap, knownProduct, subscriptionFieldErrors } from './subscription-rules.ts';

export interface SubscriptionPatch {
  quantity?: string | number | undefined;
  unitPrice?: string | null | undefined;
  startDate?: string | undefined;
  endDate?: string | null | undefined;
  billing?: BillingTiming | undefined;
  invoicingSchemeId?: string | null | undefined;
  description?: string | null | undefined;
}

/**
 * Changes a subscription's quantity, price, dates, billing or scheme. Charges produced already stay
 * as they are (correct them with an unscheduled adjustment); the start date and billing timing only
 * change while no charge was produced, since both decide which periods were charged.
 */
export async function updateSubscription(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: SubscriptionPatch,
): Promise<Subscription> {
  return deps.uow.run(async (session) => {
    const before = await session.subscriptions.get(ctx.tenantId, id);
    if (!before) throw notFound('Subscription', id);
    await assertSchemeExists(session, ctx.tenantId, patch.invoicingSchemeId);
    const changes: Partial<SubscriptionInput> = {
      ...(patch.quantity !== undefined && { quantity: String(patch.quantity) }),
      ...(patch.unitPrice !== undefined && { unitPrice: patch.unitPrice }),
      ...(patch.startDate !== undefined && { startDate: patch.startDate }),
      ...(patch.endDate !== undefined && { endDate: patch.endDate }),
      ...(patch.billing !== undefined && { billing: patch.billing }),
      ...(patch.invoicingSchemeId !== undefined && { invoicingSchemeId: patch.invoicingSchemeId }),
      ...(patch.description !== undefined && { description: patch.description }),
    };
    const next = { ...before, ...changes };
    const errors = subscriptionFieldErrors(next);
    if (errors.length) throw invalid(errors);
    const charged = (await session.charges.producedPeriodStarts(ctx.tenantId, id)).length > 0;
    const timingChanged = next.startDate !== before.startDate || next.billing !== before.billing;
    if (charged && timingChanged)
      throw conflict('SUBSCRIPTION_CHARGED', `subscription ${id} has charges: its start and billing stay`, {
        field: next.startDate !== before.startDate ? 'startDate' : 'billing',
      });
    if (next.startDate !== before.startDate || next.endDate !== before.endDate) {
      const product = await knownProduct(session, ctx.tenantId, before.productId);
      await assertNoOverlap(session, ctx.tenantId, product, next);
    }
    const after = await session.subscriptions.update(ctx.tenantId, id, changes);
    if (!after) throw notFound('Subscription', id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'subscription',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}
