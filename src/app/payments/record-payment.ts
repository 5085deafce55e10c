import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { PaymentMethod, PaymentRecord } from '../ports/payments.ts';
import type { Tenant } from '../ports/tenancy.ts';
import { conflict, invalid, notFound, type FieldError } from '../errors.ts';
import { unknownReference } from '../catalog/references.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { allocateCredit } from './allocate.ts';
import { presentPayment, type PaymentOut } from './present.ts';
import { fitsMinorUnits } from '../../core/payments/index.ts';
import { isCurrency, minorUnits } from '../../core/money/currency.ts';
import { Dec, parseDecimal } from '../../core/money/decimal.ts';
import { recordEvent } from '../webhooks/record-event.ts';
import { paymentEventData } from '../webhooks/event-data.ts';

export interface PaymentInput {
  customerId?: string | null | undefined;
  amount: string;
  currency: string;
  receivedAt?: string | undefined;
  method?: PaymentMethod | undefined;
  payer?: string | null | undefined;
  reference?: string | null | undefined;
  /** Where the payment came from (api, manual, a bank account…): external ids are unique per source. */
  source?: string | undefined;
  externalId?: string | null | undefined;
}

/** Amount and currency checks shared by the API and the statement imports; nothing is stored. */
export function paymentFieldErrors(input: PaymentInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCurrency(input.currency))
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: `${input.currency} is not an ISO 4217 currency`,
    });
  const amount = parseDecimal(input.amount);
  if (!amount) errors.push({ field: 'amount', code: 'INVALID_AMOUNT', message: 'a decimal string such as "80.00"' });
  else if (amount.lte(0))
    errors.push({
      field: 'amount',
      code: 'NON_POSITIVE_AMOUNT',
      message: 'a payment is more than zero; correct a payment with POST /payments/{id}/reverse',
    });
  else if (isCurrency(input.currency) && !fitsMinorUnits(input.amount, minorUnits(input.currency)))
    errors.push({
      field: 'amount',
      code: 'AMOUNT_PRECISION',
      message: `${input.currency} amounts have at most ${minorUnits(input.currency)} decimals`,
    });
  return errors;
}

export async function loadPayment(s: Session, tenantId: string, id: string): Promise<PaymentOut> {
  const payment = await s.payments.getPayment(tenantId, id);
  if (!payment) throw notFound('Payment', id);
  return presentPayment(
    payment,
    await s.payments.allocationsOfPayment(tenantId, id),
    await s.payments.reversal(tenantId, id),
  );
}

function sameAs(existing: PaymentRecord, input: PaymentInput, source: string): boolean {
  return (
    existing.source === source &&
    new Dec(existing.amount).eq(input.amount) &&
    existing.currency === input.currency &&
    (existing.customerId ?? null) === (input.customerId ?? null)
  );
}

/**
 * Stores a payment inside the caller's transaction and, when it names a customer, allocates it at
 * once. The same external id from the same source is the same payment: an identical repeat returns
 * the stored one (`created: false`), a different one is refused as a duplicate reference.
 */
export async function storePayment(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  tenant: Tenant,
  input: PaymentInput,
  importId: string | null = null,
): Promise<{ payment: PaymentOut; created: boolean }> {
  const source = input.source ?? 'api';
  if (input.externalId) {
    const existing = await s.payments.findByExternalId(ctx.tenantId, source, input.externalId);
    if (existing) {
      if (sameAs(existing, input, source))
        return { payment: await loadPayment(s, ctx.tenantId, existing.id), created: false };
      throw conflict(
        'DUPLICATE_PAYMENT_REFERENCE',
        `payment ${existing.id} already carries external id ${input.externalId} from source ${source}`,
        { paymentId: existing.id, field: 'externalId' },
      );
    }
  }
  if (input.customerId && !(await s.customers.get(ctx.tenantId, input.customerId)))
    throw unknownReference('customerId', 'UNKNOWN_CUSTOMER', input.customerId);
  const payment = await s.payments.insertPayment({
    id: newId('pay'),
    tenantId: ctx.tenantId,
    customerId: input.customerId ?? null,
    amount: input.amount,
    currency: input.currency,
    receivedAt: input.receivedAt ?? deps.clock.now().toString(),
    method: input.method ?? 'bank_transfer',
    payer: input.payer ?? null,
    reference: input.reference ?? null,
    source,
    externalId: input.externalId ?? null,
    importId,
  });
  if (payment.customerId) await allocateCredit(s, tenant, deps.clock, payment.customerId, [payment.id]);
  const out = await loadPayment(s, ctx.tenantId, payment.id);
  await recordChange(s, ctx, deps.clock, {
    objectType: 'payment',
    objectId: payment.id,
    action: 'created',
    after: out,
  });
  await recordEvent(s, deps.clock, ctx.tenantId, 'payment.received', paymentEventData(out));
  return { payment: out, created: true };
}

export async function recordPayment(
  deps: Deps,
  ctx: CallContext,
  input: PaymentInput,
): Promise<{ payment: PaymentOut; created: boolean }> {
  const errors = paymentFieldErrors(input);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    return storePayment(s, deps, ctx, tenant, input);
  });
}

/** Gives an unmatched payment its customer, then allocates it like a payment that just arrived. */
export async function matchPayment(deps: Deps, ctx: CallContext, id: string, customerId: string): Promise<PaymentOut> {
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const before = await s.payments.getPayment(ctx.tenantId, id, { forUpdate: true });
    if (!before) throw notFound('Payment', id);
    if (before.customerId)
      throw conflict('PAYMENT_ALREADY_MATCHED', `payment ${id} already belongs to customer ${before.customerId}`);
    if (await s.payments.reversal(ctx.tenantId, id)) throw conflict('PAYMENT_REVERSED', `payment ${id} is reversed`);
    if (!(await s.customers.get(ctx.tenantId, customerId)))
      throw unknownReference('customerId', 'UNKNOWN_CUSTOMER', customerId);
    await s.payments.setCustomer(ctx.tenantId, id, customerId);
    await allocateCredit(s, tenant, deps.clock, customerId, [id]);
    const after = await loadPayment(s, ctx.tenantId, id);
    await recordChange(s, ctx, deps.clock, { objectType: 'payment', objectId: id, action: 'matched', before, after });
    return after;
  });
}

export function getPayment(deps: Deps, ctx: CallContext, id: string): Promise<PaymentOut> {
  return deps.uow.run((s) => loadPayment(s, ctx.tenantId, id));
}
