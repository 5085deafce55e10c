import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';
import { documents } from './documents.ts';

const day = (name: string) => date(name, { mode: 'string' });
// Quantities and unit prices keep 6 decimals like rated prices; charge amounts keep 12 so that a
// prorated amount stays exact enough to be rounded once, later, on the document line.
const quantity = (name: string) => numeric(name, { precision: 20, scale: 6 });
const amount = (name: string) => numeric(name, { precision: 32, scale: 12 });

// A customer's subscription to a product under one of its contracts.
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: text('customer_id').notNull(),
    contractId: text('contract_id').notNull(),
    productId: text('product_id').notNull(),
    quantity: quantity('quantity').notNull(),
    unitPrice: quantity('unit_price'),
    startDate: day('start_date').notNull(),
    endDate: day('end_date'),
    billing: text('billing').notNull(),
    invoicingSchemeId: text('invoicing_scheme_id'),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('subscriptions_tenant_idx').on(t.tenantId, t.id),
    index('subscriptions_customer_idx').on(t.tenantId, t.customerId),
    index('subscriptions_contract_idx').on(t.tenantId, t.contractId, t.productId),
  ],
);

// Days a subscription is not billed for; an open suspension (to_date null) runs until resumed.
export const subscriptionSuspensions = pgTable(
  'subscription_suspensions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    fromDate: day('from_date').notNull(),
    toDate: day('to_date'),
    createdAt: createdAt(),
  },
  (t) => [index('subscription_suspensions_sub_idx').on(t.tenantId, t.subscriptionId, t.fromDate)],
);

// The charge log: scheduled charges produced from subscriptions and unscheduled ones added by hand.
export const charges = pgTable(
  'charges',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: text('customer_id').notNull(),
    contractId: text('contract_id').notNull(),
    subscriptionId: text('subscription_id'),
    productId: text('product_id'),
    kind: text('kind').notNull(),
    productKind: text('product_kind').notNull(),
    description: text('description').notNull(),
    quantity: quantity('quantity').notNull(),
    unitPrice: quantity('unit_price'),
    amount: amount('amount').notNull(),
    currency: text('currency').notNull(),
    taxRate: numeric('tax_rate', { precision: 9, scale: 4 }),
    servicePeriodStart: day('service_period_start'),
    servicePeriodEnd: day('service_period_end'),
    date: day('date'),
    billingDate: day('billing_date').notNull(),
    fullAmount: amount('full_amount'),
    activeDays: integer('active_days'),
    periodDays: integer('period_days'),
    documentId: text('document_id').references(() => documents.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('charges_tenant_idx').on(t.tenantId, t.id),
    index('charges_customer_idx').on(t.tenantId, t.customerId, t.billingDate),
    // document_id first: deleting a document checks its charges by document_id alone (migration 0027).
    index('charges_document_idx').on(t.documentId, t.tenantId),
    // A subscription's product period is charged once, however often charges are produced.
    uniqueIndex('charges_scheduled_uq')
      .on(t.tenantId, t.subscriptionId, t.servicePeriodStart)
      .where(sql`${t.kind} = 'scheduled'`),
  ],
);
