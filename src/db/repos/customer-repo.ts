import { and, asc, eq, gt, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Customer, CustomerInput, CustomerNumber, CustomerRepo } from '../../app/ports/customers.ts';
import { customerIdentifiers, customers, documents, ratePlanAssignments, usageRecords } from '../schema/index.ts';
import { rowsOf } from '../sql-text.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { newId } from '../../app/ids.ts';
import { inIds } from './usage-sql.ts';

type Row = typeof customers.$inferSelect;

function toCustomer(row: Row, numbers: CustomerNumber[]): Customer {
  return withIsoTimestamps({
    ...row,
    billingPeriod: row.billingPeriod as Customer['billingPeriod'],
    status: row.status as Customer['status'],
    activationDate: row.activationDate ?? row.createdAt.slice(0, 10),
    numbers,
  });
}

export function customerRepo(tx: Db): CustomerRepo {
  const byId = (tenantId: string, id: string) => and(eq(customers.tenantId, tenantId), eq(customers.id, id));

  async function numbersOf(tenantId: string, ids: string[]): Promise<Map<string, CustomerNumber[]>> {
    const map = new Map<string, CustomerNumber[]>();
    if (!ids.length) return map;
    const rows = await tx
      .select()
      .from(customerIdentifiers)
      .where(
        and(
          eq(customerIdentifiers.tenantId, tenantId),
          eq(customerIdentifiers.kind, 'number'),
          inIds(customerIdentifiers.customerId, ids),
        ),
      )
      .orderBy(asc(customerIdentifiers.id));
    for (const r of rows) {
      const list = map.get(r.customerId) ?? [];
      list.push({ number: r.value, validFrom: r.validFrom, validTo: r.validTo });
      map.set(r.customerId, list);
    }
    return map;
  }

  async function replaceNumbers(tenantId: string, customerId: string, numbers: CustomerNumber[]) {
    await tx
      .delete(customerIdentifiers)
      .where(
        and(
          eq(customerIdentifiers.tenantId, tenantId),
          eq(customerIdentifiers.customerId, customerId),
          eq(customerIdentifiers.kind, 'number'),
        ),
      );
    if (!numbers.length) return;
    await tx.insert(customerIdentifiers).values(
      numbers.map((n) => ({
        id: newId('cid'),
        tenantId,
        customerId,
        kind: 'number',
        value: n.number.replace(/^\+/, ''),
        validFrom: n.validFrom,
        validTo: n.validTo,
      })),
    );
  }

  async function load(tenantId: string, id: string): Promise<Customer | null> {
    const [row] = await tx.select().from(customers).where(byId(tenantId, id));
    if (!row) return null;
    return toCustomer(row, (await numbersOf(tenantId, [id])).get(id) ?? []);
  }

  return {
    async getMany(tenantId, ids) {
      if (!ids.length) return new Map();
      const rows = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), inIds(customers.id, ids)));
      const numbers = await numbersOf(
        tenantId,
        rows.map((r) => r.id),
      );
      return new Map(rows.map((r) => [r.id, toCustomer(r, numbers.get(r.id) ?? [])]));
    },
    async insert(tenantId, id, input: CustomerInput) {
      const { numbers, ...fields } = input;
      await tx.insert(customers).values({ ...fields, tenantId, id });
      await replaceNumbers(tenantId, id, numbers);
      return (await load(tenantId, id))!;
    },
    async update(tenantId, id, patch) {
      const { numbers, ...fields } = patch;
      const updated = await tx
        .update(customers)
        .set({ ...fields, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning({ id: customers.id });
      if (!updated.length) return null;
      if (numbers) await replaceNumbers(tenantId, id, numbers);
      return load(tenantId, id);
    },
    get: load,
    async list(tenantId, filter, page) {
      const where: SQL[] = [eq(customers.tenantId, tenantId)];
      if (filter.status) where.push(eq(customers.status, filter.status));
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(
          or(
            ilike(customers.name, like),
            ilike(customers.legalName, like),
            ilike(customers.email, like),
            ilike(customers.taxId, like),
            ilike(customers.accountCode, like),
          )!,
        );
      }
      if (page.after) where.push(gt(customers.id, page.after));
      const rows = await tx
        .select()
        .from(customers)
        .where(and(...where))
        .orderBy(asc(customers.id))
        .limit(page.limit + 1);
      const numbers = await numbersOf(
        tenantId,
        rows.map((r) => r.id),
      );
      return toPage(
        rows.map((r) => toCustomer(r, numbers.get(r.id) ?? [])),
        page.limit,
      );
    },
    async delete(tenantId, id) {
      await tx
        .delete(customerIdentifiers)
        .where(and(eq(customerIdentifiers.tenantId, tenantId), eq(customerIdentifiers.customerId, id)));
      const deleted = await tx.delete(customers).where(byId(tenantId, id)).returning({ id: customers.id });
      return deleted.length > 0;
    },
    async hasBillingHistory(tenantId, id) {
      const [row] = await rowsOf<{ used: boolean }>(
        tx,
        sql`select
        exists (select 1 from ${documents} where ${documents.tenantId} = ${tenantId} and ${documents.customerId} = ${id})
        or exists (select 1 from ${usageRecords} where ${usageRecords.tenantId} = ${tenantId} and ${usageRecords.customerId} = ${id})
        or exists (select 1 from ${ratePlanAssignments} where ${ratePlanAssignments.tenantId} = ${tenantId} and ${ratePlanAssignments.customerId} = ${id}) as used`,
      );
      return Boolean(row?.used);
    },
    async findByAccountCode(tenantId, accountCode, excludeId) {
      const where: SQL[] = [eq(customers.tenantId, tenantId), eq(customers.accountCode, accountCode)];
      if (excludeId) where.push(ne(customers.id, excludeId));
      const [row] = await tx
        .select()
        .from(customers)
        .where(and(...where))
        .limit(1);
      return row ? toCustomer(row, []) : null;
    },
  };
}
