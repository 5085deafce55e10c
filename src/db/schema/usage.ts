import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './common.ts';
import { tenants, customers } from './tenancy.ts';

export const destinations = pgTable(
  'destinations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    prefix: text('prefix').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('destinations_prefix_uq').on(t.tenantId, t.prefix)],
);

export const ratePlans = pgTable(
  'rate_plans',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('rate_plans_tenant_idx').on(t.tenantId)],
);

export const rates = pgTable(
  'rates',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ratePlanId: text('rate_plan_id')
      .notNull()
      .references(() => ratePlans.id, { onDelete: 'cascade' }),
    prefix: text('prefix').notNull(),
    pricePerMinute: numeric('price_per_minute', { precision: 18, scale: 6 }).notNull(),
    connectionFee: numeric('connection_fee', { precision: 18, scale: 6 }).notNull().default('0'),
    minimumSeconds: integer('minimum_seconds').notNull().default(0),
    incrementSeconds: integer('increment_seconds').notNull().default(1),
  },
  (t) => [uniqueIndex('rates_plan_prefix_uq').on(t.ratePlanId, t.prefix)],
);

export const ratePlanAssignments = pgTable(
  'rate_plan_assignments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    ratePlanId: text('rate_plan_id')
      .notNull()
      .references(() => ratePlans.id),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    createdAt: createdAt(),
  },
  (t) => [index('rate_plan_assignments_customer_idx').on(t.tenantId, t.customerId)],
);

export const usageImports = pgTable(
  'usage_imports',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    source: text('source').notNull(),
    format: text('format').notNull(),
    fileName: text('file_name'),
    status: text('status').notNull(),
    mapping: jsonb('mapping'),
    options: jsonb('options'),
    content: text('content'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    // Accepted records per class, and rows that a classification rule ignored (per reason).
    outboundExternal: integer('outbound_external').notNull().default(0),
    outboundInternal: integer('outbound_internal').notNull().default(0),
    inbound: integer('inbound').notNull().default(0),
    ignored: integer('ignored').notNull().default(0),
    ignoredReasons: jsonb('ignored_reasons'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('usage_imports_tenant_idx').on(t.tenantId, t.id)],
);

export const usageRecords = pgTable(
  'usage_records',
  {
    // Opaque, time-ordered ids made by the application (app/ids.ts), never a counter shared by
    // all tenants: an id must not tell a tenant how much the others ingest.
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    customerId: text('customer_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    direction: text('direction').notNull(),
    external: boolean('external').notNull(),
    caller: text('caller').notNull(),
    callee: text('callee').notNull(),
    price: numeric('price', { precision: 18, scale: 6 }),
    currency: text('currency'),
    rated: boolean('rated').notNull().default(false),
    preRated: boolean('pre_rated').notNull().default(false),
    unratedReason: text('unrated_reason'),
    destinationPrefix: text('destination_prefix'),
    destinationName: text('destination_name'),
    ratePlanId: text('rate_plan_id'),
    billableSeconds: integer('billable_seconds'),
    // How direction and external were decided: 'record' (the record said), 'rule' or 'default'.
    classifiedBy: text('classified_by'),
    // The row's fields classification rules read, kept so that a rule change can reclassify.
    cdrFields: jsonb('cdr_fields'),
    // Per-record claim: set only where a document's range claim was materialized (ADR 0016); a
    // document normally bills its usage through a row of usage_claims.
    documentId: text('document_id'),
    importId: text('import_id'),
    // Order of insertion across the database, taken under the tenant's ingestion gate (ADR 0016): a range
    // claim covers the records of its range up to the value read when it was made, never later ones.
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('usage_records_external_uq').on(t.tenantId, t.source, t.externalId),
    // Migration 0026 adds INCLUDE (seq, direction, external, rated, document_id, rate_plan_id,
    // destination_prefix, destination_name, duration_seconds, price), which drizzle cannot express:
    // a session chunk's usage aggregate then reads its customers' calls from the index alone.
    index('usage_records_customer_time_idx').on(t.tenantId, t.customerId, t.startedAt),
    // The lists' order (started_at, id) across all of a tenant's customers: without it every page of
    // GET /usage-records and of the usage export sorted the tenant's whole usage again.
    index('usage_records_tenant_time_idx').on(t.tenantId, t.startedAt, t.id),
    // The consistency gate asks every chunk of a session whether its customers have unrated usage;
    // nearly every record is rated, so indexing only the others answers without reading the chunk's
    // usage (it was about as costly as the session's usage aggregate itself).
    index('usage_records_unrated_idx')
      .on(t.tenantId, t.customerId, t.startedAt)
      .where(sql`not rated`),
    // Most records are not on a document yet: indexing only the attached ones keeps ingestion cheap.
    index('usage_records_document_idx')
      .on(t.documentId)
      .where(sql`document_id is not null`),
  ],
);

// Rows that could not be accepted; kept whole so that they can be re-imported once fixed.
export const usageRejections = pgTable(
  'usage_rejections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    importId: text('import_id'),
    source: text('source'),
    line: integer('line'),
    raw: jsonb('raw').notNull(),
    code: text('code').notNull(),
    detail: text('detail').notNull(),
    errors: jsonb('errors'),
    status: text('status').notNull().default('open'),
    // Hash of source and raw row: re-sending a bad row does not open a second rejection for it.
    rawHash: text('raw_hash'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('usage_rejections_tenant_idx').on(t.tenantId, t.status, t.id),
    index('usage_rejections_import_idx').on(t.importId, t.id),
    uniqueIndex('usage_rejections_open_uq')
      .on(t.tenantId, t.rawHash)
      .where(sql`status = 'open'`),
  ],
);

// "All records of this source up to watermark have been delivered": the invoicing consistency gate.
export const sourceWatermarks = pgTable(
  'source_watermarks',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    source: text('source').notNull(),
    watermark: timestamp('watermark', { withTimezone: true, mode: 'string' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('source_watermarks_pk').on(t.tenantId, t.source)],
);

// Per source: the format its rows come in and the ordered rules that classify them.
export const usageSourceSettings = pgTable(
  'usage_source_settings',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    source: text('source').notNull(),
    format: text('format').notNull(),
    internalMaxDigits: integer('internal_max_digits').notNull(),
    rules: jsonb('rules').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('usage_source_settings_pk').on(t.tenantId, t.source)],
);
