import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { IdempotencyRepo } from '../../app/ports/idempotency.ts';
import { idempotencyKeys } from '../schema/index.ts';
import type { Db } from '../types.ts';

export function idempotencyRepo(tx: Db): IdempotencyRepo {
  const where = (tenantId: string, key: string) =>
    and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));
  return {
    async claim(tenantId, key, requestHash) {
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({ tenantId, key, requestHash })
        .onConflictDoNothing()
        .returning();
      if (inserted.length) return null;
      // A claim that never completed (the process died mid-request) expires, so the client's retry
      // is served instead of waiting for ever on IDEMPOTENCY_IN_PROGRESS.
      const taken = await tx
        .update(idempotencyKeys)
        .set({ requestHash, createdAt: sql`now()` as unknown as string })
        .where(
          and(
            where(tenantId, key),
            isNull(idempotencyKeys.statusCode),
            lt(idempotencyKeys.createdAt, sql`now() - interval '10 minutes'`),
          ),
        )
        .returning();
      if (taken.length) return null;
      const [row] = await tx.select().from(idempotencyKeys).where(where(tenantId, key));
      if (!row) return null;
      return {
        requestHash: row.requestHash,
        statusCode: row.statusCode === null ? null : Number(row.statusCode),
        response: row.response,
      };
    },
    async complete(tenantId, key, statusCode, response) {
      await tx
        .update(idempotencyKeys)
        .set({ statusCode: String(statusCode), response })
        .where(where(tenantId, key));
    },
    async release(tenantId, key) {
      await tx.delete(idempotencyKeys).where(where(tenantId, key));
    },
  };
}
