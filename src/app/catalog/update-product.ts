import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { ProductInput } from '../ports/products.ts';
import { invalid, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { assertCodeFree } from './create-product.ts';
import {
  checkPeriod,
  productView,
  toPriceModel,
  touchesPrice,
  type ProductFields,
  type ProductView,
} from './product-fields.ts';

/**
 * Changes what the patch names. A patch that names any price field replaces the whole price block
 * (model and its fields), so a product never mixes fields of two price models.
 */
export async function updateProduct(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<ProductFields>,
): Promise<ProductView> {
  return deps.uow.run(async (session) => {
    const before = await session.products.get(ctx.tenantId, id);
    if (!before) throw notFound('Product', id);
    const { priceModel, price, tiers, packageSize, freeUnits, ...plain } = patch;
    const changes: Partial<ProductInput> = { ...plain };
    const errors = checkPeriod(plain.kind ?? before.kind, plain.period !== undefined ? plain.period : before.period);
    if (touchesPrice(patch)) {
      const rebuilt = toPriceModel({
        priceModel: priceModel ?? before.priceModel.kind,
        price,
        tiers,
        packageSize,
        freeUnits,
      });
      errors.push(...rebuilt.errors);
      if (rebuilt.model) changes.priceModel = rebuilt.model;
    }
    if (errors.length) throw invalid(errors);
    if (plain.code !== undefined) await assertCodeFree(session, ctx.tenantId, plain.code, id);
    const after = await session.products.update(ctx.tenantId, id, changes);
    if (!after) throw notFound('Product', id);
    const view = productView(after);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'product',
      objectId: id,
      action: 'updated',
      before: productView(before),
      after: view,
    });
    return view;
  });
}
