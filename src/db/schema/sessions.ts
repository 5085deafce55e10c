import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './common.ts';
import { tenants } from './tenancy.ts';

export const generationSessions = pgTable(
  'generation_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    documentType: text('document_type').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    // The scope as asked ({customerIds?, schemeId?, billingPeriod?}) and its canonical text, which
    // with type and period says which sessions may not run at the same time.
    scope: jsonb('scope').notNull(),
    scopeKey: text('scope_key').notNull(),
    status: text('status').notNull(),
    startedByKind: text('started_by_kind').notNull(),
    startedById: text('started_by_id').notNull(),
    customersTotal: integer('customers_total').notNull().default(0),
    customersDone: integer('customers_done').notNull().default(0),
    customersFailed: integer('customers_failed').notNull().default(0),
    customersSkipped: integer('customers_skipped').notNull().default(0),
    documentsCreated: integer('documents_created').notNull().default(0),
    chunksTotal: integer('chunks_total').notNull().default(0),
    chunksDone: integer('chunks_done').notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('generation_sessions_tenant_idx').on(t.tenantId, t.id),
    // One running session per scope and period: a second start finds the first by this index.
    uniqueIndex('generation_sessions_running_uq')
      .on(t.tenantId, t.documentType, t.scopeKey, t.periodStart, t.periodEnd)
      .where(sql`status = 'in_progress'`),
  ],
);

/** The customers of a session in fixed chunks; a chunk commits its documents and its `done` together. */
export const generationSessionChunks = pgTable(
  'generation_session_chunks',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => generationSessions.id, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    tenantId: text('tenant_id').notNull(),
    customerIds: text('customer_ids').array().notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.chunk] })],
);

/** Why a customer of a session got no document: a code, a message and the offending records. */
export const generationSessionErrors = pgTable(
  'generation_session_errors',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => generationSessions.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.customerId] })],
);
