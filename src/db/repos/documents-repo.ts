import { and, asc, eq, gt, lte, gte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { LineKind } from '../../core/documents/types.ts';
import type {
  DocumentRecord,
  DocumentsRepo,
  FixedCost,
  NumberSequence,
  TemplateRecord,
} from '../../app/ports/documents.ts';
import {
  customers,
  documentFiles,
  documentFixedCosts,
  documentLines,
  documents,
  fixedCosts,
  numberCounters,
  numberSequences,
  templates,
} from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { newId } from '../../app/ids.ts';
import * as usage from './document-usage-sql.ts';

const toSequence = (r: typeof numberSequences.$inferSelect): NumberSequence =>
  withIsoTimestamps({
    id: r.id,
    tenantId: r.tenantId,
    name: r.name,
    documentType: r.documentType as NumberSequence['documentType'],
    prefix: r.prefix,
    padding: r.padding,
    increment: r.increment,
    start: r.start,
    reset: r.reset as NumberSequence['reset'],
    pattern: r.pattern,
    createdAt: r.createdAt,
  });
const toFixedCost = ({ updatedAt: _u, ...r }: typeof fixedCosts.$inferSelect): FixedCost =>
  withIsoTimestamps({ ...r, cost: trimDecimal(r.cost) });
const toTemplate = (r: typeof templates.$inferSelect): TemplateRecord => ({
  id: r.id,
  tenantId: r.tenantId,
  name: r.name,
  documentType: r.documentType as TemplateRecord['documentType'],
  locale: r.locale,
  format: 'html',
  source: r.source,
  builtin: false,
});
const toDocument = (r: typeof documents.$inferSelect): DocumentRecord =>
  withIsoTimestamps(r as unknown as DocumentRecord);

/** numeric(20,6) comes back as "20.000000"; the catalog shows "20.00"-style values without the padding. */
function trimDecimal(v: string): string {
  return v.includes('.')
    ? v
        .replace(/0+$/, '')
        .replace(/\.$/, '.00')
        .replace(/\.(\d)$/, '.$10')
    : v;
}

export function documentsRepo(tx: Db): DocumentsRepo {
  const docWhere = (tenantId: string, id: string) => and(eq(documents.tenantId, tenantId), eq(documents.id, id));
  return {
    async insertSequence(seq) {
      return toSequence((await tx.insert(numberSequences).values(seq).returning())[0]!);
    },
    async updateSequence(tenantId, id, patch) {
      const [row] = await tx
        .update(numberSequences)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(numberSequences.tenantId, tenantId), eq(numberSequences.id, id)))
        .returning();
      return row ? toSequence(row) : null;
    },
    async getSequence(tenantId, id) {
      const [row] = await tx
        .select()
        .from(numberSequences)
        .where(and(eq(numberSequences.tenantId, tenantId), eq(numberSequences.id, id)));
      return row ? toSequence(row) : null;
    },
    async listSequences(tenantId) {
      return (
        await tx
          .select()
          .from(numberSequences)
          .where(eq(numberSequences.tenantId, tenantId))
          .orderBy(asc(numberSequences.id))
      ).map(toSequence);
    },
    async sequenceCounters(sequenceId) {
      return tx
        .select({ resetKey: numberCounters.resetKey, lastValue: numberCounters.lastValue })
        .from(numberCounters)
        .where(eq(numberCounters.sequenceId, sequenceId));
    },
    async takeSequenceValue(sequenceId, resetKey, start, increment) {
      // One statement: the first number of a period inserts the row, later ones bump it under its row lock.
      const [row] = await tx
        .insert(numberCounters)
        .values({ sequenceId, resetKey, lastValue: start })
        .onConflictDoUpdate({
          target: [numberCounters.sequenceId, numberCounters.resetKey],
          set: { lastValue: sql`${numberCounters.lastValue} + ${increment}` },
        })
        .returning({ lastValue: numberCounters.lastValue });
      return row!.lastValue;
    },

    async insertFixedCost(cost) {
      return toFixedCost((await tx.insert(fixedCosts).values(cost).returning())[0]!);
    },
    async updateFixedCost(tenantId, id, patch) {
      const [row] = await tx
        .update(fixedCosts)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(fixedCosts.tenantId, tenantId), eq(fixedCosts.id, id)))
        .returning();
      return row ? toFixedCost(row) : null;
    },
    async getFixedCost(tenantId, id) {
      const [row] = await tx
        .select()
        .from(fixedCosts)
        .where(and(eq(fixedCosts.tenantId, tenantId), eq(fixedCosts.id, id)));
      return row ? toFixedCost(row) : null;
    },
    async listFixedCosts(tenantId) {
      return (
        await tx.select().from(fixedCosts).where(eq(fixedCosts.tenantId, tenantId)).orderBy(asc(fixedCosts.id))
      ).map(toFixedCost);
    },

    async insertTemplate(t) {
      return toTemplate(
        (
          await tx
            .insert(templates)
            .values({ ...t, builtinKey: null })
            .returning()
        )[0]!,
      );
    },
    async updateTemplate(tenantId, id, patch) {
      const [row] = await tx
        .update(templates)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(templates.tenantId, tenantId), eq(templates.id, id)))
        .returning();
      return row ? toTemplate(row) : null;
    },
    async getTemplate(tenantId, id) {
      const [row] = await tx
        .select()
        .from(templates)
        .where(and(eq(templates.tenantId, tenantId), eq(templates.id, id)));
      return row ? toTemplate(row) : null;
    },
    async listTemplates(tenantId) {
      return (await tx.select().from(templates).where(eq(templates.tenantId, tenantId)).orderBy(asc(templates.id))).map(
        toTemplate,
      );
    },

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

    async addFixedCostLine(tenantId, documentId, line) {
      await tx.insert(documentFixedCosts).values({ ...line, tenantId, documentId });
    },
    async removeFixedCostLine(tenantId, documentId, lineId) {
      return (
        (
          await tx
            .delete(documentFixedCosts)
            .where(
              and(
                eq(documentFixedCosts.tenantId, tenantId),
                eq(documentFixedCosts.documentId, documentId),
                eq(documentFixedCosts.id, lineId),
              ),
            )
            .returning()
        ).length > 0
      );
    },
    async fixedCostLines(tenantId, documentId) {
      const rows = await tx
        .select({
          id: documentFixedCosts.id,
          fixedCostId: fixedCosts.id,
          name: fixedCosts.name,
          description: fixedCosts.description,
          quantity: documentFixedCosts.quantity,
          unitPrice: fixedCosts.cost,
        })
        .from(documentFixedCosts)
        .innerJoin(fixedCosts, eq(fixedCosts.id, documentFixedCosts.fixedCostId))
        .where(and(eq(documentFixedCosts.tenantId, tenantId), eq(documentFixedCosts.documentId, documentId)))
        .orderBy(asc(documentFixedCosts.id));
      return rows.map((r) => ({
        ...r,
        quantity: trimDecimal(r.quantity).replace(/\.00$/, ''),
        unitPrice: trimDecimal(r.unitPrice),
      }));
    },
    async replaceLines(tenantId, documentId, lines) {
      await tx
        .delete(documentLines)
        .where(and(eq(documentLines.tenantId, tenantId), eq(documentLines.documentId, documentId)));
      if (lines.length)
        await tx
          .insert(documentLines)
          .values(lines.map((l, position) => ({ ...l, id: newId('dl'), tenantId, documentId, position })));
    },
    async lines(tenantId, documentId) {
      const rows = await tx
        .select()
        .from(documentLines)
        .where(and(eq(documentLines.tenantId, tenantId), eq(documentLines.documentId, documentId)))
        .orderBy(asc(documentLines.position));
      return rows.map(({ id: _i, tenantId: _t, documentId: _d, position: _p, ...l }) => ({
        ...l,
        kind: l.kind as LineKind,
      }));
    },

    countUnrated: (tenantId, customerId, range) => usage.countUnrated(tx, tenantId, customerId, range),
    countFreeUsage: (tenantId, customerId, range) => usage.countFree(tx, tenantId, customerId, range),
    async lockCustomer(tenantId, customerId) {
      await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
        .for('update');
    },
    attachUsage: (tenantId, documentId, customerId, range) =>
      usage.attachUsage(tx, tenantId, documentId, customerId, range),
    releaseUsage: (tenantId, documentId) => usage.releaseUsage(tx, tenantId, documentId),
    rememberCancelledUsage: (tenantId, documentId) => usage.rememberCancelledUsage(tx, tenantId, documentId),
    usageGroups: (tenantId, documentId) => usage.usageGroups(tx, tenantId, documentId),
    async calls(tenantId, documentId, page) {
      const found = await usage.calls(tx, tenantId, documentId, page.limit, page.after);
      return { data: found.rows, next: found.next };
    },
    destinationDetails: (tenantId, documentId, pattern) => usage.destinationDetails(tx, tenantId, documentId, pattern),

    async saveFile(tenantId, documentId, kind, content, revision) {
      await tx
        .insert(documentFiles)
        .values({ tenantId, documentId, kind, content, revision })
        .onConflictDoUpdate({
          target: [documentFiles.documentId, documentFiles.kind],
          set: { content, revision, createdAt: sql`now()` as unknown as string },
        });
    },
    async getFile(tenantId, documentId, kind) {
      const [row] = await tx
        .select()
        .from(documentFiles)
        .where(
          and(
            eq(documentFiles.tenantId, tenantId),
            eq(documentFiles.documentId, documentId),
            eq(documentFiles.kind, kind),
          ),
        );
      return row ? { content: row.content, revision: row.revision } : null;
    },
  };
}
