import type { Page, PageRequest } from './audit.ts';
import type { SequenceFormat } from '../../core/numbering/sequence.ts';
import type { PartySnapshot } from '../../core/documents/view.ts';
import type { UsageGroup } from '../../core/invoice/types.ts';

import type {
  DocumentLineAmounts,
  PaymentStatus,
  DocumentStatus,
  DocumentType,
  RenderStatus,
} from '../../core/documents/types.ts';

export type { DocumentStatus, DocumentType, RenderStatus };

export interface NumberSequence extends SequenceFormat {
  id: string;
  tenantId: string;
  name: string;
  documentType: DocumentType;
  createdAt: string;
}

export interface FixedCost {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  cost: string;
  createdAt: string;
}

export interface TemplateRecord {
  id: string;
  tenantId: string | null;
  name: string;
  documentType: DocumentType;
  locale: string;
  format: 'html';
  source: string;
  builtin: boolean;
}

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
  totalNet: string | null;
  totalTax: string | null;
  total: string | null;
  paid: string;
  renderStatus: RenderStatus | null;
  renderError: string | null;
  needsRegeneration: boolean;
  revision: number;
  sessionId: string | null;
  /** The integrator's own string key/values. */
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  issuedAt: string | null;
  cancelledAt: string | null;
}

export type NewDocument = Omit<
  DocumentRecord,
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
  | 'totalNet'
  | 'totalTax'
  | 'total'
  | 'renderStatus'
  | 'renderError'
>;

export interface DocumentLine extends DocumentLineAmounts {
  fixedCostId: string | null;
}

export interface DocumentFixedCostLine {
  id: string;
  fixedCostId: string;
  name: string;
  description: string | null;
  quantity: string;
  unitPrice: string;
}

export interface DocumentFilter {
  type?: DocumentType | undefined;
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

export interface CallRow {
  id: string;
  externalId: string;
  source: string;
  startedAt: string;
  durationSeconds: number;
  billableSeconds: number | null;
  direction: string;
  external: boolean;
  caller: string;
  callee: string;
  destinationPrefix: string | null;
  destination: string | null;
  price: string | null;
  currency: string | null;
  rated: boolean;
  documentId: string | null;
}

export interface DestinationDetail {
  prefix: string | null;
  destination: string;
  ratePerMinute: string | null;
  calls: number;
  durationSeconds: number;
  amount: string;
}

/** A UTC instant range, from inclusive, to exclusive. */
export interface InstantRange {
  from: string;
  to: string;
}

export interface DocumentsRepo {
  insertSequence(seq: Omit<NumberSequence, 'createdAt'>): Promise<NumberSequence>;
  updateSequence(
    tenantId: string,
    id: string,
    patch: Partial<Omit<NumberSequence, 'id' | 'tenantId' | 'createdAt'>>,
  ): Promise<NumberSequence | null>;
  getSequence(tenantId: string, id: string): Promise<NumberSequence | null>;
  listSequences(tenantId: string): Promise<NumberSequence[]>;
  /** Latest value taken per reset period; empty when the sequence never issued a number. */
  sequenceCounters(sequenceId: string): Promise<Array<{ resetKey: string; lastValue: number }>>;
  /** Takes the next value under the counter row's lock, in the caller's (issuing) transaction. */
  takeSequenceValue(sequenceId: string, resetKey: string, start: number, increment: number): Promise<number>;

  insertFixedCost(cost: Omit<FixedCost, 'createdAt'>): Promise<FixedCost>;
  updateFixedCost(
    tenantId: string,
    id: string,
    patch: Partial<Pick<FixedCost, 'name' | 'description' | 'cost'>>,
  ): Promise<FixedCost | null>;
  getFixedCost(tenantId: string, id: string): Promise<FixedCost | null>;
  listFixedCosts(tenantId: string): Promise<FixedCost[]>;

  insertTemplate(t: Omit<TemplateRecord, 'builtin'> & { tenantId: string }): Promise<TemplateRecord>;
  updateTemplate(
    tenantId: string,
    id: string,
    patch: Partial<Pick<TemplateRecord, 'name' | 'source' | 'locale'>>,
  ): Promise<TemplateRecord | null>;
  getTemplate(tenantId: string, id: string): Promise<TemplateRecord | null>;
  listTemplates(tenantId: string): Promise<TemplateRecord[]>;

  insertDocument(doc: NewDocument): Promise<DocumentRecord>;
  getDocument(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<DocumentRecord | null>;
  listDocuments(tenantId: string, filter: DocumentFilter, page: PageRequest): Promise<Page<DocumentRecord>>;
  updateDocument(tenantId: string, id: string, patch: Partial<DocumentRecord>): Promise<DocumentRecord>;
  deleteDocument(tenantId: string, id: string): Promise<void>;
  /** Non-cancelled documents of the customer and type whose period overlaps [start, end]. */
  overlappingDocuments(
    tenantId: string,
    customerId: string,
    type: DocumentType,
    start: string,
    end: string,
    excludeId?: string,
  ): Promise<string[]>;
  numberTaken(tenantId: string, type: DocumentType, number: string, excludeId?: string): Promise<boolean>;

  addFixedCostLine(
    tenantId: string,
    documentId: string,
    line: { id: string; fixedCostId: string; quantity: string },
  ): Promise<void>;
  removeFixedCostLine(tenantId: string, documentId: string, lineId: string): Promise<boolean>;
  fixedCostLines(tenantId: string, documentId: string): Promise<DocumentFixedCostLine[]>;
  replaceLines(tenantId: string, documentId: string, lines: DocumentLine[]): Promise<void>;
  lines(tenantId: string, documentId: string): Promise<DocumentLine[]>;

  /** Outbound external usage of the customer in the range that has no price. */
  countUnrated(tenantId: string, customerId: string, range: InstantRange): Promise<number>;
  /** Rated outbound external usage of the range that no document bills yet. */
  countFreeUsage(tenantId: string, customerId: string, range: InstantRange): Promise<number>;
  /** Serialises invoicing per customer: the overlap and number checks then see every concurrent draft. */
  lockCustomer(tenantId: string, customerId: string): Promise<void>;
  /** Marks the customer's free outbound external usage of the range as billed by the document. */
  attachUsage(tenantId: string, documentId: string, customerId: string, range: InstantRange): Promise<number>;
  releaseUsage(tenantId: string, documentId: string): Promise<number>;
  /** Records which usage a document billed, before a cancel releases it (its call list keeps showing it). */
  rememberCancelledUsage(tenantId: string, documentId: string): Promise<void>;
  usageGroups(tenantId: string, documentId: string): Promise<UsageGroup[]>;
  calls(tenantId: string, documentId: string, page: PageRequest): Promise<Page<CallRow>>;
  destinationDetails(tenantId: string, documentId: string, prefixPattern?: string): Promise<DestinationDetail[]>;

  saveFile(tenantId: string, documentId: string, kind: string, content: Buffer, revision: number): Promise<void>;
  getFile(tenantId: string, documentId: string, kind: string): Promise<{ content: Buffer; revision: number } | null>;
}
