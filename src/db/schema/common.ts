import { sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

// Every row carries when it was written; business times (issue dates, call times) are separate columns.
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' })
    .notNull()
    .default(sql`now()`);
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'string' })
    .notNull()
    .default(sql`now()`);
