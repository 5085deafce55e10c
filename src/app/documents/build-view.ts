import type { PartySnapshot } from '../../core/documents/view.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentView, PartyView, StatementView } from '../../core/documents/view.ts';
import { Dec } from '../../core/money/decimal.ts';
import { formatAmount } from '../../core/money/currency.ts';
import { formatInZone } from '../../core/time/zones.ts';
import { minutesText } from '../../core/time/durations.ts';
import { presentDocument } from './present.ts';
import { policyFor } from '../../core/documents/policy.ts';

/** Call lists beyond this length are left to the CSV export: a PDF of 100k rows helps nobody. */
const maxCallsInPdf = 5000;

function party(snapshot: PartySnapshot | null): PartyView {
  const p = (snapshot ?? {}) as Partial<PartyView> & { name?: string };
  return {
    name: p.name ?? '',
    taxId: p.taxId ?? null,
    kpp: p.kpp ?? null,
    address: p.address ?? null,
    email: p.email ?? null,
    phone: p.phone ?? null,
    bank: p.bank ?? null,
  };
}

/** The plain-data view a template receives; call times are shown in the customer's time zone. */
export async function buildDocumentView(
  s: Session,
  doc: DocumentRecord,
  options: {
    withCalls: boolean;
    locale: 'en' | 'ru';
    /** A reconciliation's statement. */
    statement?: StatementView | null;
  },
): Promise<DocumentView> {
  const out = presentDocument(doc, await s.documentLines.lines(doc.tenantId, doc.id));
  const accompanied = doc.accompaniesDocumentId
    ? await s.documents.getDocument(doc.tenantId, doc.accompaniesDocumentId)
    : null;
  const calls = options.withCalls
    ? (await s.usageClaims.calls(doc.tenantId, doc.id, { limit: maxCallsInPdf })).data
    : [];
  return {
    document: {
      id: doc.id,
      type: doc.type,
      status: doc.status,
      number: doc.number,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      periodStart: doc.periodStart,
      periodEnd: doc.periodEnd,
      timezone: doc.timezone,
      customerTimezone: doc.customerTimezone,
      currency: doc.currency,
      paymentStatus: doc.paymentStatus,
      locale: options.locale,
      taxRate: out.taxRate,
      callDiscountPercent: out.callDiscountPercent,
      payable: policyFor(doc.type).payable,
      taxDocument: policyFor(doc.type).taxDocument,
      accompanies: accompanied
        ? { id: accompanied.id, type: accompanied.type, number: accompanied.number, issueDate: accompanied.issueDate }
        : null,
    },
    sender: party(doc.sender),
    recipient: party(doc.recipient),
    lines: out.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      destination: l.destination,
      prefix: l.prefix,
      quantity: l.quantity,
      unit: l.unit,
      durationSeconds: l.durationSeconds,
      minutes: l.durationSeconds === null ? null : minutesText(l.durationSeconds),
      unitPrice: l.unitPrice,
      net: l.net,
      taxRate: l.taxRate,
      tax: l.tax,
      gross: l.gross,
    })),
    // Templates show the discount as a positive amount taken off ("Discount 10.00").
    totals: { ...out.totals, discount: formatAmount(new Dec(out.totals.discount).abs(), doc.currency) },
    calls: calls.map((c) => ({
      startedAt: formatInZone(c.startedAt, doc.customerTimezone, 'dd/MM/yyyy HH:mm:ss'),
      caller: c.caller,
      callee: c.callee,
      destination: c.destination,
      durationSeconds: c.durationSeconds,
      price: formatAmount(c.price ?? '0', doc.currency),
    })),
    statement: options.statement ?? null,
  };
}
