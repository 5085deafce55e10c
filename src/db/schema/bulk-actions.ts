import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './common.ts';
import { tenants } from './tenancy.ts';

/** One bulk action (issue, cancel, delete, recalculate) over a selection of documents, run as a job. */
export const bulkActions = pgTable(
  'bulk_actions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    action: text('action').notNull(),
    status: text('status').notNull(),
    /** Set when the selection is a generation session's documents. */
    generationSessionId: text('generation_session_id'),
    issueOrder: text('issue_order').notNull().default('customer_name'),
    /** Cancel: the reason recorded on each document's audit event. */
    reason: text('reason'),
    startedBy: jsonb('started_by').notNull(),
    total: integer('total').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('bulk_actions_tenant_idx').on(t.tenantId, t.id)],
);

/**
 * One document of a bulk action, in the order the action treats them (for issue: the issue order,
 * so numbers follow it). The outcome is written in the transaction that acts on the document, so a
 * crash leaves every document either done with its outcome recorded or untouched and pending.
 */
export const bulkActionItems = pgTable(
  'bulk_action_items',
  {
    bulkActionId: text('bulk_action_id')
      .notNull()
      .references(() => bulkActions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    documentId: text('document_id').notNull(),
    outcome: text('outcome').notNull().default('pending'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.bulkActionId, t.position] })],
);

/** A schedule's firing that has run, so that running the scheduler again for an instant repeats nothing. */
export const generationScheduleRuns = pgTable(
  'generation_schedule_runs',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    documentType: text('document_type').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'string' }).notNull(),
    sessionIds: jsonb('session_ids').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.documentType, t.firedAt] })],
);
