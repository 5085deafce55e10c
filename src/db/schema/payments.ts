import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';

const money = (name: string) => numeric(name, { precision: 20, scale: 6 });

// A payment as received. Its amount never changes: a mistake is corrected by a reversal row.
// The customer is null while the payment is unmatched (a bank row naming nobody we know).
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: text('customer_id'),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
    method: text('method').notNull(),
    payer: text('payer'),
    reference: text('reference'),
    // Idempotency: one payment per tenant, source and external id (a bank reference).
    source: text('source').notNull(),
    externalId: text('external_id'),
    importId: text('import_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_external_uq')
      .on(t.tenantId, t.source, t.externalId)
      .where(sql`external_id is not null`),
    index('payments_customer_idx').on(t.tenantId, t.customerId, t.receivedAt),
    index('payments_tenant_idx').on(t.tenantId, t.id),
  ],
);

// At most one reversal per payment; it undoes the payment's allocations in the same transaction.
export const paymentReversals = pgTable(
  'payment_reversals',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    reason: text('reason'),
    reversedAt: timestamp('reversed_at', { withTimezone: true, mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('payment_reversals_payment_uq').on(t.paymentId)],
);

// The allocation ledger: a binding is a positive row, an unbinding a negative row pointing at the
// binding it undoes. `amount` is in the document's currency, `paymentAmount` in the payment's.
export const allocations = pgTable(
  'allocations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    documentId: text('document_id').notNull(),
    amount: money('amount').notNull(),
    paymentAmount: money('payment_amount').notNull(),
    rate: numeric('rate', { precision: 30, scale: 12 }),
    kind: text('kind').notNull(),
    reversesId: text('reverses_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('allocations_payment_idx').on(t.tenantId, t.paymentId),
    index('allocations_document_idx').on(t.tenantId, t.documentId),
    index('allocations_customer_idx').on(t.tenantId, t.customerId, t.at),
    uniqueIndex('allocations_reverses_uq')
      .on(t.reversesId)
      .where(sql`reverses_id is not null`),
  ],
);

// Named, ordered rule sets for automatic allocation; one default per tenant.
export const allocationConfigurations = pgTable(
  'allocation_configurations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    criteria: jsonb('criteria').$type<string[]>().notNull(),
    allowPartial: boolean('allow_partial').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('allocation_configurations_tenant_idx').on(t.tenantId, t.id),
    uniqueIndex('allocation_configurations_default_uq')
      .on(t.tenantId)
      .where(sql`${t.isDefault}`),
  ],
);

// Exchange-rate history: units of `currency` per one unit of the tenant's base currency.
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 30, scale: 12 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('exchange_rates_uq').on(t.tenantId, t.currency, t.validFrom)],
);
