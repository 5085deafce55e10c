import { and, asc, eq, inArray } from 'drizzle-orm';
import type { LineKind } from '../../core/documents/types.ts';
import type { DocumentFixedCostLine, DocumentLine, DocumentLinesRepo } from '../../app/ports/document-lines.ts';
import { documentFixedCosts, documentLines, fixedCosts } from '../schema/index.ts';
import { trimDecimal } from './rows.ts';
import type { Db } from '../types.ts';
import { unnestInsert } from './unnest-insert.ts';

const toLine = ({
  tenantId: _t,
  documentId: _d,
  position: _p,
  ...l
}: typeof documentLines.$inferSelect): DocumentLine => ({ ...l, kind: l.kind as LineKind });

export function documentLinesRepo(tx: Db): DocumentLinesRepo {
  const repo: DocumentLinesRepo = {
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
      return (await repo.fixedCostLinesOf(tenantId, [documentId])).get(documentId) ?? [];
    },
    async fixedCostLinesOf(tenantId, documentIds) {
      const out = new Map<string, DocumentFixedCostLine[]>();
      if (!documentIds.length) return out;
      const rows = await tx
        .select({
          documentId: documentFixedCosts.documentId,
          id: documentFixedCosts.id,
          fixedCostId: fixedCosts.id,
          name: fixedCosts.name,
          description: fixedCosts.description,
          quantity: documentFixedCosts.quantity,
          unitPrice: fixedCosts.cost,
        })
        .from(documentFixedCosts)
        .innerJoin(fixedCosts, eq(fixedCosts.id, documentFixedCosts.fixedCostId))
        .where(and(eq(documentFixedCosts.tenantId, tenantId), inArray(documentFixedCosts.documentId, [...documentIds])))
        .orderBy(asc(documentFixedCosts.id));
      for (const { documentId, ...r } of rows) {
        const list = out.get(documentId) ?? [];
        list.push({
          ...r,
          quantity: trimDecimal(r.quantity).replace(/\.00$/, ''),
          unitPrice: trimDecimal(r.unitPrice),
        });
        out.set(documentId, list);
      }
      return out;
    },
    async replaceLines(tenantId, documentId, lines) {
      await repo.replaceLinesOf(tenantId, [{ documentId, lines }]);
    },
    async replaceLinesOf(tenantId, entries) {
      if (!entries.length) return;
      await tx.delete(documentLines).where(
        and(
          eq(documentLines.tenantId, tenantId),
          inArray(
            documentLines.documentId,
            entries.map((e) => e.documentId),
          ),
        ),
      );
      await repo.insertLinesOf(tenantId, entries);
    },
    async insertLinesOf(tenantId, entries) {
      const rows = entries.flatMap((e) =>
        e.lines.map((l, position) => ({ ...l, tenantId, documentId: e.documentId, position })),
      );
      // One statement whatever the number of lines: a parameter per column.
      if (rows.length) await tx.execute(unnestInsert(documentLines, rows));
    },
    async lines(tenantId, documentId) {
      return (await repo.linesOf(tenantId, [documentId])).get(documentId) ?? [];
    },
    async linesOf(tenantId, documentIds) {
      const out = new Map<string, DocumentLine[]>();
      if (!documentIds.length) return out;
      const rows = await tx
        .select()
        .from(documentLines)
        .where(and(eq(documentLines.tenantId, tenantId), inArray(documentLines.documentId, [...documentIds])))
        .orderBy(asc(documentLines.documentId), asc(documentLines.position));
      for (const row of rows) {
        const list = out.get(row.documentId) ?? [];
        list.push(toLine(row));
        out.set(row.documentId, list);
      }
      return out;
    },
    async editDescription(tenantId, documentId, lineId, description) {
      const [row] = await tx
        .update(documentLines)
        .set({ description, descriptionEdited: true })
        .where(
          and(
            eq(documentLines.tenantId, tenantId),
            eq(documentLines.documentId, documentId),
            eq(documentLines.id, lineId),
          ),
        )
        .returning();
      return row ? toLine(row) : null;
    },
  };
  return repo;
}
