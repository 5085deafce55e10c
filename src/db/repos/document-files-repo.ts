import { and, eq, sql } from 'drizzle-orm';
import type { DocumentFilesRepo } from '../../app/ports/document-files.ts';
import { documentFiles } from '../schema/index.ts';
import type { Db } from '../types.ts';

export function documentFilesRepo(tx: Db): DocumentFilesRepo {
  return {
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
