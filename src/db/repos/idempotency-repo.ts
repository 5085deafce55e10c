import { and, eq, sql } from 'drizzle-orm';
import type { IdempotencyRepo } from '../../app/ports/idempotency.ts';
import { idempotencyKeys } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';

export function idempotencyRepo(tx: Db): IdempotencyRepo {
  const where = (tenantId: string, key: string) =>
    and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));
  return {
    async lock(tenantId, key) {
      // A transaction-scoped advisory lock: released at commit or rollback, and by the server when
      // the connection of a process that died goes away, so a dead owner never blocks a retry.
      const [row] = await rowsOf<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(hashtextextended(${`idempotency:${tenantId}:${key}`}, 0)) as locked`,
      );
      return row?.locked === true;
    },
    async find(tenantId, key) {
      const [row] = await tx.select().from(idempotencyKeys).where(where(tenantId, key));
      if (!row) return null;
      return {
        requestHash: row.requestHash,
        statusCode: row.statusCode === null ? null : Number(row.statusCode),
        response: row.response,
      };
    },
    async record(tenantId, key, requestHash, statusCode, response) {
      await tx
        .insert(idempotencyKeys)
        .values({ tenantId, key, requestHash, statusCode: String(statusCode), response })
        .onConflictDoUpdate({
          target: [idempotencyKeys.tenantId, idempotencyKeys.key],
          set: { requestHash, statusCode: String(statusCode), response },
        });
    },
    async release(tenantId, key) {
      await tx.delete(idempotencyKeys).where(where(tenantId, key));
    },
  };
}
