import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, updatedAt } from './common.ts';
import { tenants, customers, legalEntities } from './tenancy.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});
const money = (name: string) => numeric(name, { precision: 20, scale: 6 });

export const numberSequences = pgTable(
  'number_sequences',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    documentType: text('document_type').notNull(),
    prefix: text('prefix').notNull().default(''),
    padding: integer('padding').notNull().default(0),
    increment: integer('increment').notNull().default(1),
    start: integer('start').notNull().default(1),
    reset: text('reset').notNull().default('never'),
    pattern: text('pattern'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('number_sequences_tenant_idx').on(t.tenantId)],
);

// One counter row per sequence and reset period; numbers are taken from it under a row lock.
export const numberCounters = pgTable(
  'number_counters',
  {
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => numberSequences.id),
    resetKey: text('reset_key').notNull(),
    lastValue: bigint('last_value', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('number_counters_pk').on(t.sequenceId, t.resetKey)],
);

export const fixedCosts = pgTable(
  'fixed_costs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    description: text('description'),
    cost: money('cost').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('fixed_costs_tenant_idx').on(t.tenantId)],
);

export const templates = pgTable(
  'templates',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    documentType: text('document_type').notNull(),
    locale: text('locale').notNull(),
    format: text('format').notNull().default('html'),
    source: text('source').notNull(),
    builtinKey: text('builtin_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('templates_tenant_idx').on(t.tenantId)],
);

export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    type: text('type').notNull(),
    status: text('status').notNull(),
    paymentStatus: text('payment_status'),
    number: text('number'),
    numberSequenceId: text('number_sequence_id').references(() => numberSequences.id),
    customNumber: text('custom_number'),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    legalEntityId: text('legal_entity_id').references(() => legalEntities.id),
    templateId: text('template_id'),
    currency: text('currency').notNull(),
    exchangeRate: numeric('exchange_rate', { precision: 20, scale: 10 }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    timezone: text('timezone').notNull(),
    customerTimezone: text('customer_timezone').notNull(),
    issueDate: date('issue_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    taxRate: numeric('tax_rate', { precision: 9, scale: 4 }).notNull(),
    callDiscountPercent: numeric('call_discount_percent', { precision: 9, scale: 4 }).notNull(),
    sender: jsonb('sender'),
    recipient: jsonb('recipient'),
    totalUsage: money('total_usage'),
    totalDiscount: money('total_discount'),
    totalFixedCosts: money('total_fixed_costs'),
    totalCharges: money('total_charges'),
    totalNet: money('total_net'),
    totalTax: money('total_tax'),
    total: money('total'),
    paid: money('paid').notNull().default('0'),
    renderStatus: text('render_status'),
    renderError: text('render_error'),
    // Rendered on the first download (status 'on_view' until then) instead of by a render job.
    renderOnView: boolean('render_on_view').notNull().default(false),
    // Set when included usage changed under a draft (e.g. re-rating): generate again before issuing.
    needsRegeneration: boolean('needs_regeneration').notNull().default(false),
    // Bumped by every change that blanks the render, so a stale render job can tell it is stale.
    revision: integer('revision').notNull().default(0),
    // The generation session that made the document; null for one made alone.
    sessionId: text('generation_session_id'),
    // The invoicing scheme the document was made with (most specific wins), for the record.
    invoicingSchemeId: text('invoicing_scheme_id'),
    // The issued invoice an act or a VAT invoice restates (same period, same charges).
    accompaniesDocumentId: text('accompanies_document_id'),
    // A proforma converted into an invoice points to it, and the invoice back to the proforma.
    convertedToDocumentId: text('converted_to_document_id'),
    convertedFromDocumentId: text('converted_from_document_id'),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('documents_number_uq')
      .on(t.tenantId, t.type, t.number)
      .where(sql`number is not null`),
    index('documents_customer_idx').on(t.tenantId, t.customerId, t.type, t.periodStart),
    index('documents_tenant_idx').on(t.tenantId, t.id),
    index('documents_session_idx')
      .on(t.tenantId, t.sessionId)
      .where(sql`generation_session_id is not null`),
  ],
);

export const documentLines = pgTable(
  'document_lines',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    destination: text('destination'),
    prefix: text('prefix'),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    unit: text('unit').notNull(),
    durationSeconds: bigint('duration_seconds', { mode: 'number' }),
    unitPrice: money('unit_price'),
    net: money('net').notNull(),
    taxRate: numeric('tax_rate', { precision: 9, scale: 4 }).notNull(),
    tax: money('tax').notNull(),
    gross: money('gross').notNull(),
    fixedCostId: text('fixed_cost_id'),
    chargeId: text('charge_id'),
    servicePeriodStart: date('service_period_start', { mode: 'string' }),
    servicePeriodEnd: date('service_period_end', { mode: 'string' }),
    // What the line bills (usage of a destination, a fixed-cost line, a charge): keeps its id and an
    // edited description across regenerations of a draft.
    lineKey: text('line_key').notNull().default(''),
    descriptionEdited: boolean('description_edited').notNull().default(false),
  },
  (t) => [index('document_lines_document_idx').on(t.documentId, t.position)],
);

export const documentFixedCosts = pgTable(
  'document_fixed_costs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    fixedCostId: text('fixed_cost_id')
      .notNull()
      .references(() => fixedCosts.id),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('document_fixed_costs_document_idx').on(t.documentId)],
);

export const documentFiles = pgTable(
  'document_files',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    tenantId: text('tenant_id').notNull(),
    content: bytea('content').notNull(),
    revision: integer('revision').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('document_files_pk').on(t.documentId, t.kind)],
);

// What a cancelled document had billed: its calls are released for re-billing, but the record of
// which calls it carried stays, so its call list and PDF still show them.
export const cancelledDocumentUsage = pgTable(
  'cancelled_document_usage',
  {
    tenantId: text('tenant_id').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    usageRecordId: text('usage_record_id').notNull(),
  },
  (t) => [uniqueIndex('cancelled_document_usage_pk').on(t.documentId, t.usageRecordId)],
);

// What a document's usage is, without a write per record (ADR 0016): the customer's billable, rated
// records of [from_at, to_at) with seq ≤ max_seq that carry no per-record document_id. A document has
// at most one; the claims of one customer never overlap (an overlapping one is materialized first).
export const usageClaims = pgTable(
  'usage_claims',
  {
    tenantId: text('tenant_id').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    fromAt: timestamp('from_at', { withTimezone: true, mode: 'string' }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true, mode: 'string' }).notNull(),
    maxSeq: bigint('max_seq', { mode: 'number' }).notNull(),
    records: integer('records').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // document_id first: deleting a document checks its claims by document_id alone (migration 0027).
    uniqueIndex('usage_claims_document_uq').on(t.documentId, t.tenantId),
    index('usage_claims_customer_idx').on(t.tenantId, t.customerId, t.fromAt),
  ],
);
