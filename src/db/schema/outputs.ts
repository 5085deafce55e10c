import { boolean, customType, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

// An operator's own XLSX file per document type, with the map of where each value goes. At most
// one is active per tenant and type: the one new XLSX files are made from.
export const xlsxTemplates = pgTable(
  'xlsx_templates',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    documentType: text('document_type').notNull(),
    content: bytea('content').notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>(),
    active: boolean('active').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('xlsx_templates_tenant').on(t.tenantId, t.documentType),
    uniqueIndex('xlsx_templates_one_active')
      .on(t.tenantId, t.documentType)
      .where(sql`${t.active}`),
  ],
);
