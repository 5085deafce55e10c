import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { productView } from './product-fields.ts';

export async function deleteProduct(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.products.get(ctx.tenantId, id);
    if (!before) throw notFound('Product', id);
    await session.products.delete(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'product',
      objectId: id,
      action: 'deleted',
      before: productView(before),
    });
  });
}
