import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { StatementEntryView, StatementView } from '../../core/documents/view.ts';
import { readStatement, type LedgerEntry } from '../payments/customer-balance.ts';
import { formatAmount } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';

const NOTES: Record<'en' | 'ru', { cancelled: string; reversed: string }> = {
  en: { cancelled: 'cancelled', reversed: 'returned' },
  ru: { cancelled: 'аннулирование', reversed: 'возврат платежа' },
};

/** A ledger entry as a row of the act: documents (and their cancellations) or payments. */
function row(e: LedgerEntry, balance: string, currency: string, locale: 'en' | 'ru'): StatementEntryView {
  const isPayment = e.kind === 'payment' || e.kind === 'reversal';
  return {
    date: e.date,
    kind: isPayment ? 'payment' : 'document',
    documentType: isPayment ? null : e.documentType,
    reference: isPayment ? e.paymentReference : e.number,
    description:
      e.kind === 'cancellation' ? NOTES[locale].cancelled : e.kind === 'reversal' ? NOTES[locale].reversed : '',
    debit: formatAmount(e.debit, currency),
    credit: formatAmount(e.credit, currency),
    balance,
  };
}

/**
 * The statement a reconciliation document prints: the customer's ledger (the same one as
 * `GET /customers/{id}/statement`) over the document's period — the balance carried in, the
 * documents issued and the payments received in it, and the balance carried out. Allocations only
 * say which money paid which document, so they are left out; null for every other type.
 */
export async function reconciliationStatement(
  s: Session,
  doc: DocumentRecord,
  locale: 'en' | 'ru',
): Promise<StatementView | null> {
  if (doc.type !== 'reconciliation') return null;
  const range = { from: doc.periodStart, to: doc.periodEnd };
  const { customer, opening, closing, lines } = await readStatement(s, doc.tenantId, doc.customerId, range);
  const moves = lines.filter(({ entry }) => entry.kind !== 'allocation' && entry.kind !== 'unbinding');
  const sum = (side: 'debit' | 'credit') =>
    formatAmount(
      moves.reduce((t, { entry }) => t.plus(entry[side]), new Dec(0)),
      customer.currency,
    );
  return {
    from: doc.periodStart,
    to: doc.periodEnd,
    openingBalance: opening,
    entries: moves.map(({ entry, balance }) => row(entry, balance, customer.currency, locale)),
    totalDebit: sum('debit'),
    totalCredit: sum('credit'),
    closingBalance: closing,
    includesPayments: true,
  };
}
