import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Subscription } from '../ports/subscriptions.ts';
import type { BillingTiming } from '../../core/catalog/index.ts';
import { invalid, refusedWith } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { assertSchemeExists } from '../catalog/references.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { assertNoOverlap, customerContract, knownProduct, subscriptionFieldErrors } from './subscription-rules.ts';

export interface SubscriptionCreate {
  contractId: string;
  productId: string;
  quantity?: string | number | undefined;
  unitPrice?: string | null | undefined;
  startDate?: string | undefined;
  endDate?: string | null | undefined;
  billing?: BillingTiming | undefined;
  invoicingSchemeId?: string | null | undefined;
  description?: string | null | undefined;
}

/** Subscribes a customer contract to a recurring product (starting today in the tenant zone unless given). */
export async function createSubscription(
  deps: Deps,
  ctx: CallContext,
  create: SubscriptionCreate,
): Promise<Subscription> {
  return deps.uow.run(async (session) => {
    const contract = await customerContract(session, ctx.tenantId, create.contractId);
    const product = await knownProduct(session, ctx.tenantId, create.productId);
    if (product.kind !== 'recurring')
      throw refusedWith(
        'PRODUCT_NOT_RECURRING',
        `product ${product.code} is ${product.kind}: add its sales as charges instead`,
        [{ field: 'productId', code: 'PRODUCT_NOT_RECURRING', message: 'only recurring products are subscribed' }],
        { field: 'productId' },
      );
    if (contract.status !== 'active')
      throw refusedWith('CONTRACT_CLOSED', `contract ${contract.id} is closed`, [
        { field: 'contractId', code: 'CONTRACT_CLOSED', message: 'the contract is closed' },
      ]);
    await assertSchemeExists(session, ctx.tenantId, create.invoicingSchemeId);
    const tenant = await session.tenancy.getTenant(ctx.tenantId);
    const fields = {
      quantity: String(create.quantity ?? '1'),
      unitPrice: create.unitPrice ?? null,
      startDate: create.startDate ?? todayInZone(deps.clock.now(), tenant!.timezone),
      endDate: create.endDate ?? null,
    };
    const errors = subscriptionFieldErrors(fields);
    if (errors.length) throw invalid(errors);
    await assertNoOverlap(session, ctx.tenantId, product, { contractId: contract.id, ...fields });
    const subscription = await session.subscriptions.insert(ctx.tenantId, newId('sub'), {
      ...fields,
      customerId: contract.customerId!,
      contractId: contract.id,
      productId: product.id,
      billing: create.billing ?? 'in_advance',
      invoicingSchemeId: create.invoicingSchemeId ?? null,
      description: create.description ?? null,
    });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'subscription',
      objectId: subscription.id,
      action: 'created',
      after: subscription,
    });
    return subscription;
  });
}
