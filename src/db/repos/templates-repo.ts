import { and, asc, eq, sql } from 'drizzle-orm';
import type { TemplateRecord, TemplatesRepo } from '../../app/ports/templates.ts';
import { templates } from '../schema/index.ts';
import type { Db } from '../types.ts';

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

export function templatesRepo(tx: Db): TemplatesRepo {
  return {
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
  };
}
