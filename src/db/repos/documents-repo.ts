import { and, asc, eq, gt, inArray, lte, gte, ne, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../sql-text.ts';
import { arrayParam, inIds } from './usage-sql.ts';
import type { DocumentRecord, DocumentsRepo, NewDocument } from '../../app/ports/documents.ts';
import { unnestInsert } from './unnest-insert.ts';
import { unnestUpdate, type UnnestColumn } from './unnest-update.ts';
import { customers, documents } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';

const toDocument = (r: typeof documents.$inferSelect): DocumentRecord =>
  withIsoTimestamps(r as unknown as DocumentRecord);

export function documentsRepo(tx: Db): DocumentsRepo {
  const docWhere = (tenantId: string, id: string) => and(eq(documents.tenantId, tenantId), eq(documents.id, id));
  return {
    async insertDocument(doc) {
      return toDocument(
        (
          await tx
            .insert(documents)
            .values(doc as typeof documents.$inferInsert)
            .returning()
        )[0]!,
      );
    },
    async insertDocuments(docs) {
      if (!docs.length) return [];
      // One `unnest` insert per shape of row (a column left out of a row takes its default, as in a
      // multi-VALUES insert): building a multi-VALUES statement of a chunk's drafts, about fifty
      // cells a row, cost more Node CPU than the insert itself. Read back in the order given.
      const shapes = new Map<string, NewDocument[]>();
      for (const doc of docs) {
        const shape = Object.keys(doc)
          .filter((key) => (doc as unknown as Record<string, unknown>)[key] !== undefined)
          .join(',');
        const same = shapes.get(shape);
        if (same) same.push(doc);
        else shapes.set(shape, [doc]);
      }
      for (const rows of shapes.values())
        await tx.execute(unnestInsert(documents, rows as Array<typeof documents.$inferInsert>));
      const ids = docs.map((d) => d.id);
      const stored = await tx
        .select()
        .from(documents)
        .where(
          and(
            inArray(documents.tenantId, [...new Set(docs.map((d) => d.tenantId))]),
            sql`${documents.id} = any(${arrayParam(ids, 'text')})`,
          ),
        );
      const byId = new Map(stored.map((row) => [row.id, toDocument(row)]));
      return ids.map((id) => byId.get(id)!);
    },
    async setTotalsOf(tenantId, entries) {
      if (!entries.length) return new Map();
      const col = (name: string, pick: (t: (typeof entries)[number]['totals']) => string | null): UnnestColumn => [
        name,
        entries.map((e) => pick(e.totals)),
        'numeric',
      ];
      const ids = entries.map((e) => e.id);
      const v = unnestUpdate(sql`d.id`, [
        ['id', ids, 'text'],
        col('usage', (t) => t.totalUsage),
        col('discount', (t) => t.totalDiscount),
        col('fixed', (t) => t.totalFixedCosts),
        col('charges', (t) => t.totalCharges),
        col('net', (t) => t.totalNet),
        col('tax', (t) => t.totalTax),
        col('total', (t) => t.total),
      ]);
      await tx.execute(sql`
        update documents d set total_usage = v.usage, total_discount = v.discount, total_fixed_costs = v.fixed,
          total_charges = v.charges, total_net = v.net, total_tax = v.tax, total = v.total,
          needs_regeneration = false, updated_at = now()
        from ${v.from}
        where d.tenant_id = ${tenantId} and ${v.match}`);
      const rows = await tx
        .select()
        .from(documents)
        .where(and(eq(documents.tenantId, tenantId), inArray(documents.id, ids)));
      return new Map(rows.map((r) => [r.id, toDocument(r)]));
    },
    async getDocument(tenantId, id, options = {}) {
      const query = tx.select().from(documents).where(docWhere(tenantId, id));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ? toDocument(row) : null;
    },
    async getDocuments(tenantId, ids) {
      if (!ids.length) return [];
      const rows = await tx
        .select()
        .from(documents)
        .where(and(eq(documents.tenantId, tenantId), sql`${documents.id} = any(${arrayParam(ids, 'text')})`));
      return rows.map(toDocument);
    },
    async listDocuments(tenantId, filter, page) {
      const where: SQL[] = [eq(documents.tenantId, tenantId)];
      if (filter.type) where.push(eq(documents.type, filter.type));
      if (filter.types) where.push(filter.types.length ? inArray(documents.type, [...filter.types]) : sql`false`);
      if (filter.status) where.push(eq(documents.status, filter.status));
      if (filter.customerId) where.push(eq(documents.customerId, filter.customerId));
      if (filter.sessionId) where.push(eq(documents.sessionId, filter.sessionId));
      if (filter.paymentStatus) where.push(eq(documents.paymentStatus, filter.paymentStatus));
      if (filter.number) where.push(eq(documents.number, filter.number));
      if (filter.issueDateFrom) where.push(gte(documents.issueDate, filter.issueDateFrom));
      if (filter.issueDateTo) where.push(lte(documents.issueDate, filter.issueDateTo));
      if (filter.periodStart) where.push(gte(documents.periodStart, filter.periodStart));
      if (filter.periodEnd) where.push(lte(documents.periodEnd, filter.periodEnd));
      if (page.after) where.push(gt(documents.id, page.after));
      const rows = await tx
        .select()
        .from(documents)
        .where(and(...where))
        .orderBy(asc(documents.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toDocument), page.limit);
    },
    async updateDocument(tenantId, id, patch) {
      const { id: _i, tenantId: _t, createdAt: _c, ...rest } = patch;
      const [row] = await tx
        .update(documents)
        .set({ ...(rest as Partial<typeof documents.$inferInsert>), updatedAt: sql`now()` as unknown as string })
        .where(docWhere(tenantId, id))
        .returning();
      return toDocument(row!);
    },
    async setPeriodsOf(tenantId, entries) {
      if (!entries.length) return;
      const v = unnestUpdate(sql`d.id`, [
        ['id', entries.map((e) => e.id), 'text'],
        ['period_start', entries.map((e) => e.periodStart), 'text'],
        ['period_end', entries.map((e) => e.periodEnd), 'text'],
      ]);
      await tx.execute(sql`
        update documents d set period_start = v.period_start::date, period_end = v.period_end::date, updated_at = now()
        from ${v.from}
        where d.tenant_id = ${tenantId} and ${v.match}`);
    },
    async deleteDocument(tenantId, id) {
      await tx.delete(documents).where(docWhere(tenantId, id));
    },
    async deleteDocuments(tenantId, ids) {
      if (!ids.length) return;
      await tx.delete(documents).where(and(eq(documents.tenantId, tenantId), inIds(documents.id, ids)));
    },
    async overlappingDocuments(tenantId, customerId, type, start, end, excludeId) {
      const where: SQL[] = [
        eq(documents.tenantId, tenantId),
        eq(documents.customerId, customerId),
        eq(documents.type, type),
        ne(documents.status, 'cancelled'),
        lte(documents.periodStart, end),
        gte(documents.periodEnd, start),
      ];
      if (excludeId) where.push(ne(documents.id, excludeId));
      return (
        await tx
          .select({ id: documents.id })
          .from(documents)
          .where(and(...where))
          .orderBy(asc(documents.id))
      ).map((r) => r.id);
    },
    async overlappingOf(tenantId, customerIds, type, start, end) {
      if (!customerIds.length) return new Map();
      const rows = await rowsOf<{ customer_id: string; id: string }>(
        tx,
        sql`select customer_id, id from documents
          where tenant_id = ${tenantId} and customer_id = any(${arrayParam(customerIds, 'text')}) and type = ${type}
            and status <> 'cancelled' and period_start <= ${end} and period_end >= ${start}
          order by id`,
      );
      const out = new Map<string, string[]>();
      for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.id]);
      return out;
    },
    async numberTaken(tenantId, type, number, excludeId) {
      const where: SQL[] = [
        eq(documents.tenantId, tenantId),
        eq(documents.type, type),
        or(eq(documents.number, number), eq(documents.customNumber, number))!,
      ];
      if (excludeId) where.push(ne(documents.id, excludeId));
      return (
        (
          await tx
            .select({ id: documents.id })
            .from(documents)
            .where(and(...where))
            .limit(1)
        ).length > 0
      );
    },
    async getDocumentsForUpdate(tenantId, ids) {
      if (!ids.length) return new Map();
      const rows = await tx
        .select()
        .from(documents)
        .where(and(eq(documents.tenantId, tenantId), sql`${documents.id} = any(${arrayParam(ids, 'text')})`))
        .orderBy(asc(documents.id))
        .for('update');
      return new Map(rows.map((r) => [r.id, toDocument(r)]));
    },
    async numbersTaken(tenantId, type, numbers, excludeIds) {
      if (!numbers.length) return new Set();
      const wanted = arrayParam(numbers, 'text');
      const rows = await rowsOf<{ number: string }>(
        tx,
        sql`select coalesce(d.number, d.custom_number) as number from documents d
          where d.tenant_id = ${tenantId} and d.type = ${type} and not (d.id = any(${arrayParam(excludeIds, 'text')}))
            and (d.number = any(${wanted}) or d.custom_number = any(${wanted}))`,
      );
      const found = new Set(numbers);
      return new Set(rows.map((r) => r.number).filter((n) => found.has(n)));
    },
    async issueMany(tenantId, entries) {
      if (!entries.length) return new Map();
      const ids = entries.map((e) => e.id);
      const col = <K extends keyof (typeof entries)[number]>(
        name: string,
        key: K,
        type: 'text' | 'int' | 'timestamptz',
      ): UnnestColumn => [name, entries.map((e) => e[key] as string | number | null), type];
      const v = unnestUpdate(sql`d.id`, [
        ['id', ids, 'text'],
        col('number', 'number', 'text'),
        col('sequence_id', 'numberSequenceId', 'text'),
        col('payment_status', 'paymentStatus', 'text'),
        col('issue_date', 'issueDate', 'text'),
        col('due_date', 'dueDate', 'text'),
        col('issued_at', 'issuedAt', 'timestamptz'),
        col('render_status', 'renderStatus', 'text'),
        col('revision', 'revision', 'int'),
      ]);
      await tx.execute(sql`
        update documents d set status = 'issued', number = v.number, number_sequence_id = v.sequence_id,
          payment_status = v.payment_status, issue_date = v.issue_date::date, due_date = v.due_date::date,
          issued_at = v.issued_at, render_status = v.render_status, revision = v.revision, updated_at = now()
        from ${v.from}
        where d.tenant_id = ${tenantId} and ${v.match}`);
      const rows = await tx
        .select()
        .from(documents)
        .where(and(eq(documents.tenantId, tenantId), sql`${documents.id} = any(${arrayParam(ids, 'text')})`));
      return new Map(rows.map((r) => [r.id, toDocument(r)]));
    },
    async lockCustomers(tenantId, customerIds) {
      if (!customerIds.length) return;
      await tx.execute(sql`select id from customers
        where tenant_id = ${tenantId} and id = any(${arrayParam(customerIds, 'text')}) order by id for update`);
    },
    async lockCustomer(tenantId, customerId) {
      await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
        .for('update');
    },
  };
}
