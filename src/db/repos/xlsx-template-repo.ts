import { and, asc, eq, sql } from 'drizzle-orm';
import type { XlsxTemplateRecord, XlsxTemplateRepo } from '../../app/ports/xlsx-templates.ts';
import type { XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';
import type { DocumentType } from '../../core/documents/types.ts';
import { documentFiles, documents, xlsxTemplates } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';

const columns = {
  id: xlsxTemplates.id,
  tenantId: xlsxTemplates.tenantId,
  name: xlsxTemplates.name,
  documentType: xlsxTemplates.documentType,
  mapping: xlsxTemplates.mapping,
  active: xlsxTemplates.active,
  sizeBytes: sql<number>`octet_length(${xlsxTemplates.content})`.mapWith(Number),
  createdAt: xlsxTemplates.createdAt,
  updatedAt: xlsxTemplates.updatedAt,
};
type Row = { [K in keyof typeof columns]: unknown };

const toRecord = (row: Row): XlsxTemplateRecord =>
  withIsoTimestamps({
    ...(row as Omit<XlsxTemplateRecord, 'mapping' | 'documentType'>),
    documentType: row.documentType as DocumentType,
    mapping: (row.mapping as XlsxMapping | null) ?? null,
  });

export function xlsxTemplateRepo(tx: Db): XlsxTemplateRepo {
  const byId = (tenantId: string, id: string) => and(eq(xlsxTemplates.tenantId, tenantId), eq(xlsxTemplates.id, id));
  const get = async (tenantId: string, id: string) => {
    const [row] = await tx.select(columns).from(xlsxTemplates).where(byId(tenantId, id));
    return row ? toRecord(row) : null;
  };
  return {
    async insert(t) {
      await tx.insert(xlsxTemplates).values(t);
      return (await get(t.tenantId, t.id))!;
    },
    get,
    async content(tenantId, id) {
      const [row] = await tx.select({ content: xlsxTemplates.content }).from(xlsxTemplates).where(byId(tenantId, id));
      return row?.content ?? null;
    },
    async list(tenantId) {
      const rows = await tx
        .select(columns)
        .from(xlsxTemplates)
        .where(eq(xlsxTemplates.tenantId, tenantId))
        .orderBy(asc(xlsxTemplates.createdAt), asc(xlsxTemplates.id));
      return rows.map(toRecord);
    },
    async setMapping(tenantId, id, mapping) {
      await tx
        .update(xlsxTemplates)
        .set({ mapping: mapping as unknown as Record<string, unknown>, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id));
      return get(tenantId, id);
    },
    async activate(tenantId, id) {
      const found = await get(tenantId, id);
      if (!found) return null;
      await tx
        .update(xlsxTemplates)
        .set({ active: false })
        .where(and(eq(xlsxTemplates.tenantId, tenantId), eq(xlsxTemplates.documentType, found.documentType)));
      await tx
        .update(xlsxTemplates)
        .set({ active: true, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id));
      return get(tenantId, id);
    },
    async active(tenantId, documentType) {
      const [row] = await tx
        .select(columns)
        .from(xlsxTemplates)
        .where(
          and(
            eq(xlsxTemplates.tenantId, tenantId),
            eq(xlsxTemplates.documentType, documentType),
            eq(xlsxTemplates.active, true),
          ),
        );
      return row ? toRecord(row) : null;
    },
    async forgetRendered(tenantId, documentType) {
      const gone = await tx
        .delete(documentFiles)
        .where(
          and(
            eq(documentFiles.tenantId, tenantId),
            eq(documentFiles.kind, 'xlsx'),
            sql`${documentFiles.documentId} in (select ${documents.id} from ${documents} where ${documents.tenantId} = ${tenantId} and ${documents.type} = ${documentType})`,
          ),
        )
        .returning({ id: documentFiles.documentId });
      return gone.length;
    },
  };
}
