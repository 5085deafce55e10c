import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentLine } from '../ports/document-lines.ts';
import type {
  DocumentLineAmounts,
  DocumentStatus,
  DocumentType,
  PaymentStatus,
  RenderStatus,
} from '../../core/documents/types.ts';
import type { PartySnapshot } from '../../core/documents/view.ts';
import type { Metadata } from '../../core/validation/metadata.ts';
import { formatAmount } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';

export interface DocumentOut {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  paymentStatus: PaymentStatus | null;
  number: string | null;
  customerId: string;
  currency: string;
  exchangeRate: string | null;
  periodStart: string;
  periodEnd: string;
  timezone: string;
  customerTimezone: string;
  issueDate: string | null;
  dueDate: string | null;
  paymentTermsDays: number;
  renderStatus: RenderStatus | null;
  renderError: string | null;
  needsRegeneration: boolean;
  taxRate: string;
  callDiscountPercent: string;
  numberSequenceId: string | null;
  templateId: string | null;
  legalEntityId: string | null;
  sender: PartySnapshot | null;
  recipient: PartySnapshot | null;
  sessionId: string | null;
  invoicingSchemeId: string | null;
  accompaniesDocumentId: string | null;
  /** Credit notes: the invoice they credit. */
  creditedDocumentId: string | null;
  convertedToDocumentId: string | null;
  convertedFromDocumentId: string | null;
  metadata: Metadata;
  totals: {
    usage: string;
    discount: string;
    fixedCosts: string;
    charges: string;
    net: string;
    tax: string;
    total: string;
    paid: string;
    open: string;
  };
  lines: DocumentLineOut[];
  createdAt: string;
  issuedAt: string | null;
  cancelledAt: string | null;
  /**
   * Payments shown on the invoice (bill-cycle invoices present the account's payments received
   * before they close); given when one document is read.
   */
  presentedPayments?: Array<{ paymentId: string; amount: string; currency: string; receivedAt: string }>;
}

/** A line as the API shows it: its stable id, and what it bills when it is a charge. */
export interface DocumentLineOut extends DocumentLineAmounts {
  id: string;
  chargeId: string | null;
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
}

/** Drops the trailing zeros numeric(…, 6) adds, keeping at least the currency's minor digits. */
function plain(value: string): string {
  return new Dec(value).toString();
}

/** The API shape of a document: amounts as decimal strings in the currency's minor units. */
export function presentDocument(d: DocumentRecord, lines: DocumentLine[]): DocumentOut {
  const money = (v: string | null) => formatAmount(v ?? '0', d.currency);
  const total = new Dec(d.total ?? '0');
  const payable = d.status === 'issued';
  return {
    id: d.id,
    type: d.type,
    status: d.status,
    paymentStatus: d.paymentStatus as PaymentStatus | null,
    number: d.number,
    customerId: d.customerId,
    currency: d.currency,
    exchangeRate: d.exchangeRate === null ? null : plain(d.exchangeRate),
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    timezone: d.timezone,
    customerTimezone: d.customerTimezone,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    paymentTermsDays: d.paymentTermsDays,
    renderStatus: d.renderStatus,
    renderError: d.renderError,
    needsRegeneration: d.needsRegeneration,
    taxRate: plain(d.taxRate),
    callDiscountPercent: plain(d.callDiscountPercent),
    numberSequenceId: d.numberSequenceId,
    templateId: d.templateId,
    legalEntityId: d.legalEntityId,
    sender: d.sender,
    recipient: d.recipient,
    sessionId: d.sessionId,
    invoicingSchemeId: d.invoicingSchemeId,
    // A credit note keeps the invoice it credits in the same column as an act keeps its invoice.
    accompaniesDocumentId: d.type === 'credit_note' ? null : (d.accompaniesDocumentId ?? null),
    creditedDocumentId: d.type === 'credit_note' ? (d.accompaniesDocumentId ?? null) : null,
    convertedToDocumentId: d.convertedToDocumentId ?? null,
    convertedFromDocumentId: d.convertedFromDocumentId ?? null,
    metadata: d.metadata,
    totals: {
      usage: money(d.totalUsage),
      discount: money(d.totalDiscount),
      fixedCosts: money(d.totalFixedCosts),
      charges: money(d.totalCharges),
      net: money(d.totalNet),
      tax: money(d.totalTax),
      total: money(d.total),
      paid: money(d.paid),
      open: money(payable ? total.minus(new Dec(d.paid)).toString() : '0'),
    },
    lines: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      description: l.description,
      destination: l.destination,
      prefix: l.prefix,
      quantity: plain(l.quantity),
      unit: l.unit,
      durationSeconds: l.durationSeconds,
      unitPrice: l.unitPrice === null ? null : plain(l.unitPrice),
      net: money(l.net),
      taxRate: plain(l.taxRate),
      tax: money(l.tax),
      gross: money(l.gross),
      chargeId: l.chargeId,
      servicePeriodStart: l.servicePeriodStart,
      servicePeriodEnd: l.servicePeriodEnd,
    })),
    createdAt: d.createdAt,
    issuedAt: d.issuedAt,
    cancelledAt: d.cancelledAt,
  };
}
