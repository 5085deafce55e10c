import type { Page, PageRequest } from './audit.ts';
import type { InvoiceCloseType, RunSortOrder } from '../../core/bill-groups/terms.ts';
import type { SessionError, StartedBy } from './generation-sessions.ts';

export type BillRunStatus = 'in_progress' | 'completed' | 'completed_with_errors';

export interface BillRunCounts {
  accountsTotal: number;
  /** Accounts that passed through billing (whether or not anything cost money). */
  accountsBilled: number;
  accountsFailed: number;
  /** Accounts the run had nothing to do for (not in their bill cycle, nothing to bill). */
  accountsSkipped: number;
  invoicesOpened: number;
  invoicesClosed: number;
}

export interface BillRunRecord {
  id: string;
  tenantId: string;
  billGroupId: string;
  billDate: string;
  invoiceCloseType: InvoiceCloseType;
  status: BillRunStatus;
  startedBy: StartedBy;
  counts: BillRunCounts;
  chunksTotal: number;
  chunksDone: number;
  closedAll: boolean;
  createdAt: string;
  startedAt: string;
  finishedAt: string | null;
}

/** What a chunk of a run adds to its counters when it commits. */
export interface BillRunChunkOutcome {
  billed: number;
  failed: number;
  skipped: number;
  opened: number;
  closed: number;
}

export interface BillRunFilter {
  billGroupId?: string | undefined;
  status?: BillRunStatus | undefined;
}

/** Bill runs: the run, its account chunks, its per-account errors and the invoices it closed. */
export interface BillRunsRepo {
  /** Inserts a running run; null when a run of the group is running already. */
  insert(
    run: Omit<BillRunRecord, 'counts' | 'chunksTotal' | 'chunksDone' | 'closedAll' | 'createdAt' | 'finishedAt'>,
  ): Promise<BillRunRecord | null>;
  runningId(tenantId: string, billGroupId: string): Promise<string | null>;
  /** Whether a run of the group for this bill date exists (running or finished). */
  existsFor(tenantId: string, billGroupId: string, billDate: string): Promise<boolean>;
  get(tenantId: string, id: string): Promise<BillRunRecord | null>;
  list(tenantId: string, filter: BillRunFilter, page: PageRequest): Promise<Page<BillRunRecord>>;
  /** The group's accounts activated before the bill date, in the run's sort order. */
  accountsOf(tenantId: string, billGroupId: string, sortOrder: RunSortOrder, billDate: string): Promise<string[]>;
  addChunks(tenantId: string, runId: string, chunks: string[][]): Promise<void>;
  /** A chunk not finished yet, locked for this transaction; null when finished, gone or taken. */
  claimChunk(tenantId: string, runId: string, chunk: number): Promise<string[] | null>;
  finishChunk(tenantId: string, runId: string, chunk: number, outcome: BillRunChunkOutcome): Promise<BillRunRecord>;
  /** Locks the run row for this transaction (the group-wide close runs once). */
  lock(tenantId: string, id: string): Promise<BillRunRecord | null>;
  markClosedAll(tenantId: string, id: string, closed: number): Promise<void>;
  finish(tenantId: string, id: string, status: BillRunStatus): Promise<BillRunRecord>;
  addErrors(tenantId: string, runId: string, errors: readonly SessionError[]): Promise<void>;
  errors(tenantId: string, runId: string): Promise<SessionError[]>;
  addClosedDocuments(tenantId: string, runId: string, documentIds: readonly string[]): Promise<void>;
  closedDocumentIds(tenantId: string, runId: string): Promise<string[]>;
  /** The day each account was last billed through (absent: never billed in bill cycles). */
  billedThroughOf(tenantId: string, customerIds: readonly string[]): Promise<Map<string, string>>;
  setBilledThrough(tenantId: string, rows: ReadonlyArray<{ customerId: string; billedThrough: string }>): Promise<void>;
  /** Whether a run of the group is running and covers the customer (moving it would break the run). */
  runningFor(tenantId: string, customerId: string): Promise<string | null>;
  /** Every tenant's bill groups with their bill day, for the scheduler (the one cross-tenant read). */
  scheduledGroups(): Promise<Array<{ tenantId: string; billGroupId: string; billDay: number }>>;
}

/** An account's open invoice: the draft and what it has claimed so far. */
export interface OpenInvoice {
  tenantId: string;
  customerId: string;
  documentId: string;
  billGroupId: string;
  /** The earliest day of anything the draft claims. */
  windowStart: string;
  /** The last day of usage claimed; null while it holds no usage. */
  usageThrough: string | null;
  /** The last billing day of the charges claimed. */
  chargesThrough: string;
  openedAt: string;
}

export interface OpenInvoicesRepo {
  of(tenantId: string, customerIds: readonly string[]): Promise<Map<string, OpenInvoice>>;
  ofGroup(tenantId: string, billGroupId: string): Promise<OpenInvoice[]>;
  /** Inserts or replaces (windows widened by the caller) the open invoices. */
  put(rows: readonly OpenInvoice[]): Promise<void>;
  /** Forgets the open invoices of these documents: they are closed. */
  remove(tenantId: string, documentIds: readonly string[]): Promise<void>;
  /** Presents the customers' payments received before `receivedBefore` and not yet on an invoice. */
  presentPayments(
    tenantId: string,
    rows: ReadonlyArray<{ customerId: string; documentId: string }>,
    receivedBefore: string,
  ): Promise<number>;
  /** The payments presented on a document, oldest first. */
  presentedOn(
    tenantId: string,
    documentId: string,
  ): Promise<Array<{ paymentId: string; amount: string; currency: string; receivedAt: string }>>;
}
