// The view model every document template receives. It is plain JSON on purpose: templates are
// user-editable, so they must see data only (no methods, no prototypes worth reaching), and the
// same shape is what the preview endpoint and the docs show. Money is always a decimal string
// already rounded by the invoice computation; templates only format it, never recompute it.

import type { DocumentStatus, DocumentType } from './types.ts';

export type { DocumentStatus, DocumentType };
export type DocumentLocale = 'en' | 'ru';

export interface AddressView {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  region?: string;
  country?: string;
}

/**
 * Bank details as documents print them. An international party gives IBAN and BIC; a Russian
 * one gives its bank's name, the settlement account, the bank's BIK and correspondent account.
 */
export interface BankView {
  iban?: string;
  bic?: string;
  name?: string;
  account?: string;
  /** Russian bank identification code (БИК). */
  bik?: string;
  /** The bank's correspondent account at the central bank (корр. счёт). */
  correspondentAccount?: string;
}

/** Sender or recipient details frozen on a document when it is made. */
export interface PartySnapshot {
  legalEntityId?: string;
  customerId?: string;
  name: string;
  taxId: string | null;
  kpp: string | null;
  address: AddressView | null;
  email: string | null;
  phone?: string | null;
  bank?: BankView | null;
  billingEmails?: string[];
}

export interface PartyView {
  name: string;
  taxId: string | null;
  kpp?: string | null;
  address: AddressView | null;
  email?: string | null;
  phone?: string | null;
  bank?: BankView | null;
}

/** Another document this one refers to: the invoice an act or VAT invoice accompanies. */
export interface DocumentReferenceView {
  id: string;
  type: DocumentType;
  number: string | null;
  issueDate: string | null;
}

export interface DocumentHeaderView {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  periodStart: string;
  periodEnd: string;
  /** The zone the service period was computed in (the tenant's). */
  timezone: string;
  /** The zone call times are shown in (the customer's). */
  customerTimezone: string;
  currency: string;
  paymentStatus: string | null;
  locale: DocumentLocale;
  taxRate: string;
  callDiscountPercent: string;
  /** Payments are expected: the due date is the expected payment date, the payment status is shown. */
  payable: boolean;
  /** A tax document: tax is stated per line. */
  taxDocument: boolean;
  /** The invoice an act or a VAT invoice accompanies; null for other types. */
  accompanies: DocumentReferenceView | null;
}

export interface LineView {
  kind: string;
  description: string;
  destination: string | null;
  prefix: string | null;
  quantity: string;
  unit: string;
  durationSeconds: number | null;
  minutes: string | null;
  unitPrice: string | null;
  net: string;
  taxRate: string;
  /** The line's tax at its rate, rounded; tax documents print it per line. */
  tax: string;
  gross: string;
}

export interface TotalsView {
  usage: string;
  /** The discount amount as a positive number; net = usage − discount + fixedCosts. */
  discount: string;
  fixedCosts: string;
  net: string;
  tax: string;
  total: string;
  paid: string;
  open: string;
}

export interface CallView {
  /** Already formatted in the customer's zone as 'dd/MM/yyyy HH:mm:ss'. */
  startedAt: string;
  caller: string;
  callee: string;
  destination: string | null;
  durationSeconds: number;
  price: string;
}

/** One row of a reconciliation statement; amounts are positive, debit adds to what is owed. */
export interface StatementEntryView {
  date: string;
  kind: 'document' | 'payment';
  /** The document's type for document rows; null for payments. */
  documentType: DocumentType | null;
  /** The document's number or the payment's reference. */
  reference: string | null;
  description: string;
  debit: string;
  credit: string;
  /** What the customer owes after this row (negative: the customer's credit). */
  balance: string;
}

/** A reconciliation statement between two dates (the document's period). */
export interface StatementView {
  from: string;
  to: string;
  openingBalance: string;
  entries: StatementEntryView[];
  totalDebit: string;
  totalCredit: string;
  closingBalance: string;
  /** Whether payments were part of the books when it was made (before payments, documents only). */
  includesPayments: boolean;
}

export interface DocumentView {
  document: DocumentHeaderView;
  sender: PartyView;
  recipient: PartyView;
  lines: LineView[];
  totals: TotalsView;
  calls: CallView[];
  /** Reconciliations only: the statement; null for every other type. */
  statement: StatementView | null;
}
