import type { Session } from '../ports/session.ts';
import type { Subscription } from '../ports/subscriptions.ts';
import type { ProductRecord } from '../ports/products.ts';
import type { Contract } from '../ports/contracts.ts';
import { refusedWith, type FieldError } from '../errors.ts';
import { unknownReference } from '../catalog/references.ts';
import { rangesOverlap } from '../../core/catalog/index.ts';
import { parseDecimal } from '../../core/money/decimal.ts';

/** The customer contract a subscription or charge is made under; basic contracts hold none. */
export async function customerContract(session: Session, tenantId: string, contractId: string): Promise<Contract> {
  const contract = await session.contracts.get(tenantId, contractId);
  if (!contract || contract.kind !== 'customer' || !contract.customerId)
    throw unknownReference('contractId', 'UNKNOWN_CONTRACT', contractId);
  return contract;
}

export async function knownProduct(session: Session, tenantId: string, productId: string): Promise<ProductRecord> {
  const product = await session.products.get(tenantId, productId);
  if (!product) throw unknownReference('productId', 'UNKNOWN_PRODUCT', productId);
  return product;
}

/** Field errors of the quantities and dates of a subscription as it would be stored. */
export function subscriptionFieldErrors(fields: {
  quantity: string;
  unitPrice: string | null;
  startDate: string;
  endDate: string | null;
}): FieldError[] {
  const errors: FieldError[] = [];
  const quantity = parseDecimal(fields.quantity);
  if (!quantity || quantity.isNegative())
    errors.push({ field: 'quantity', code: 'INVALID_QUANTITY', message: 'a decimal of zero or more' });
  const price = fields.unitPrice === null ? null : parseDecimal(fields.unitPrice);
  if (fields.unitPrice !== null && (!price || price.isNegative()))
    errors.push({ field: 'unitPrice', code: 'INVALID_AMOUNT', message: 'a decimal of zero or more' });
  if (fields.endDate !== null && fields.endDate < fields.startDate)
    errors.push({ field: 'endDate', code: 'END_BEFORE_START', message: 'the end date is before the start date' });
  return errors;
}

/**
 * Refuses a subscription that shares a day with another subscription of the same product on the
 * same contract, unless the product allows overlapping subscriptions. The caller holds the lock
 * taken by `lockForProduct`, so two concurrent requests cannot both pass.
 */
export async function assertNoOverlap(
  session: Session,
  tenantId: string,
  product: ProductRecord,
  candidate: Pick<Subscription, 'contractId' | 'startDate' | 'endDate'> & { id?: string },
): Promise<void> {
  const others = await session.subscriptions.lockForProduct(tenantId, candidate.contractId, product.id);
  if (product.allowOverlap) return;
  const range = { start: candidate.startDate, end: candidate.endDate };
  const clash = others.find(
    (o) => o.id !== candidate.id && rangesOverlap(range, { start: o.startDate, end: o.endDate }),
  );
  if (!clash) return;
  throw refusedWith(
    'OVERLAPPING_SUBSCRIPTION',
    `subscription ${clash.id} to product ${product.code} on this contract runs on some of the same days`,
    [{ field: 'startDate', code: 'OVERLAPPING_SUBSCRIPTION', message: `overlaps subscription ${clash.id}` }],
    { field: 'startDate', subscriptionId: clash.id },
  );
}
