import { and, asc, desc, eq, lte, type SQL } from 'drizzle-orm';
import type { ExchangeRateRecord, ExchangeRatesRepo } from '../../app/ports/payments.ts';
import { exchangeRates } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';

const toRate = (row: typeof exchangeRates.$inferSelect): ExchangeRateRecord => withIsoTimestamps(row);

export function exchangeRatesRepo(tx: Db): ExchangeRatesRepo {
  return {
    async insertRate(r) {
      const [row] = await tx.insert(exchangeRates).values(r).returning();
      return toRate(row!);
    },
    async listRates(tenantId, currency) {
      const where: SQL[] = [eq(exchangeRates.tenantId, tenantId)];
      if (currency) where.push(eq(exchangeRates.currency, currency));
      const rows = await tx
        .select()
        .from(exchangeRates)
        .where(and(...where))
        .orderBy(asc(exchangeRates.currency), asc(exchangeRates.validFrom));
      return rows.map(toRate);
    },
    async rateOn(tenantId, currency, date) {
      const [row] = await tx
        .select({ rate: exchangeRates.rate })
        .from(exchangeRates)
        .where(
          and(
            eq(exchangeRates.tenantId, tenantId),
            eq(exchangeRates.currency, currency),
            lte(exchangeRates.validFrom, date),
          ),
        )
        .orderBy(desc(exchangeRates.validFrom))
        .limit(1);
      return row?.rate ?? null;
    },
  };
}
