import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

// A tenant's outgoing mail server. The password is AES-256-GCM ciphertext (see src/delivery/secret-box.ts).
export const smtpSettings = pgTable('smtp_settings', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  tls: text('tls').notNull(),
  user: text('user_name'),
  passwordCiphertext: text('password_ciphertext'),
  fromAddress: text('from_address').notNull(),
  fromName: text('from_name'),
  replyTo: text('reply_to'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// One request to email one document, and its log. The queue is this table: workers claim due rows.
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    documentId: text('document_id').notNull(),
    channel: text('channel').notNull().default('email'),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    messageId: text('message_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    dueAt: at('due_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedAt: at('claimed_at'),
    sentAt: at('sent_at'),
    failedAt: at('failed_at'),
    smtpResponse: text('smtp_response'),
    error: jsonb('error').$type<Record<string, unknown>>(),
    events: jsonb('events').$type<Array<Record<string, unknown>>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deliveries_document_idx').on(t.tenantId, t.documentId, t.id),
    uniqueIndex('deliveries_message_id_uq').on(t.messageId),
    index('deliveries_due_idx')
      .on(t.status, t.dueAt)
      .where(sql`status in ('queued', 'sending')`),
  ],
);

// A message to the operator's staff about long work (a bill run started or ended). Kept so the
// run shows whether its notices left, and so a restarted job sends each one once.
export const operatorNotices = pgTable(
  'operator_notices',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    event: text('event').notNull(),
    status: text('status').notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    messageId: text('message_id').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sentAt: at('sent_at'),
    smtpResponse: text('smtp_response'),
    error: jsonb('error').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('operator_notices_subject_event_uq').on(t.tenantId, t.subjectId, t.event)],
);
