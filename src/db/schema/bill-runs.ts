import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt } from './common.ts';
import { tenants } from './tenancy.ts';
import { billGroups } from './bill-groups.ts';

// One run of a bill group on a bill date: accounts in chunks, counters, and the final close.
export const billRuns = pgTable(
  'bill_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    billGroupId: text('bill_group_id')
      .notNull()
      .references(() => billGroups.id),
    billDate: date('bill_date', { mode: 'string' }).notNull(),
    invoiceCloseType: text('invoice_close_type').notNull(),
    status: text('status').notNull(),
    startedByKind: text('started_by_kind').notNull(),
    startedById: text('started_by_id').notNull(),
    accountsTotal: integer('accounts_total').notNull().default(0),
    accountsBilled: integer('accounts_billed').notNull().default(0),
    accountsFailed: integer('accounts_failed').notNull().default(0),
    accountsSkipped: integer('accounts_skipped').notNull().default(0),
    invoicesOpened: integer('invoices_opened').notNull().default(0),
    invoicesClosed: integer('invoices_closed').notNull().default(0),
    chunksTotal: integer('chunks_total').notNull().default(0),
    chunksDone: integer('chunks_done').notNull().default(0),
    // Set when the group-wide close (after_each_bill_run) has committed.
    closedAll: boolean('closed_all').notNull().default(false),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('bill_runs_tenant_idx').on(t.tenantId, t.id),
    // One running run per group: a second start finds the first by this index.
    uniqueIndex('bill_runs_running_uq')
      .on(t.tenantId, t.billGroupId)
      .where(sql`status = 'in_progress'`),
  ],
);

/** The accounts of a run in fixed chunks; a chunk commits its invoices and its `done` together. */
export const billRunChunks = pgTable(
  'bill_run_chunks',
  {
    runId: text('run_id')
      .notNull()
      .references(() => billRuns.id, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    tenantId: text('tenant_id').notNull(),
    customerIds: text('customer_ids').array().notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.chunk] })],
);

/** Why an account of a run was not billed: a code, a message and the offending records. */
export const billRunErrors = pgTable(
  'bill_run_errors',
  {
    runId: text('run_id')
      .notNull()
      .references(() => billRuns.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.runId, t.customerId] })],
);

/** The invoices a run closed (issued), in the order it closed them. */
export const billRunDocuments = pgTable(
  'bill_run_documents',
  {
    runId: text('run_id')
      .notNull()
      .references(() => billRuns.id, { onDelete: 'cascade' }),
    documentId: text('document_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.documentId] })],
);

/**
 * The open invoice of an account billed in bill cycles: a draft that collects what is billed until
 * it is closed. At most one per account. The windows say what the draft has claimed so far, so
 * that recomputing it (release, snapshot, commit) claims the same things again plus the new ones.
 */
export const openInvoices = pgTable(
  'open_invoices',
  {
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    documentId: text('document_id').notNull(),
    billGroupId: text('bill_group_id').notNull(),
    windowStart: date('window_start', { mode: 'string' }).notNull(),
    usageThrough: date('usage_through', { mode: 'string' }),
    chargesThrough: date('charges_through', { mode: 'string' }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    index('open_invoices_group_idx').on(t.tenantId, t.billGroupId),
  ],
);

/** The last day an account billed in bill cycles was billed through, so runs tile time. */
export const billCycleAccounts = pgTable(
  'bill_cycle_accounts',
  {
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    billedThrough: date('billed_through', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] })],
);

/** A payment shown on an open (then closed) invoice: each payment is presented on one invoice. */
export const presentedPayments = pgTable(
  'presented_payments',
  {
    tenantId: text('tenant_id').notNull(),
    paymentId: text('payment_id').notNull(),
    documentId: text('document_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.paymentId] }),
    index('presented_payments_doc_idx').on(t.tenantId, t.documentId),
  ],
);
