import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OpenInvoice, OpenInvoicesRepo } from '../../app/ports/bill-runs.ts';
import { openInvoices } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { withIsoTimestamps } from './rows.ts';
import { arrayParam } from './usage-sql.ts';
import { unnestInsert } from './unnest-insert.ts';

type Row = typeof openInvoices.$inferSelect;
const toOpen = (r: Row): OpenInvoice => withIsoTimestamps({ ...r });

export function openInvoicesRepo(tx: Db): OpenInvoicesRepo {
  return {
    async of(tenantId, customerIds) {
      if (!customerIds.length) return new Map();
      const rows = await tx
        .select()
        .from(openInvoices)
        .where(and(eq(openInvoices.tenantId, tenantId), inArray(openInvoices.customerId, [...customerIds])));
      return new Map(rows.map((r) => [r.customerId, toOpen(r)]));
    },
    async ofGroup(tenantId, billGroupId) {
      const rows = await tx
        .select()
        .from(openInvoices)
        .where(and(eq(openInvoices.tenantId, tenantId), eq(openInvoices.billGroupId, billGroupId)))
        .orderBy(openInvoices.customerId);
      return rows.map(toOpen);
    },
    async put(rows) {
      if (!rows.length) return;
      await tx.execute(
        unnestInsert(
          openInvoices,
          rows.map((r) => ({ ...r })),
          sql`on conflict (tenant_id, customer_id) do update set document_id = excluded.document_id,
            bill_group_id = excluded.bill_group_id, window_start = excluded.window_start,
            usage_through = excluded.usage_through, charges_through = excluded.charges_through`,
        ),
      );
    },
    async remove(tenantId, documentIds) {
      if (!documentIds.length) return;
      await tx
        .delete(openInvoices)
        .where(and(eq(openInvoices.tenantId, tenantId), inArray(openInvoices.documentId, [...documentIds])));
    },
    async presentPayments(tenantId, rows, receivedBefore) {
      if (!rows.length) return 0;
      const presented = await rowsOf<{ payment_id: string }>(
        tx,
        sql`insert into presented_payments (tenant_id, payment_id, document_id)
            select ${tenantId}, p.id, o.document_id
            from unnest(${arrayParam(
              rows.map((r) => r.customerId),
              'text',
            )}, ${arrayParam(
              rows.map((r) => r.documentId),
              'text',
            )}) as o(customer_id, document_id)
            join payments p on p.tenant_id = ${tenantId} and p.customer_id = o.customer_id
            where p.received_at < ${receivedBefore}::timestamptz
              and not exists (select 1 from presented_payments x where x.tenant_id = ${tenantId} and x.payment_id = p.id)
              and not exists (select 1 from payment_reversals r where r.tenant_id = ${tenantId} and r.payment_id = p.id)
            on conflict do nothing
            returning payment_id`,
      );
      return presented.length;
    },
    async presentedOn(tenantId, documentId) {
      const rows = await rowsOf<{ payment_id: string; amount: string; currency: string; received_at: string }>(
        tx,
        sql`select p.id as payment_id, p.amount::text as amount, p.currency, p.received_at::text as received_at
            from presented_payments x join payments p on p.tenant_id = x.tenant_id and p.id = x.payment_id
            where x.tenant_id = ${tenantId} and x.document_id = ${documentId}
            order by p.received_at, p.id`,
      );
      return rows.map((r) =>
        withIsoTimestamps({
          paymentId: r.payment_id,
          amount: r.amount,
          currency: r.currency,
          receivedAt: r.received_at,
        }),
      );
    },
  };
}
