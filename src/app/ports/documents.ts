import type { Page, PageRequest } from './audit.ts';
import type { PartySnapshot } from '../../core/documents/view.ts';
import type { PaymentStatus, DocumentStatus, DocumentType, RenderStatus } from '../../core/documents/types.ts';

export type { DocumentStatus, DocumentType, RenderStatus };

export interface DocumentRecord {
  id: string;
  tenantId: string;
  type: DocumentType;
  status: DocumentStatus;
  paymentStatus: string | null;
  number: string | null;
  numberSequenceId: string | null;
  customNumber: string | null;
  customerId: string;
  legalEntityId: string | null;
  templateId: string | null;
  currency: string;
  exchangeRate: string | null;
  periodStart: string;
  periodEnd: string;
  timezone: string;
  customerTimezone: string;
  issueDate: string | null;
  dueDate: string | null;
  paymentTermsDays: number;
  taxRate: string;
  callDiscountPercent: string;
  sender: PartySnapshot | null;
  recipient: PartySnapshot | null;
  totalUsage: string | null;
  totalDiscount: string | null;
  totalFixedCosts: string | null;
  totalCharges: string | null;
  totalNet: string | null;
  totalTax: string | null;
  total: string | null;
  paid: string;
  renderStatus: RenderStatus | null;
  renderError: string | null;
  /** Rendered on first download (the scheme's or bill group's choice) rather than by a job. */
  renderOnView: boolean;
  needsRegeneration: boolean;
  revision: number;
  sessionId: string | null;
  /** The invoicing scheme the document was made with; null when the tenant has none. */
  invoicingSchemeId: string | null;
  /** Acts and VAT invoices: the issued invoice they accompany. */
  accompaniesDocumentId: string | null;
  /** A converted proforma: the invoice it became. */
  convertedToDocumentId: string | null;
  /** An invoice made from a proforma: that proforma. */
  convertedFromDocumentId: string | null;
  /** The integrator's own string key/values. */
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  issuedAt: string | null;
  cancelledAt: string | null;
}

export type NewDocument = Omit<
  DocumentRecord,
  | 'accompaniesDocumentId'
  | 'convertedToDocumentId'
  | 'convertedFromDocumentId'
  | 'createdAt'
  | 'updatedAt'
  | 'issuedAt'
  | 'cancelledAt'
  | 'paid'
  | 'revision'
  | 'needsRegeneration'
  | 'totalUsage'
  | 'totalDiscount'
  | 'totalFixedCosts'
  | 'totalCharges'
  | 'totalNet'
  | 'totalTax'
  | 'total'
  | 'renderStatus'
  | 'renderError'
  | 'renderOnView'
> &
  Partial<Pick<DocumentRecord, 'accompaniesDocumentId' | 'convertedFromDocumentId' | 'renderOnView'>> &
  // A document computed before it is stored (a session's drafts) is inserted with its totals.
  Partial<DocumentTotals>;

export type DocumentTotals = Pick<
  DocumentRecord,
  'totalUsage' | 'totalDiscount' | 'totalFixedCosts' | 'totalCharges' | 'totalNet' | 'totalTax' | 'total'
>;

export interface DocumentFilter {
  type?: DocumentType | undefined;
  /** Any of these types (none: nothing matches). */
  types?: readonly DocumentType[] | undefined;
  status?: DocumentStatus | undefined;
  customerId?: string | undefined;
  sessionId?: string | undefined;
  paymentStatus?: PaymentStatus | undefined;
  /** The exact number. */
  number?: string | undefined;
  /** Issue date on or after / on or before (YYYY-MM-DD). */
  issueDateFrom?: string | undefined;
  issueDateTo?: string | undefined;
  /** The whole period inside the range: starts on or after periodStart, ends on or before periodEnd. */
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
}

/** Document records: the header of every document, its numbering conflicts and its customer's invoicing lock. */
/** What issuing sets on a draft. */
export type IssuePatch = Pick<
  DocumentRecord,
  | 'id'
  | 'number'
  | 'numberSequenceId'
  | 'paymentStatus'
  | 'issueDate'
  | 'dueDate'
  | 'issuedAt'
  | 'renderStatus'
  | 'revision'
>;

export interface DocumentsRepo {
  insertDocument(doc: NewDocument): Promise<DocumentRecord>;
  /** Inserts many new documents with multi-row statements. */
  insertDocuments(docs: readonly NewDocument[]): Promise<DocumentRecord[]>;
  /** Sets the totals of many documents in one statement (clearing needsRegeneration). */
  setTotalsOf(
    tenantId: string,
    entries: ReadonlyArray<{ id: string; totals: DocumentTotals }>,
  ): Promise<Map<string, DocumentRecord>>;
  getDocument(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<DocumentRecord | null>;
  getDocuments(tenantId: string, ids: string[]): Promise<DocumentRecord[]>;
  listDocuments(tenantId: string, filter: DocumentFilter, page: PageRequest): Promise<Page<DocumentRecord>>;
  updateDocument(tenantId: string, id: string, patch: Partial<DocumentRecord>): Promise<DocumentRecord>;
  /** Sets the stated period of many documents in one statement. */
  setPeriodsOf(
    tenantId: string,
    entries: ReadonlyArray<{ id: string; periodStart: string; periodEnd: string }>,
  ): Promise<void>;
  deleteDocument(tenantId: string, id: string): Promise<void>;
  /** Deletes many documents of the tenant in one statement (their lines, files and claims go with them). */
  deleteDocuments(tenantId: string, ids: readonly string[]): Promise<void>;
  /** Non-cancelled documents of the customer and type whose period overlaps [start, end]. */
  overlappingDocuments(
    tenantId: string,
    customerId: string,
    type: DocumentType,
    start: string,
    end: string,
    excludeId?: string,
  ): Promise<string[]>;
  /** For many customers at once: their non-cancelled documents of the type overlapping [start, end]. */
  overlappingOf(
    tenantId: string,
    customerIds: readonly string[],
    type: DocumentType,
    start: string,
    end: string,
  ): Promise<Map<string, string[]>>;
  numberTaken(tenantId: string, type: DocumentType, number: string, excludeId?: string): Promise<boolean>;
  /** Many documents, locked for the caller's transaction (in id order); absent ids are left out. */
  getDocumentsForUpdate(tenantId: string, ids: readonly string[]): Promise<Map<string, DocumentRecord>>;
  /** Which of `numbers` a document of the type other than `excludeIds` already holds (as number or custom number). */
  numbersTaken(
    tenantId: string,
    type: DocumentType,
    numbers: readonly string[],
    excludeIds: readonly string[],
  ): Promise<Set<string>>;
  /** The issue of many drafts in one statement: each one's number, dates and statuses; returns them as stored. */
  issueMany(tenantId: string, entries: ReadonlyArray<IssuePatch>): Promise<Map<string, DocumentRecord>>;
  /** Serialises invoicing per customer: the overlap and number checks then see every concurrent draft. */
  lockCustomer(tenantId: string, customerId: string): Promise<void>;
  /** lockCustomer of many customers, in id order (so two callers cannot deadlock). */
  lockCustomers(tenantId: string, customerIds: readonly string[]): Promise<void>;
}
