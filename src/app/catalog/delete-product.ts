import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { productView } from './product-fields.ts';

export async function deleteProduct(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.products.get(ctx.tenantId, id);
    if (!before) throw notFound('Product', id);
    // Subscriptions and charges name the product: it stays while anything bills it.
    const subscribed = await session.subscriptions.list(ctx.tenantId, { productId: id }, { limit: 1 });
    const charged = await session.charges.list(ctx.tenantId, { productId: id }, { limit: 1 });
    if (subscribed.data.length || charged.data.length)
      throw conflict('PRODUCT_IN_USE', `product ${before.code} has subscriptions or charges`);
    await session.products.delete(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'product',
      objectId: id,
      action: 'deleted',
      before: productView(before),
    });
  });
}
