import type { DocumentRecord } from '../ports/documents.ts';
import type { PaymentOut } from '../payments/present.ts';
import { formatAmount } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';

// The `data` of the events other features raise: a stable, small summary of the object, enough
// for a receiver to act or to fetch the rest through the API.

export function documentEventData(doc: DocumentRecord, paid = doc.paid): { document: Record<string, unknown> } {
  const total = doc.total === null ? null : formatAmount(doc.total, doc.currency);
  return {
    document: {
      id: doc.id,
      type: doc.type,
      number: doc.number,
      status: doc.status,
      paymentStatus: doc.paymentStatus,
      customerId: doc.customerId,
      currency: doc.currency,
      periodStart: doc.periodStart,
      periodEnd: doc.periodEnd,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      total,
      paid: formatAmount(paid, doc.currency),
      open: doc.total === null ? null : formatAmount(new Dec(doc.total).minus(paid), doc.currency),
    },
  };
}

export function paymentEventData(payment: PaymentOut): { payment: Record<string, unknown> } {
  const { allocations, ...rest } = payment;
  return {
    payment: { ...rest, allocations: allocations.map((a) => ({ documentId: a.documentId, amount: a.amount })) },
  };
}
