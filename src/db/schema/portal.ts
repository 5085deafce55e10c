import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './common.ts';
import { customers, tenants } from './tenancy.ts';

// Tokens a customer's own systems use on the customer-scoped API (/portal/v1). Stored hashed,
// like API keys; each is bound to one customer.
export const customerTokens = pgTable(
  'customer_tokens',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique('customer_tokens_hash_uq'),
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('customer_tokens_customer_idx').on(t.tenantId, t.customerId)],
);
