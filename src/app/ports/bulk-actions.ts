import type { Actor } from '../context.ts';
import type { Page, PageRequest } from './audit.ts';
import type { DocumentStatus } from './documents.ts';
import type { BulkAction, BulkActionStatus, BulkItemOutcome } from '../../core/sessions/bulk-actions.ts';
import type { IssueOrderKey } from '../../core/sessions/issue-order.ts';

export interface BulkActionRecord {
  id: string;
  tenantId: string;
  action: BulkAction;
  status: BulkActionStatus;
  generationSessionId: string | null;
  issueOrder: IssueOrderKey;
  reason: string | null;
  startedBy: Actor;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export interface BulkActionItem {
  position: number;
  documentId: string;
  outcome: BulkItemOutcome;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface BulkActionCounts {
  done: number;
  failed: number;
  pending: number;
}

/** A document of the tenant as a bulk action sees it: enough to order and to check it. */
export interface BulkCandidate {
  id: string;
  status: DocumentStatus;
  customerName: string;
  accountCode: string | null;
  periodStart: string;
}

/** Bulk actions and their per-document items. */
export interface BulkActionsRepo {
  insert(
    action: Omit<BulkActionRecord, 'startedAt' | 'finishedAt' | 'createdAt'>,
    documentIds: string[],
  ): Promise<BulkActionRecord>;
  get(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<BulkActionRecord | null>;
  list(tenantId: string, page: PageRequest): Promise<Page<BulkActionRecord>>;
  update(
    tenantId: string,
    id: string,
    patch: Partial<Pick<BulkActionRecord, 'status' | 'startedAt' | 'finishedAt'>>,
  ): Promise<void>;
  counts(id: string): Promise<BulkActionCounts>;
  /** Items in position order; `outcome` filters (e.g. the failed ones for the error list). */
  items(id: string, options?: { outcome?: BulkItemOutcome; limit?: number }): Promise<BulkActionItem[]>;
  /** Records one document's outcome; false when it was recorded already (a repeated run). */
  finishItem(
    id: string,
    position: number,
    outcome: Exclude<BulkItemOutcome, 'pending'>,
    error?: { code: string; message: string },
  ): Promise<boolean>;
  /**
   * Records the outcomes of many documents in one statement; answers how many were still pending
   * (fewer than given: another run recorded some first).
   */
  finishItems(
    id: string,
    entries: ReadonlyArray<{
      position: number;
      outcome: Exclude<BulkItemOutcome, 'pending'>;
      error?: { code: string; message: string } | undefined;
    }>,
  ): Promise<number>;
  /** The tenant's documents among `ids` (others are simply absent), with what ordering needs. */
  candidates(tenantId: string, ids: string[]): Promise<BulkCandidate[]>;
}
