import { addToOpenInvoice } from '../bill-runs/add-to-open-invoice.ts';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Charge, ChargeInput } from '../ports/charges.ts';
import type { ProductRecord } from '../ports/products.ts';
import { invalid, notFound, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { customerContract, knownProduct } from '../subscriptions/subscription-rules.ts';
import { priceQuantity } from '../../core/catalog/index.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { parseDecimal } from '../../core/money/decimal.ts';
import { todayInZone } from '../../core/time/zones.ts';

export interface ChargeCreate {
  contractId: string;
  productId?: string | null | undefined;
  quantity?: string | number | undefined;
  /** Overrides the product's price model: quantity × unitPrice. */
  unitPrice?: string | null | undefined;
  /** Overrides the priced amount (an adjustment may be negative). */
  amount?: string | null | undefined;
  currency?: string | undefined;
  description?: string | undefined;
  date?: string | undefined;
  taxRate?: string | null | undefined;
}

function fieldErrors(create: ChargeCreate, quantity: string): FieldError[] {
  const errors: FieldError[] = [];
  const qty = parseDecimal(quantity);
  if (!qty || qty.isNegative())
    errors.push({ field: 'quantity', code: 'INVALID_QUANTITY', message: 'a decimal of zero or more' });
  const price = create.unitPrice ? parseDecimal(create.unitPrice) : null;
  if (create.unitPrice && (!price || price.isNegative()))
    errors.push({ field: 'unitPrice', code: 'INVALID_AMOUNT', message: 'a decimal of zero or more' });
  if (create.amount && !parseDecimal(create.amount))
    errors.push({ field: 'amount', code: 'INVALID_AMOUNT', message: 'a decimal' });
  if (!create.productId) {
    // Without a product nothing prices the charge or names it.
    if (!create.amount) errors.push({ field: 'amount', code: 'REQUIRED', message: 'a charge without a product' });
    if (!create.description)
      errors.push({ field: 'description', code: 'REQUIRED', message: 'a charge without a product' });
  }
  if (create.currency && !isCurrency(create.currency))
    errors.push({ field: 'currency', code: 'UNKNOWN_CURRENCY', message: 'not an active ISO 4217 code' });
  return errors;
}

function amountOf(create: ChargeCreate, product: ProductRecord | null, quantity: string): string {
  if (create.amount) return parseDecimal(create.amount)!.toFixed();
  if (create.unitPrice) return parseDecimal(quantity)!.times(create.unitPrice).toFixed();
  return priceQuantity(product!.priceModel, quantity).toFixed();
}

/**
 * Adds an unscheduled charge by hand or API: a one-off sale, a usage-product quantity priced by the
 * product's price model, or an adjustment with its own amount. It is billed with the billing period
 * its date falls in (today in the tenant zone unless given).
 */
export async function addCharge(deps: Deps, ctx: CallContext, create: ChargeCreate): Promise<Charge> {
  const quantity = String(create.quantity ?? '1');
  const errors = fieldErrors(create, quantity);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const contract = await customerContract(session, ctx.tenantId, create.contractId);
    const product = create.productId ? await knownProduct(session, ctx.tenantId, create.productId) : null;
    const customer = await session.customers.get(ctx.tenantId, contract.customerId!);
    if (!customer) throw notFound('Customer', contract.customerId!);
    const tenant = await session.tenancy.getTenant(ctx.tenantId);
    const date = create.date ?? todayInZone(deps.clock.now(), tenant!.timezone);
    const flatPrice = product?.priceModel.kind === 'flat' ? product.priceModel.unitPrice : null;
    const input: ChargeInput = {
      customerId: customer.id,
      contractId: contract.id,
      subscriptionId: null,
      productId: product?.id ?? null,
      kind: 'unscheduled',
      productKind: product?.kind ?? 'one_off',
      description: create.description ?? product!.names[customer.language] ?? product!.name,
      quantity: parseDecimal(quantity)!.toFixed(),
      unitPrice: create.amount ? null : (create.unitPrice ?? flatPrice),
      amount: amountOf(create, product, quantity),
      currency: create.currency ?? product?.currency ?? customer.currency,
      taxRate: create.taxRate !== undefined ? create.taxRate : (product?.taxRate ?? null),
      servicePeriodStart: null,
      servicePeriodEnd: null,
      date,
      billingDate: date,
      fullAmount: null,
      activeDays: null,
      periodDays: null,
    };
    const [charge] = await session.charges.insertMany(ctx.tenantId, [{ ...input, id: newId('chg') }]);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'charge',
      objectId: charge!.id,
      action: 'created',
      after: charge,
    });
    await addToOpenInvoice(session, deps.clock, customer, charge!);
    return charge!;
  });
}
