import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AllocationRecord, AllocationsRepo, OpenDocumentRow } from '../../app/ports/payments.ts';
import { PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';
import { allocations, customers, documentLines, documents, payments } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { Dec } from '../../core/money/decimal.ts';
import { withIsoTimestamps } from './rows.ts';
import { notReversed, toPayment } from './payment-rows.ts';
import { rowsOf } from '../sql-text.ts';
import { arrayParam } from './usage-sql.ts';
import { unnestUpdate } from './unnest-update.ts';

export const toAllocation = ({ createdAt: _c, ...row }: typeof allocations.$inferSelect): AllocationRecord =>
  withIsoTimestamps({ ...row, kind: row.kind as AllocationRecord['kind'] });

const payable = [...PAYABLE_DOCUMENT_TYPES];

// The most important (lowest) allocation priority among the catalog products the document's lines
// bill, through the charge each line carries; null when no line bills a product (usage, fixed costs).
// Spelled out in SQL: the outer query's documents row is referenced by name from inside.
const servicePriority = sql<number | null>`(select min(p.allocation_priority) from document_lines l
  join charges c on c.tenant_id = l.tenant_id and c.id = l.charge_id
  join products p on p.tenant_id = c.tenant_id and p.id = c.product_id
  where l.tenant_id = documents.tenant_id and l.document_id = documents.id)`;

const openRow = (r: {
  id: string;
  currency: string;
  total: string | null;
  paid: string;
  issueDate: string | null;
  dueDate: string | null;
  servicePriority: number | null;
}): OpenDocumentRow => ({
  id: r.id,
  currency: r.currency,
  total: r.total ?? '0',
  paid: r.paid,
  issueDate: r.issueDate ?? '',
  dueDate: r.dueDate ?? r.issueDate ?? '',
  servicePriority: r.servicePriority === null ? null : Number(r.servicePriority),
});

export function allocationsRepo(tx: Db): AllocationsRepo {
  const repo: AllocationsRepo = {
    async insertAllocations(rows) {
      // 2,000 × a row's columns stays under the 65,535 bind parameters of one statement.
      for (let at = 0; at < rows.length; at += 2000) await tx.insert(allocations).values(rows.slice(at, at + 2000));
    },
    async allocationsOfPayment(tenantId, paymentId) {
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), eq(allocations.paymentId, paymentId)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async allocationsOfPayments(tenantId, paymentIds) {
      if (paymentIds.length === 0) return [];
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), inArray(allocations.paymentId, paymentIds)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async allocationsOfDocument(tenantId, documentId) {
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), eq(allocations.documentId, documentId)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async allocationsOfCustomer(tenantId, customerId) {
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), eq(allocations.customerId, customerId)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async setDocumentPaid(tenantId, documentId, delta, paymentStatus) {
      await tx
        .update(documents)
        .set({
          paid: sql`${documents.paid} + ${delta}::numeric` as unknown as string,
          paymentStatus,
          updatedAt: sql`now()` as unknown as string,
        })
        .where(and(eq(documents.tenantId, tenantId), eq(documents.id, documentId)));
    },
    async setDocumentsPaid(tenantId, moves) {
      if (!moves.length) return;
      const v = unnestUpdate(sql`d.id`, [
        ['id', moves.map((m) => m.documentId), 'text'],
        ['delta', moves.map((m) => m.delta), 'numeric'],
        ['status', moves.map((m) => m.status), 'text'],
      ]);
      await tx.execute(sql`
        update documents d set paid = d.paid + v.delta, payment_status = v.status, updated_at = now()
        from ${v.from}
        where d.tenant_id = ${tenantId} and ${v.match}`);
    },
    async openDocumentsOf(tenantId, customerIds) {
      const out = new Map<string, OpenDocumentRow[]>();
      if (!customerIds.length) return out;
      const rows = await tx
        .select({
          customerId: documents.customerId,
          id: documents.id,
          currency: documents.currency,
          total: documents.total,
          paid: documents.paid,
          issueDate: documents.issueDate,
          dueDate: documents.dueDate,
          servicePriority: servicePriority,
        })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            sql`${documents.customerId} = any(${arrayParam(customerIds, 'text')})`,
            eq(documents.status, 'issued'),
            inArray(documents.type, payable),
            sql`${documents.total} > ${documents.paid}`,
          ),
        )
        .orderBy(asc(documents.id))
        .for('update');
      for (const r of rows) {
        const list = out.get(r.customerId) ?? [];
        list.push(openRow(r));
        out.set(r.customerId, list);
      }
      return out;
    },
    async openDocuments(tenantId, customerId) {
      return (await repo.openDocumentsOf(tenantId, [customerId])).get(customerId) ?? [];
    },
    async paymentsWithCredit(tenantId, customerId) {
      // Columns are spelled out: drizzle renders a lone table's columns unqualified, which inside
      // a subquery would bind to the subquery's own table.
      const allocated = sql<string>`coalesce((select sum(a.payment_amount) from allocations a
        where a.tenant_id = payments.tenant_id and a.payment_id = payments.id), 0)`;
      const rows = await tx
        .select({ payment: payments, allocated })
        .from(payments)
        .where(
          and(
            eq(payments.tenantId, tenantId),
            eq(payments.customerId, customerId),
            notReversed,
            sql`${payments.amount} > ${allocated}`,
          ),
        )
        .orderBy(asc(payments.receivedAt), asc(payments.id));
      return rows.map((r) => ({ ...toPayment(r.payment), allocated: String(r.allocated) }));
    },
    async customersWithCredit(tenantId, customerIds) {
      if (!customerIds.length) return new Set();
      const rows = await rowsOf<{ customer_id: string }>(
        tx,
        sql`select distinct payments.customer_id from payments
          where payments.tenant_id = ${tenantId} and payments.customer_id = any(${arrayParam(customerIds, 'text')})
            and ${notReversed} and payments.amount > coalesce((select sum(a.payment_amount) from allocations a
              where a.tenant_id = payments.tenant_id and a.payment_id = payments.id), 0)`,
      );
      return new Set(rows.map((r) => r.customer_id));
    },
    async creditedOn(tenantId, documentId) {
      const notes = await tx
        .select({ id: documents.id, total: documents.total })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.type, 'credit_note'),
            eq(documents.accompaniesDocumentId, documentId),
            eq(documents.status, 'issued'),
          ),
        );
      const total = notes.reduce((t, n) => t.plus(n.total ?? '0'), new Dec(0)).toString();
      const lines = new Map<string, string>();
      if (notes.length) {
        const rows = await tx
          .select({ key: documentLines.lineKey, gross: documentLines.gross })
          .from(documentLines)
          .where(
            and(
              eq(documentLines.tenantId, tenantId),
              inArray(
                documentLines.documentId,
                notes.map((n) => n.id),
              ),
            ),
          );
        for (const r of rows) lines.set(r.key, new Dec(lines.get(r.key) ?? '0').plus(r.gross).toString());
      }
      return { total, lines };
    },
    async lockCustomer(tenantId, customerId) {
      await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
        .for('update');
    },
  };
  return repo;
}
