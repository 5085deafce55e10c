import type { Session } from '../ports/session.ts';
import type { DocumentRecord, DocumentType } from '../ports/documents.ts';
import { AppError, invalid, refusedField, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { accompanyRefusal } from '../../core/documents/references.ts';

const FIELD = 'accompaniesDocumentId';

/**
 * The issued invoice a new act or VAT invoice restates, checked by `accompanyRefusal`: a missing
 * or unwanted reference is 400, an invoice not yet issued 409 (its state), another type or customer
 * 422; all on `accompaniesDocumentId`. Null for types that accompany nothing.
 */
export async function accompaniedInvoice(
  s: Session,
  tenantId: string,
  type: DocumentType,
  customerId: string,
  accompaniesDocumentId: string | undefined,
): Promise<DocumentRecord | null> {
  const target = accompaniesDocumentId ? await s.documents.getDocument(tenantId, accompaniesDocumentId) : null;
  if (accompaniesDocumentId && !target)
    throw unknownReference('UNKNOWN_DOCUMENT', FIELD, 'document', accompaniesDocumentId, 'NOT_FOUND');
  const refusal = accompanyRefusal(type, customerId, target);
  if (!refusal) return target;
  if (refusal.kind === 'validation') throw invalid([{ field: FIELD, code: refusal.code, message: refusal.detail }]);
  if (refusal.code === 'INVOICE_NOT_ISSUED')
    throw new AppError('conflict', refusal.code, refusal.detail, [
      { field: FIELD, code: refusal.code, message: refusal.detail },
    ]);
  throw refusedField(refusal.code, FIELD, refusal.detail, refusal.detail);
}

/** An act or VAT invoice covers its invoice's period: a request naming another period is refused. */
export function assertSamePeriod(invoice: DocumentRecord, periodStart: string, periodEnd: string): void {
  if (invoice.periodStart === periodStart && invoice.periodEnd === periodEnd) return;
  throw refusedField(
    'PERIOD_MISMATCH',
    'periodStart',
    `invoice ${invoice.id} is for ${invoice.periodStart}…${invoice.periodEnd}; the document accompanying it covers the same period`,
    `must be the invoice's period ${invoice.periodStart}…${invoice.periodEnd}`,
  );
}

/**
 * Generation of an act or VAT invoice: it restates the invoice it accompanies, the same lines and
 * totals (new line ids), and claims nothing; the invoice is issued, so it no longer changes.
 */
export async function restateInvoice(s: Session, doc: DocumentRecord): Promise<DocumentRecord> {
  return (await restateInvoices(s, doc.tenantId, [doc]))[0]!;
}

/**
 * `restateInvoice` of many acts or VAT invoices of one tenant, set-based: one read of their
 * invoices, one of those invoices' lines, one replacement of the lines and one update of the totals,
 * whatever the number of documents (a session's chunk restates hundreds at once).
 */
export async function restateInvoices(
  s: Session,
  tenantId: string,
  docs: readonly DocumentRecord[],
): Promise<DocumentRecord[]> {
  if (!docs.length) return [];
  const invoiceIds = [...new Set(docs.map((d) => d.accompaniesDocumentId!))];
  const invoices = new Map((await s.documents.getDocuments(tenantId, invoiceIds)).map((d) => [d.id, d]));
  const lines = await s.documentLines.linesOf(tenantId, invoiceIds);
  await s.documentLines.replaceLinesOf(
    tenantId,
    docs.map((doc) => ({
      documentId: doc.id,
      lines: (lines.get(doc.accompaniesDocumentId!) ?? []).map((l) => ({ ...l, id: newId('dl') })),
    })),
  );
  const stored = await s.documents.setTotalsOf(
    tenantId,
    docs.map((doc) => {
      const invoice = invoices.get(doc.accompaniesDocumentId!)!;
      return {
        id: doc.id,
        totals: {
          totalUsage: invoice.totalUsage,
          totalDiscount: invoice.totalDiscount,
          totalFixedCosts: invoice.totalFixedCosts,
          totalCharges: invoice.totalCharges,
          totalNet: invoice.totalNet,
          totalTax: invoice.totalTax,
          total: invoice.total,
        },
      };
    }),
  );
  return docs.map((d) => stored.get(d.id)!);
}
