import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { priceQuantity } from '../../core/catalog/index.ts';
import { formatAmount } from '../../core/money/currency.ts';

export interface ProductQuote {
  productId: string;
  quantity: string;
  /** The price of the quantity for one whole product period, rounded once to minor units. */
  amount: string;
  currency: string;
}

/** What a quantity of a product costs for one whole product period under its price model. */
export async function quoteProduct(deps: Deps, ctx: CallContext, id: string, quantity: string): Promise<ProductQuote> {
  const product = await deps.uow.run((session) => session.products.get(ctx.tenantId, id));
  if (!product) throw notFound('Product', id);
  const amount = formatAmount(priceQuantity(product.priceModel, quantity), product.currency);
  return { productId: id, quantity, amount, currency: product.currency };
}
