import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';

// Customers billed in bill cycles rather than calendar periods: bill day, close type and run options.
export const billGroups = pgTable(
  'bill_groups',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    billDay: integer('bill_day').notNull(),
    usageBillDay: integer('usage_bill_day').notNull(),
    invoiceCloseType: text('invoice_close_type').notNull(),
    renderDuringRun: boolean('render_during_run').notNull(),
    dueDateBasis: text('due_date_basis').notNull(),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    deliverOnClose: boolean('deliver_on_close').notNull(),
    sortOrder: text('sort_order').notNull(),
    maxUnbilledUsageMonths: integer('max_unbilled_usage_months').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('bill_groups_tenant_idx').on(t.tenantId, t.id)],
);
