import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { ProductFilter } from '../ports/products.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';
import { productView, type ProductView } from './product-fields.ts';

export async function getProduct(deps: Deps, ctx: CallContext, id: string): Promise<ProductView> {
  const record = await deps.uow.run((session) => session.products.get(ctx.tenantId, id));
  if (!record) throw notFound('Product', id);
  return productView(record);
}

export async function listProducts(
  deps: Deps,
  ctx: CallContext,
  filter: ProductFilter,
  page: PageRequest,
): Promise<Page<ProductView>> {
  const found = await deps.uow.run((session) => session.products.list(ctx.tenantId, filter, page));
  return { data: found.data.map(productView), next: found.next };
}
