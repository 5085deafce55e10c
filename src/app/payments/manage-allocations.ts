import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { AllocationRecord } from '../ports/payments.ts';
import type { Tenant } from '../ports/tenancy.ts';
import { conflict, invalid, notFound, refusedField } from '../errors.ts';
import { unknownReference } from '../catalog/references.ts';
import { recordChange } from '../audit/record-change.ts';
import { allocationRow, appendAllocations } from './allocate.ts';
import { loadPayment } from './record-payment.ts';
import { rateOn } from './rates.ts';
import type { PaymentOut } from './present.ts';
import { convertAmount, crossRate, fitsMinorUnits, PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';
import { minorUnits } from '../../core/money/currency.ts';
import { Dec, parseDecimal } from '../../core/money/decimal.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { Temporal } from 'temporal-polyfill';

async function begin(s: Session, ctx: CallContext, paymentId: string) {
  const tenant = await s.tenancy.getTenant(ctx.tenantId);
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  const payment = await s.payments.getPayment(ctx.tenantId, paymentId);
  if (!payment) throw notFound('Payment', paymentId);
  if (payment.customerId) await s.payments.lockCustomer(ctx.tenantId, payment.customerId);
  return { tenant, payment };
}

/** Bindings not yet undone by an unbinding, reversal or cancel entry. */
export function activeBindings(rows: AllocationRecord[]): AllocationRecord[] {
  const undone = new Set(rows.filter((r) => r.reversesId).map((r) => r.reversesId));
  return rows.filter((r) => !r.reversesId && !undone.has(r.id));
}

/** The negative twin of a binding: the binding itself stays in the ledger. */
export function undoRow(
  tenant: Tenant,
  row: AllocationRecord,
  kind: AllocationRecord['kind'],
  at: string,
  reason: string | null,
) {
  return allocationRow(
    tenant,
    row.customerId,
    row.paymentId,
    row.documentId,
    {
      amount: new Dec(row.amount).neg().toString(),
      paymentAmount: new Dec(row.paymentAmount).neg().toString(),
      rate: row.rate,
    },
    kind,
    at,
    { reversesId: row.id, reason },
  );
}

export async function documentStates(s: Session, tenantId: string, ids: string[]) {
  const state = new Map<string, { total: string; paid: string; dueDate: string }>();
  for (const id of new Set(ids)) {
    const d = await s.documents.getDocument(tenantId, id, { forUpdate: true });
    if (d) state.set(id, { total: d.total ?? '0', paid: d.paid, dueDate: d.dueDate ?? d.issueDate ?? '' });
  }
  return state;
}

/**
 * Binds part of a payment to one document by hand. The amount is in the payment's currency and
 * may not exceed what is left of the payment nor the document's open amount; only issued payable
 * documents of the payment's own customer qualify.
 */
export async function bindPayment(
  deps: Deps,
  ctx: CallContext,
  paymentId: string,
  body: { documentId: string; amount: string },
): Promise<PaymentOut> {
  const amount = parseDecimal(body.amount);
  if (!amount || amount.lte(0))
    throw invalid([{ field: 'amount', code: 'INVALID_AMOUNT', message: 'a positive decimal string' }]);
  return deps.uow.run(async (s) => {
    const { tenant, payment } = await begin(s, ctx, paymentId);
    if (!fitsMinorUnits(body.amount, minorUnits(payment.currency)))
      throw invalid([
        {
          field: 'amount',
          code: 'AMOUNT_PRECISION',
          message: `${payment.currency} has ${minorUnits(payment.currency)} decimals`,
        },
      ]);
    if (!payment.customerId)
      throw conflict('PAYMENT_UNMATCHED', `payment ${paymentId} has no customer yet; match it first`);
    if (await s.payments.reversal(ctx.tenantId, paymentId))
      throw conflict('PAYMENT_REVERSED', `payment ${paymentId} is reversed`);
    const doc = await s.documents.getDocument(ctx.tenantId, body.documentId, { forUpdate: true });
    if (!doc) throw unknownReference('documentId', 'UNKNOWN_DOCUMENT', body.documentId);
    if (doc.customerId !== payment.customerId)
      throw refusedField(
        'OTHER_CUSTOMER',
        'documentId',
        `document ${doc.id} belongs to another customer`,
        'another customer',
      );
    if (doc.status !== 'issued' || !PAYABLE_DOCUMENT_TYPES.includes(doc.type))
      throw refusedField(
        'DOCUMENT_NOT_PAYABLE',
        'documentId',
        `document ${doc.id} is a ${doc.status} ${doc.type}; only issued invoices take payments`,
        'not an issued payable document',
      );
    const rows = await s.payments.allocationsOfPayment(ctx.tenantId, paymentId);
    const left = new Dec(payment.amount).minus(rows.reduce((t, r) => t.plus(r.paymentAmount), new Dec(0)));
    if (amount.gt(left))
      throw refusedField(
        'OVER_ALLOCATION',
        'amount',
        `payment ${paymentId} has only ${left.toFixed(minorUnits(payment.currency))} unallocated`,
        'more than unallocated',
      );
    const date = todayInZone(Temporal.Instant.from(payment.receivedAt), tenant.timezone);
    const payRate = await rateOn(s, tenant, payment.currency, date);
    const docRate = doc.currency === payment.currency ? payRate : await rateOn(s, tenant, doc.currency, date);
    const docAmount = convertAmount(body.amount, payRate, docRate, minorUnits(doc.currency));
    const open = new Dec(doc.total ?? '0').minus(doc.paid);
    if (new Dec(docAmount).gt(open))
      throw refusedField(
        'OVER_ALLOCATION',
        'amount',
        `document ${doc.id} has only ${open.toFixed(minorUnits(doc.currency))} open`,
        'more than open',
      );
    const row = allocationRow(
      tenant,
      payment.customerId,
      paymentId,
      doc.id,
      {
        amount: docAmount,
        paymentAmount: body.amount,
        rate: doc.currency === payment.currency ? null : crossRate(payRate, docRate),
      },
      'manual',
      deps.clock.now().toString(),
    );
    return appendOne(deps, s, ctx, tenant, paymentId, row, 'bound');
  });
}

/** Unbinds one binding by appending its negative twin; the money returns to the payment's credit. */
export async function unbindPayment(
  deps: Deps,
  ctx: CallContext,
  paymentId: string,
  allocationId: string,
): Promise<PaymentOut> {
  return deps.uow.run(async (s) => {
    const { tenant } = await begin(s, ctx, paymentId);
    const rows = await s.payments.allocationsOfPayment(ctx.tenantId, paymentId);
    const row = rows.find((r) => r.id === allocationId);
    if (!row) throw notFound('Allocation', allocationId);
    if (row.reversesId)
      throw conflict('ALLOCATION_IS_UNBINDING', `allocation ${allocationId} is itself an unbinding entry`);
    if (!activeBindings(rows).some((r) => r.id === allocationId))
      throw conflict('ALLOCATION_ALREADY_UNBOUND', `allocation ${allocationId} was already undone`);
    const undo = undoRow(tenant, row, 'unbind', deps.clock.now().toString(), null);
    return appendOne(deps, s, ctx, tenant, paymentId, undo, 'unbound');
  });
}

/** Appends a reversal and undoes every binding of the payment; the amount itself is never changed. */
export async function reversePayment(
  deps: Deps,
  ctx: CallContext,
  paymentId: string,
  reason?: string,
): Promise<PaymentOut> {
  return deps.uow.run(async (s) => {
    const { tenant } = await begin(s, ctx, paymentId);
    if (await s.payments.reversal(ctx.tenantId, paymentId))
      throw conflict('PAYMENT_REVERSED', `payment ${paymentId} is already reversed`);
    const before = await loadPayment(s, ctx.tenantId, paymentId);
    const at = deps.clock.now().toString();
    const undo = activeBindings(await s.payments.allocationsOfPayment(ctx.tenantId, paymentId)).map((r) =>
      undoRow(tenant, r, 'reversal', at, reason ?? null),
    );
    await appendAllocations(
      s,
      tenant,
      deps.clock,
      undo,
      await documentStates(
        s,
        ctx.tenantId,
        undo.map((u) => u.documentId),
      ),
    );
    await s.payments.insertReversal({
      id: `${paymentId}_rev`.replace(/^pay_/, 'rev_'),
      tenantId: ctx.tenantId,
      paymentId,
      reason: reason ?? null,
      reversedAt: at,
    });
    const after = await loadPayment(s, ctx.tenantId, paymentId);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'payment',
      objectId: paymentId,
      action: 'reversed',
      before,
      after,
    });
    return after;
  });
}

/**
 * A cancelled document gives its money back: each binding gets a cancel entry and the amount
 * returns to the payment's credit, in the cancelling transaction.
 */
export async function releaseDocumentAllocations(
  s: Session,
  deps: Deps,
  tenant: Tenant,
  documentId: string,
): Promise<number> {
  const rows = activeBindings(await s.payments.allocationsOfDocument(tenant.id, documentId));
  if (rows.length === 0) return 0;
  const at = deps.clock.now().toString();
  const undo = rows.map((r) => undoRow(tenant, r, 'cancel', at, 'document cancelled'));
  await appendAllocations(s, tenant, deps.clock, undo, await documentStates(s, tenant.id, [documentId]));
  return undo.length;
}

/** Appends one ledger entry of a payment, refreshes its document's status, and audits it. */
async function appendOne(
  deps: Deps,
  s: Session,
  ctx: CallContext,
  tenant: Tenant,
  paymentId: string,
  row: AllocationRecord,
  action: 'bound' | 'unbound',
): Promise<PaymentOut> {
  await appendAllocations(s, tenant, deps.clock, [row], await documentStates(s, ctx.tenantId, [row.documentId]));
  const after = await loadPayment(s, ctx.tenantId, paymentId);
  await recordChange(s, ctx, deps.clock, {
    objectType: 'payment',
    objectId: paymentId,
    action,
    after: { allocation: row },
  });
  return after;
}
