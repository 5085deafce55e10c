import { and, eq, sql } from 'drizzle-orm';
import { arrayParam } from './usage-sql.ts';
import type { NumberMapping, UsageRepo } from '../../app/ports/usage.ts';
import { customerIdentifiers, customers, tenants } from '../schema/index.ts';
import type { Db } from '../types.ts';
import * as records from './usage-records-sql.ts';
import * as rerate from './usage-rerate-sql.ts';
import { importsSql } from './usage-imports-sql.ts';
import { classifySql } from './usage-classify-sql.ts';

export function usageRepo(tx: Db): UsageRepo {
  return {
    async tenantIds(limit) {
      return (await tx.select({ id: tenants.id }).from(tenants).orderBy(tenants.id).limit(limit)).map((r) => r.id);
    },
    // Lists go in as one array parameter: a batch may name thousands of numbers.
    async customersByIds(tenantId, ids) {
      return tx
        .select({ id: customers.id, currency: customers.currency })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), sql`${customers.id} = any(${arrayParam(ids, 'text')})`));
    },
    async customersByAccountCodes(tenantId, codes) {
      const rows = await tx
        .select({ id: customers.id, currency: customers.currency, accountCode: customers.accountCode })
        .from(customers)
        .where(
          and(eq(customers.tenantId, tenantId), sql`${customers.accountCode} = any(${arrayParam(codes, 'text')})`),
        );
      return rows.map((r) => ({ id: r.id, currency: r.currency, accountCode: r.accountCode! }));
    },
    async numberMappings(tenantId, numbers): Promise<NumberMapping[]> {
      return tx
        .select({
          number: customerIdentifiers.value,
          customerId: customerIdentifiers.customerId,
          currency: customers.currency,
          validFrom: customerIdentifiers.validFrom,
          validTo: customerIdentifiers.validTo,
        })
        .from(customerIdentifiers)
        .innerJoin(customers, eq(customers.id, customerIdentifiers.customerId))
        .where(
          and(
            eq(customerIdentifiers.tenantId, tenantId),
            eq(customerIdentifiers.kind, 'number'),
            sql`${customerIdentifiers.value} = any(${arrayParam(numbers, 'text')})`,
          ),
        )
        .orderBy(customerIdentifiers.id);
    },
    encodeRecords: records.encodeRecords,
    insertRecords: (tenantId, importId, encoded) => records.insertRecords(tx, tenantId, importId, encoded),
    listRecords: (tenantId, filter, page) => records.listRecords(tx, tenantId, filter, page),
    totals: (tenantId, filter, groupBy) => records.totals(tx, tenantId, filter, groupBy),
    unratedCounts: (tenantId, filter) => records.unratedCounts(tx, tenantId, filter),
    documentsOf: (tenantId, filter, lock) => rerate.documentsOf(tx, tenantId, filter, lock),
    rerateCandidates: (tenantId, filter, afterId, limit) =>
      rerate.rerateCandidates(tx, tenantId, filter, afterId, limit),
    applyRerate: (tenantId, updates) => rerate.applyRerate(tx, tenantId, updates),
    markDraftsForRegeneration: (tenantId, ids) => rerate.markDraftsForRegeneration(tx, tenantId, ids),
    releaseFromDocument: (tenantId, documentId, groups, ids) =>
      rerate.releaseFromDocument(tx, tenantId, documentId, groups, ids),
    ...importsSql(tx),
    ...classifySql(tx),
  };
}
