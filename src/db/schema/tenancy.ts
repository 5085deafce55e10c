import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Address } from '../../app/ports/customers.ts';
import type { BankView } from '../../core/documents/view.ts';
import { createdAt, updatedAt } from './common.ts';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  currency: text('currency').notNull(),
  locale: text('locale').notNull().default('en'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    role: text('role').notNull(),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_tenant_idx').on(t.tenantId)],
);

export const legalEntities = pgTable(
  'legal_entities',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    taxId: text('tax_id'),
    kpp: text('kpp'),
    address: jsonb('address').$type<Address>(),
    bank: jsonb('bank').$type<BankView>(),
    email: text('email'),
    phone: text('phone'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('legal_entities_tenant_idx').on(t.tenantId)],
);

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    taxId: text('tax_id'),
    kpp: text('kpp'),
    email: text('email'),
    billingEmails: jsonb('billing_emails').$type<string[]>().notNull().default([]),
    phone: text('phone'),
    timezone: text('timezone').notNull(),
    currency: text('currency').notNull(),
    language: text('language').notNull().default('en'),
    billingPeriod: text('billing_period').notNull().default('monthly'),
    status: text('status').notNull().default('active'),
    address: jsonb('address').$type<Address>(),
    bank: jsonb('bank').$type<BankView>(),
    accountCode: text('account_code'),
    invoicingSchemeId: text('invoicing_scheme_id'),
    // Set: billed in the bill group's cycles onto open invoices; null: calendar billing periods.
    billGroupId: text('bill_group_id'),
    // The first day the customer is billed for; set to the day it was created in the tenant zone.
    activationDate: text('activation_date'),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('customers_tenant_idx').on(t.tenantId, t.id)],
);

// Account codes and caller numbers (DIDs) that switches use to name a customer, with validity.
export const customerIdentifiers = pgTable(
  'customer_identifiers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    createdAt: createdAt(),
  },
  (t) => [index('customer_identifiers_lookup_idx').on(t.tenantId, t.kind, t.value)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_events_object_idx').on(t.tenantId, t.objectId, t.id)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: text('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_keys_pk').on(t.tenantId, t.key)],
);
