import type { Page, PageRequest } from './audit.ts';

/** Document types a scheme names a number sequence or template for. */
export type SchemeDocumentType = 'invoice' | 'proforma' | 'act' | 'vat_invoice';

export const SCHEME_RENDER_MODES = ['during_generation', 'on_first_view'] as const;
export type SchemeRenderMode = (typeof SCHEME_RENDER_MODES)[number];

/** How documents are made for whoever the scheme applies to (see DESIGN.md, invoicing scheme). */
export interface InvoicingScheme {
  id: string;
  tenantId: string;
  name: string;
  /** The sender; null means the tenant's default legal entity. */
  legalEntityId: string | null;
  invoiceNumberSequenceId: string;
  proformaNumberSequenceId: string | null;
  actNumberSequenceId: string | null;
  vatInvoiceNumberSequenceId: string | null;
  paymentTermsDays: number;
  taxRate: string;
  callDiscountPercent: string;
  /** null: documents are in the customer's currency. */
  currency: string | null;
  /** Template id per document type; a type not named uses the built-in template. */
  templateIds: Partial<Record<SchemeDocumentType, string>>;
  proformaIncludesUnscheduled: boolean;
  /** When its documents' PDFs are made: by a job after each change, or on the first download. */
  renderMode: SchemeRenderMode;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export type InvoicingSchemeInput = Omit<InvoicingScheme, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export interface SchemeRepo {
  insert(tenantId: string, id: string, input: InvoicingSchemeInput): Promise<InvoicingScheme>;
  update(tenantId: string, id: string, patch: Partial<InvoicingSchemeInput>): Promise<InvoicingScheme | null>;
  get(tenantId: string, id: string): Promise<InvoicingScheme | null>;
  getDefault(tenantId: string): Promise<InvoicingScheme | null>;
  list(tenantId: string, page: PageRequest): Promise<Page<InvoicingScheme>>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /** Unmarks the tenant's default scheme (before another becomes the default). */
  clearDefault(tenantId: string): Promise<void>;
  /** Whether a customer, contract or subscription names the scheme. */
  isInUse(tenantId: string, id: string): Promise<boolean>;
}
