import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CustomerTokenRecord, CustomerTokensRepo } from '../../app/ports/customer-tokens.ts';
import { customerTokens } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';

const toToken = ({ tokenHash: _h, ...row }: typeof customerTokens.$inferSelect): CustomerTokenRecord =>
  withIsoTimestamps(row);

export function customerTokensRepo(tx: Db): CustomerTokensRepo {
  return {
    async insert(row, tokenHash) {
      const [out] = await tx
        .insert(customerTokens)
        .values({ ...row, tokenHash })
        .returning();
      return toToken(out!);
    },
    async findByHash(tokenHash) {
      const [row] = await tx.select().from(customerTokens).where(eq(customerTokens.tokenHash, tokenHash));
      return row ? toToken(row) : null;
    },
    async listOf(tenantId, customerId) {
      const rows = await tx
        .select()
        .from(customerTokens)
        .where(and(eq(customerTokens.tenantId, tenantId), eq(customerTokens.customerId, customerId)))
        .orderBy(asc(customerTokens.id));
      return rows.map(toToken);
    },
    async revoke(tenantId, customerId, id, at) {
      const where = and(
        eq(customerTokens.tenantId, tenantId),
        eq(customerTokens.customerId, customerId),
        eq(customerTokens.id, id),
      );
      await tx
        .update(customerTokens)
        .set({ revokedAt: at })
        .where(and(where, isNull(customerTokens.revokedAt)));
      const [row] = await tx.select().from(customerTokens).where(where);
      return row ? toToken(row) : null;
    },
  };
}
