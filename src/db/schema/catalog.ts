import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PriceModel } from '../../core/catalog/index.ts';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';

const rate = (name: string) => numeric(name, { precision: 9, scale: 4 });

// A catalog item. The price model is stored as the core shape, so pricing reads it unchanged.
export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull().default({}),
    unit: text('unit').notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').notNull(),
    period: text('period'),
    taxRate: rate('tax_rate'),
    allocationPriority: integer('allocation_priority').notNull().default(0),
    priceModel: jsonb('price_model').$type<PriceModel>().notNull(),
    allowOverlap: boolean('allow_overlap').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('products_code_uq').on(t.tenantId, t.code), index('products_tenant_idx').on(t.tenantId, t.id)],
);

// How documents are made for whoever the scheme applies to: sender, numbering, terms, tax, templates.
export const invoicingSchemes = pgTable(
  'invoicing_schemes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    legalEntityId: text('legal_entity_id'),
    invoiceNumberSequenceId: text('invoice_number_sequence_id').notNull(),
    proformaNumberSequenceId: text('proforma_number_sequence_id'),
    actNumberSequenceId: text('act_number_sequence_id'),
    vatInvoiceNumberSequenceId: text('vat_invoice_number_sequence_id'),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    taxRate: rate('tax_rate').notNull(),
    callDiscountPercent: rate('call_discount_percent').notNull(),
    currency: text('currency'),
    templateIds: jsonb('template_ids').$type<Record<string, string>>().notNull().default({}),
    proformaIncludesUnscheduled: boolean('proforma_includes_unscheduled').notNull().default(false),
    // 'during_generation' or 'on_first_view': when its documents' PDFs are rendered.
    renderMode: text('render_mode').notNull().default('during_generation'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('invoicing_schemes_tenant_idx').on(t.tenantId, t.id),
    // One default scheme per tenant: the last resort of scheme resolution.
    uniqueIndex('invoicing_schemes_default_uq')
      .on(t.tenantId)
      .where(sql`${t.isDefault}`),
  ],
);

// Basic contracts are templates with defaults; customer contracts are made from them.
export const contracts = pgTable(
  'contracts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    customerId: text('customer_id'),
    basicContractId: text('basic_contract_id'),
    number: text('number'),
    date: text('date'),
    status: text('status').notNull().default('active'),
    invoicingSchemeId: text('invoicing_scheme_id'),
    // Overrides the tenant's default allocation configuration for this customer's payments.
    allocationConfigurationId: text('allocation_configuration_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contracts_tenant_idx').on(t.tenantId, t.id),
    index('contracts_customer_idx').on(t.tenantId, t.customerId),
    uniqueIndex('contracts_number_uq').on(t.tenantId, t.number),
  ],
);
