import { and, asc, eq, gt, lte, gte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DocumentRecord, DocumentsRepo } from '../../app/ports/documents.ts';
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
    async getDocument(tenantId, id, options = {}) {
      const query = tx.select().from(documents).where(docWhere(tenantId, id));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ? toDocument(row) : null;
    },
    async listDocuments(tenantId, filter, page) {
      const where: SQL[] = [eq(documents.tenantId, tenantId)];
      if (filter.type) where.push(eq(documents.type, filter.type));
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
    async deleteDocument(tenantId, id) {
      await tx.delete(documents).where(docWhere(tenantId, id));
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
    async lockCustomer(tenantId, customerId) {
      await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
        .for('update');
    },
  };
}
