import type { Page, PageRequest } from './audit.ts';
import type { DocumentType } from './documents.ts';
import type { BillingPeriodKind } from '../../core/time/periods.ts';

export type SessionStatus = 'in_progress' | 'completed' | 'completed_with_errors' | 'cancelled';

/** Which customers a session bills; absent keys do not narrow. */
export interface SessionScope {
  customerIds?: string[] | undefined;
  schemeId?: string | undefined;
  billingPeriod?: BillingPeriodKind | undefined;
}

export interface StartedBy {
  kind: 'api_key' | 'user' | 'schedule';
  id: string;
}

export interface SessionCounts {
  customersTotal: number;
  customersDone: number;
  customersFailed: number;
  /** Customers that already had a document of the period, or nothing to bill. */
  customersSkipped: number;
  documentsCreated: number;
}

export interface GenerationSessionRecord {
  id: string;
  tenantId: string;
  documentType: DocumentType;
  periodStart: string;
  periodEnd: string;
  scope: SessionScope;
  scopeKey: string;
  status: SessionStatus;
  startedBy: StartedBy;
  counts: SessionCounts;
  chunksTotal: number;
  chunksDone: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SessionError {
  customerId: string;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface SessionFilter {
  status?: SessionStatus | undefined;
  documentType?: DocumentType | undefined;
  /** Sessions whose period lies inside [periodStart, periodEnd]. */
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
}

/** What a chunk of a session adds to its counters when it commits. */
export interface ChunkOutcome {
  done: number;
  failed: number;
  skipped: number;
  documents: number;
}

/** The contract level schemes of a customer's only active contract, for scheme resolution in bulk. */
export interface ContractSchemes {
  contractScheme: string | null;
  basicContractScheme: string | null;
}

/** Generation sessions: the run, its customer chunks, its per-customer errors. */
export interface GenerationSessionsRepo {
  /** Inserts a running session; null when one of the same type, scope and period is running. */
  insert(
    session: Omit<GenerationSessionRecord, 'counts' | 'chunksTotal' | 'chunksDone' | 'createdAt' | 'finishedAt'>,
  ): Promise<GenerationSessionRecord | null>;
  runningId(tenantId: string, type: DocumentType, scopeKey: string, start: string, end: string): Promise<string | null>;
  get(tenantId: string, id: string): Promise<GenerationSessionRecord | null>;
  list(tenantId: string, filter: SessionFilter, page: PageRequest): Promise<Page<GenerationSessionRecord>>;
  /** The customers in scope that may be billed for a period ending on `periodEnd` (activated by then), by id. */
  customersInScope(tenantId: string, scope: SessionScope, periodEnd: string): Promise<string[]>;
  /** Stores the chunks and the session's totals. */
  addChunks(tenantId: string, sessionId: string, chunks: string[][]): Promise<void>;
  /** A chunk not finished yet, locked for this transaction; null when finished, gone or taken. */
  claimChunk(tenantId: string, sessionId: string, chunk: number): Promise<string[] | null>;
  /** Marks a chunk finished and adds its outcome to the session; returns the session after. */
  finishChunk(
    tenantId: string,
    sessionId: string,
    chunk: number,
    outcome: ChunkOutcome,
  ): Promise<GenerationSessionRecord>;
  finish(tenantId: string, sessionId: string, status: SessionStatus): Promise<GenerationSessionRecord>;
  addErrors(tenantId: string, sessionId: string, errors: readonly SessionError[]): Promise<void>;
  errors(tenantId: string, sessionId: string): Promise<SessionError[]>;
  documentIds(tenantId: string, sessionId: string): Promise<string[]>;
  /** The schemes on each customer's only active customer contract and its basic contract. */
  contractSchemesOf(tenantId: string, customerIds: readonly string[]): Promise<Map<string, ContractSchemes>>;
}
