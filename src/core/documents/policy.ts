/** Every kind of document Tollbook makes. */
export type DocumentType = 'invoice' | 'proforma' | 'act' | 'vat_invoice' | 'credit_note' | 'reconciliation';

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'invoice',
  'proforma',
  'act',
  'vat_invoice',
  'credit_note',
  'reconciliation',
];

/** The invoice-creation rules a type checks, in the fixed order they are reported. */
export type PeriodRule =
  'FUTURE_PERIOD' | 'PAST_PERIOD' | 'INVALID_PERIOD' | 'UNRATED_USAGE' | 'OVERLAPPING_DOCUMENT' | 'DATA_INCONSISTENT';

/**
 * What a document type is and does. Use cases ask the policy instead of testing the type, so that
 * a new type is one entry here rather than conditions spread over the pipeline.
 */
export interface DocumentPolicy {
  type: DocumentType;
  /** Rules checked at creation and again at generation, in this order. */
  rules: readonly PeriodRule[];
  /** Generation takes the period's free usage records onto the document (each record once). */
  claimsUsage: boolean;
  /** Generation takes the period's charges onto the document (each charge on one issued document). */
  claimsCharges: boolean;
  /** Payments are allocated to it; it has a payment status, a due date and an open amount. */
  payable: boolean;
  /** A tax document: it states tax per line and per rate for the tax authority. */
  taxDocument: boolean;
  /** Another issued document it must reference: the invoice it accompanies or credits. */
  references: 'none' | 'accompanies_invoice' | 'credits_document';
  /** The sequence of an invoicing scheme that numbers it. */
  sequenceKind: 'invoice' | 'proforma' | 'act' | 'vat_invoice' | 'credit_note' | 'reconciliation';
  /** Whether a call discount may apply to its usage lines. */
  discountsUsage: boolean;
  /** The built-in template it is printed with when none is chosen (in the customer's language). */
  defaultTemplate: 'invoice-summary' | 'proforma' | 'act' | 'vat-invoice' | 'credit-note' | 'reconciliation';
}

const INVOICE_RULES: readonly PeriodRule[] = [
  'FUTURE_PERIOD',
  'INVALID_PERIOD',
  'UNRATED_USAGE',
  'OVERLAPPING_DOCUMENT',
  'DATA_INCONSISTENT',
];

const base = { claimsUsage: false, claimsCharges: false, payable: false, taxDocument: false, discountsUsage: false };

const POLICIES: Record<DocumentType, DocumentPolicy> = {
  invoice: {
    ...base,
    type: 'invoice',
    rules: INVOICE_RULES,
    claimsUsage: true,
    claimsCharges: true,
    payable: true,
    taxDocument: true,
    references: 'none',
    sequenceKind: 'invoice',
    defaultTemplate: 'invoice-summary',
    discountsUsage: true,
  },
  // An advance bill for a coming period: it claims nothing (its invoice will), so a proforma can be
  // made, changed or dropped without touching what is billed, and it cannot be for a past period.
  proforma: {
    ...base,
    type: 'proforma',
    rules: ['PAST_PERIOD', 'INVALID_PERIOD'],
    references: 'none',
    sequenceKind: 'proforma',
    defaultTemplate: 'proforma',
  },
  // Acts and VAT invoices restate the invoice they accompany for the same period and charges.
  act: {
    ...base,
    type: 'act',
    rules: ['INVALID_PERIOD'],
    references: 'accompanies_invoice',
    sequenceKind: 'act',
    defaultTemplate: 'act',
  },
  vat_invoice: {
    ...base,
    type: 'vat_invoice',
    rules: ['INVALID_PERIOD'],
    taxDocument: true,
    references: 'accompanies_invoice',
    sequenceKind: 'vat_invoice',
    defaultTemplate: 'vat-invoice',
  },
  credit_note: {
    ...base,
    type: 'credit_note',
    rules: [],
    taxDocument: true,
    references: 'credits_document',
    sequenceKind: 'credit_note',
    defaultTemplate: 'credit-note',
  },
  reconciliation: {
    ...base,
    type: 'reconciliation',
    rules: ['INVALID_PERIOD'],
    references: 'none',
    sequenceKind: 'reconciliation',
    defaultTemplate: 'reconciliation',
  },
};

export function policyFor(type: DocumentType): DocumentPolicy {
  const policy = POLICIES[type];
  if (!policy) throw new RangeError(`Unknown document type: ${JSON.stringify(type)}`);
  return policy;
}

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/**
 * The policy of one document: its type's, except for an invoice converted from a proforma. That
 * one is an advance invoice (ADR 0010): it bills exactly the proforma's charges, so it may be made
 * before its period ends and checks only that the period is valid; it bills no usage (the period's
 * regular invoice does), and the regular invoice does not count it as an overlap.
 */
export function policyOf(doc: {
  type: DocumentType;
  convertedFromDocumentId?: string | null | undefined;
}): DocumentPolicy {
  const policy = policyFor(doc.type);
  if (doc.type !== 'invoice' || !doc.convertedFromDocumentId) return policy;
  return { ...policy, rules: ['INVALID_PERIOD'], claimsUsage: false, discountsUsage: false };
}
