import type { DocumentStatus } from '../documents/lifecycle.ts';

/** What a bulk action does to each document of its selection. */
export const BULK_ACTIONS = ['issue', 'cancel', 'delete', 'recalculate'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_ACTION_STATUSES = ['queued', 'running', 'completed', 'completed_with_errors'] as const;
export type BulkActionStatus = (typeof BULK_ACTION_STATUSES)[number];

/** The outcome of one document of a bulk action. */
export type BulkItemOutcome = 'pending' | 'done' | 'failed';

/**
 * A bulk action is safe to repeat: a document that is already where the action leads counts as
 * done and is left alone (an issued document keeps its number, a cancelled one stays cancelled).
 * Delete and recalculate have no such state to recognise: a deleted draft is gone (the caller
 * looks in the audit trail), and recalculating a draft again is harmless.
 */
export function alreadyDone(action: BulkAction, status: DocumentStatus): boolean {
  return (action === 'issue' && status === 'issued') || (action === 'cancel' && status === 'cancelled');
}

/** A finished bulk action reports whether every document made it. */
export function finishedStatus(failed: number): BulkActionStatus {
  return failed > 0 ? 'completed_with_errors' : 'completed';
}
