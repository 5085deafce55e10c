// The document vocabulary, declared once: the domain, the use cases, the database adapter and the
// HTTP contract all take these lists from here.

export const DOCUMENT_TYPES = ['invoice', 'proforma', 'act', 'vat_invoice', 'credit_note', 'reconciliation'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = ['draft', 'issued', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Payable documents only; null on drafts and on types nobody pays (acts, reconciliations). */
export const PAYMENT_STATUSES = ['unpaid', 'partially_paid', 'paid', 'overdue'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const RENDER_STATUSES = ['waiting', 'processing', 'created', 'failed'] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];

export const LINE_KINDS = ['usage', 'subscription', 'one_off', 'fixed_cost', 'discount', 'adjustment'] as const;

/** A document line as stored and shown: amounts are decimal strings already rounded. */
export interface DocumentLineAmounts {
  kind: LineKind;
  description: string;
  destination: string | null;
  prefix: string | null;
  quantity: string;
  unit: string;
  durationSeconds: number | null;
  unitPrice: string | null;
  net: string;
  taxRate: string;
  tax: string;
  gross: string;
}

export type LineKind = (typeof LINE_KINDS)[number];
