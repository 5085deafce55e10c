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

export interface BankView {
  iban?: string;
  bic?: string;
  name?: string;
  account?: string;
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
  bank?: Record<string, string> | null;
  billingEmails?: string[];
}

export interface PartyView {
  name: string;
  taxId: string | null;
  kpp?: string | null;
  address: AddressView | null;
  email?: string | null;
  bank?: BankView | null;
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

export interface DocumentView {
  document: DocumentHeaderView;
  sender: PartyView;
  recipient: PartyView;
  lines: LineView[];
  totals: TotalsView;
  calls: CallView[];
}
