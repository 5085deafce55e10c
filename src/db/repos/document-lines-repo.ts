import { and, asc, eq } from 'drizzle-orm';
import type { LineKind } from '../../core/documents/types.ts';
import type { DocumentLine, DocumentLinesRepo } from '../../app/ports/document-lines.ts';
import { documentFixedCosts, documentLines, fixedCosts } from '../schema/index.ts';
import { trimDecimal } from './rows.ts';
import type { Db } from '../types.ts';

const toLine = ({
  tenantId: _t,
  documentId: _d,
  position: _p,
  ...l
}: typeof documentLines.$inferSelect): DocumentLine => ({ ...l, kind: l.kind as LineKind });

export function documentLinesRepo(tx: Db): DocumentLinesRepo {
  return {
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
        await tx.insert(documentLines).values(lines.map((l, position) => ({ ...l, tenantId, documentId, position })));
    },
    async lines(tenantId, documentId) {
      const rows = await tx
        .select()
        .from(documentLines)
        .where(and(eq(documentLines.tenantId, tenantId), eq(documentLines.documentId, documentId)))
        .orderBy(asc(documentLines.position));
      return rows.map(toLine);
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
}
