import type { AllocationRecord, PaymentRecord, ReversalRecord } from '../ports/payments.ts';
import { formatAmount } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';

export interface AllocationOut {
  id: string;
  documentId: string;
  /** In the document's currency; negative for an unbinding entry. */
  amount: string;
  /** The same money in the payment's currency. */
  paymentAmount: string;
  rate: string | null;
  kind: AllocationRecord['kind'];
  reversesId: string | null;
  reason: string | null;
  at: string;
}

export interface PaymentOut {
  id: string;
  customerId: string | null;
  status: 'matched' | 'unmatched' | 'reversed';
  amount: string;
  currency: string;
  receivedAt: string;
  method: PaymentRecord['method'];
  payer: string | null;
  reference: string | null;
  source: string;
  externalId: string | null;
  importId: string | null;
  allocated: string;
  unallocated: string;
  reversedAt: string | null;
  allocations: AllocationOut[];
  createdAt: string;
}

export function presentAllocation(a: AllocationRecord): AllocationOut {
  return {
    id: a.id,
    documentId: a.documentId,
    amount: new Dec(a.amount).toString(),
    paymentAmount: new Dec(a.paymentAmount).toString(),
    rate: a.rate === null ? null : new Dec(a.rate).toString(),
    kind: a.kind,
    reversesId: a.reversesId,
    reason: a.reason,
    at: a.at,
  };
}

/** Allocated = Σ ledger rows in the payment's currency; a reversed payment leaves no credit. */
export function presentPayment(
  p: PaymentRecord,
  rows: AllocationRecord[],
  reversal: ReversalRecord | null,
): PaymentOut {
  const allocated = rows.reduce((sum, r) => sum.plus(r.paymentAmount), new Dec(0));
  const unallocated = reversal ? new Dec(0) : new Dec(p.amount).minus(allocated);
  const money = (v: Dec | string) => formatAmount(v, p.currency);
  return {
    id: p.id,
    customerId: p.customerId,
    status: reversal ? 'reversed' : p.customerId ? 'matched' : 'unmatched',
    amount: money(p.amount),
    currency: p.currency,
    receivedAt: p.receivedAt,
    method: p.method,
    payer: p.payer,
    reference: p.reference,
    source: p.source,
    externalId: p.externalId,
    importId: p.importId,
    allocated: money(allocated),
    unallocated: money(unallocated),
    reversedAt: reversal?.reversedAt ?? null,
    // Same-currency rows show the payment's minor units; converted rows keep the document's digits.
    allocations: rows.map((r) => ({
      ...presentAllocation(r),
      amount: r.rate === null ? money(r.amount) : new Dec(r.amount).toString(),
      paymentAmount: money(r.paymentAmount),
    })),
    createdAt: p.createdAt,
  };
}
