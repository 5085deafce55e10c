import { sql } from 'drizzle-orm';
import type { PaymentRecord } from '../../app/ports/payments.ts';
import { payments } from '../schema/index.ts';
import { withIsoTimestamps } from './rows.ts';

export const toPayment = ({ updatedAt: _u, ...row }: typeof payments.$inferSelect): PaymentRecord =>
  withIsoTimestamps({ ...row, method: row.method as PaymentRecord['method'] });

/** For queries over `payments`: the payment has no reversal. */
export const notReversed = sql`not exists (select 1 from payment_reversals r where r.payment_id = payments.id)`;
