import type { Clock } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { AllocationKind, AllocationRecord, OpenDocumentRow, PaymentRecord } from '../ports/payments.ts';
import type { Tenant } from '../ports/tenancy.ts';
import { newId } from '../ids.ts';
import { documentEventData } from '../webhooks/event-data.ts';
import { rateOn } from './rates.ts';
import { killPoint } from '../reliability/kill-points.ts';
import {
  allocatePayment,
  convertAmount,
  crossRate,
  DEFAULT_ALLOCATION,
  paymentStatusOf,
  type AllocationConfiguration,
} from '../../core/payments/index.ts';
import { minorUnits } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { Temporal } from 'temporal-polyfill';
import { recordEvent } from '../webhooks/record-event.ts';

export const graceDaysOf = (tenant: Tenant): number => {
  const grace = tenant.settings['overdueGraceDays'];
  return typeof grace === 'number' && grace >= 0 ? grace : 0;
};

/** The customer's contract override, else the tenant's default, else oldest due date first. */
export async function configurationFor(
  s: Session,
  tenantId: string,
  customerId: string,
): Promise<AllocationConfiguration> {
  const overrideId = await s.payments.contractConfigurationId(tenantId, customerId);
  const chosen =
    (overrideId ? await s.payments.getConfiguration(tenantId, overrideId) : null) ??
    (await s.payments.defaultConfiguration(tenantId));
  return chosen ? { criteria: chosen.criteria, allowPartial: chosen.allowPartial } : DEFAULT_ALLOCATION;
}

/**
 * Appends ledger rows and moves each document's cached paid amount and payment status with them.
 * The only place allocation writes touch documents.
 */
export async function appendAllocations(
  s: Session,
  tenant: Tenant,
  clock: Clock,
  rows: AllocationRecord[],
  documents: Map<string, { total: string; paid: string; dueDate: string }>,
): Promise<void> {
  await s.payments.insertAllocations(rows);
  for (const move of moveDocuments(tenant, clock, rows, documents)) {
    await s.payments.setDocumentPaid(tenant.id, move.documentId, move.delta, move.status);
    if (move.paidOff) await documentPaidEvent(s, clock, tenant.id, move.documentId);
  }
}

export interface DocumentMove {
  documentId: string;
  delta: string;
  status: string;
  /** The rows paid the document off (it was open before them): `document.paid` is due. */
  paidOff: boolean;
}

/**
 * What a payment's ledger rows do to its documents, in the order the rows name them: each
 * document's paid delta and new payment status. Moves the cached paid amounts in `documents`.
 */
export function moveDocuments(
  tenant: Tenant,
  clock: Clock,
  rows: AllocationRecord[],
  documents: Map<string, { total: string; paid: string; dueDate: string }>,
): DocumentMove[] {
  const today = todayInZone(clock.now(), tenant.timezone);
  const byDoc = new Map<string, Dec>();
  for (const r of rows) byDoc.set(r.documentId, (byDoc.get(r.documentId) ?? new Dec(0)).plus(r.amount));
  const moves: DocumentMove[] = [];
  for (const [documentId, delta] of byDoc) {
    const doc = documents.get(documentId)!;
    const paid = new Dec(doc.paid).plus(delta).toString();
    const status = paymentStatusOf({ total: doc.total, paid, dueDate: doc.dueDate }, today, graceDaysOf(tenant));
    moves.push({
      documentId,
      delta: delta.toString(),
      status,
      paidOff: status === 'paid' && new Dec(doc.paid).lt(doc.total),
    });
    doc.paid = paid;
  }
  return moves;
}

/** `document.paid`, in the transaction that paid the document off. */
async function documentPaidEvent(s: Session, clock: Clock, tenantId: string, documentId: string) {
  const doc = await s.documents.getDocument(tenantId, documentId);
  if (doc) await recordEvent(s, clock, tenantId, 'document.paid', documentEventData(doc));
}

export function allocationRow(
  tenant: Tenant,
  customerId: string,
  paymentId: string,
  documentId: string,
  amounts: { amount: string; paymentAmount: string; rate: string | null },
  kind: AllocationKind,
  at: string,
  extra: { reversesId?: string; reason?: string | null } = {},
): AllocationRecord {
  return {
    id: newId('alc'),
    tenantId: tenant.id,
    customerId,
    paymentId,
    documentId,
    ...amounts,
    kind,
    reversesId: extra.reversesId ?? null,
    reason: extra.reason ?? null,
    at,
  };
}

/**
 * Spends the customer's credit on its open documents by the customer's allocation configuration:
 * the given payments only, or every payment with money left (oldest first) when a document is
 * issued. Runs under the customer's lock, in the caller's transaction, so two payments arriving at
 * once queue and never over-allocate a document. Deterministic for given data and configuration.
 */
export async function allocateCredit(
  s: Session,
  tenant: Tenant,
  clock: Clock,
  customerId: string,
  onlyPaymentIds?: string[],
): Promise<AllocationRecord[]> {
  await s.payments.lockCustomer(tenant.id, customerId);
  let credit = await s.payments.paymentsWithCredit(tenant.id, customerId);
  if (onlyPaymentIds) credit = credit.filter((p) => onlyPaymentIds.includes(p.id));
  if (credit.length === 0) return [];
  const open = await s.payments.openDocuments(tenant.id, customerId);
  if (open.length === 0) return [];
  const config = await configurationFor(s, tenant.id, customerId);
  const state = new Map(open.map((d) => [d.id, { total: d.total, paid: d.paid, dueDate: d.dueDate }]));
  const all: AllocationRecord[] = [];
  for (const payment of credit) {
    const rows = await allocateOne(s, tenant, clock, payment, open, state, config);
    if (rows.length === 0) continue;
    await appendAllocations(s, tenant, clock, rows, state);
    killPoint('payment.allocate.appended');
    all.push(...rows);
  }
  return all;
}

async function allocateOne(
  s: Session,
  tenant: Tenant,
  clock: Clock,
  payment: PaymentRecord & { allocated: string },
  open: OpenDocumentRow[],
  state: Map<string, { total: string; paid: string; dueDate: string }>,
  config: AllocationConfiguration,
): Promise<AllocationRecord[]> {
  const paymentDate = todayInZone(Temporal.Instant.from(payment.receivedAt), tenant.timezone);
  const rates = new Map<string, string>();
  const rate = async (currency: string) => {
    if (!rates.has(currency)) rates.set(currency, await rateOn(s, tenant, currency, paymentDate));
    return rates.get(currency)!;
  };
  await rate(payment.currency);
  for (const d of open) {
    const left = new Dec(state.get(d.id)!.total).minus(state.get(d.id)!.paid);
    if (left.gt(0) && d.currency !== payment.currency) await rate(d.currency);
  }
  return planAllocation(tenant, clock.now().toString(), payment, open, state, config, (c) => rates.get(c)!);
}

/**
 * The ledger rows that spend what is left of one payment on the documents still open in `state`,
 * by the configuration. Pure: rates (units per base-currency unit, on the payment date) are given
 * for the payment's currency and every open document's currency; `state` is not moved.
 */
export function planAllocation(
  tenant: Tenant,
  at: string,
  payment: PaymentRecord & { allocated: string },
  open: OpenDocumentRow[],
  state: Map<string, { total: string; paid: string; dueDate: string }>,
  config: AllocationConfiguration,
  rate: (currency: string) => string,
): AllocationRecord[] {
  const payMinor = minorUnits(payment.currency);
  const paymentDate = todayInZone(Temporal.Instant.from(payment.receivedAt), tenant.timezone);
  const payRate = rate(payment.currency);
  // Each open document as seen from the payment's currency.
  const candidates: Array<{ doc: OpenDocumentRow; docRate: string; openDoc: string; open: string }> = [];
  for (const d of open) {
    const left = new Dec(state.get(d.id)!.total).minus(state.get(d.id)!.paid);
    if (left.lte(0)) continue;
    const docRate = d.currency === payment.currency ? payRate : rate(d.currency);
    candidates.push({
      doc: d,
      docRate,
      openDoc: left.toFixed(minorUnits(d.currency)),
      open: convertAmount(left.toString(), docRate, payRate, payMinor),
    });
  }
  const result = allocatePayment(
    { amount: new Dec(payment.amount).minus(payment.allocated).toFixed(payMinor), paymentDate, minorUnits: payMinor },
    candidates.map((c) => ({
      id: c.doc.id,
      open: c.open,
      issueDate: c.doc.issueDate,
      dueDate: c.doc.dueDate,
      servicePriority: c.doc.servicePriority,
    })),
    config,
  );
  return result.allocations.map((a) => {
    const c = candidates.find((x) => x.doc.id === a.documentId)!;
    const same = c.doc.currency === payment.currency;
    // Paying the whole converted open amount settles the document exactly, whatever the rounding.
    const amount =
      same || a.amount === c.open
        ? a.amount === c.open
          ? c.openDoc
          : a.amount
        : Dec.min(convertAmount(a.amount, payRate, c.docRate, minorUnits(c.doc.currency)), c.openDoc).toFixed(
            minorUnits(c.doc.currency),
          );
    return allocationRow(
      tenant,
      payment.customerId!,
      payment.id,
      a.documentId,
      { amount, paymentAmount: a.amount, rate: same ? null : crossRate(payRate, c.docRate) },
      'auto',
      at,
    );
  });
}
