import { and, asc, eq, gt, gte, inArray, isNull, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../sql-text.ts';
import { arrayParam } from './usage-sql.ts';
import { unnestUpdate } from './unnest-update.ts';
import { unnestInsert } from './unnest-insert.ts';
import type { Charge, ChargeFilter, ChargeRepo, FreeChargeOptions } from '../../app/ports/charges.ts';
import type { DatePeriod } from '../../core/time/periods.ts';
import { charges } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { trimRate } from './product-repo.ts';

type Row = typeof charges.$inferSelect;

const toCharge = (row: Row): Charge =>
  withIsoTimestamps({
    ...row,
    kind: row.kind as Charge['kind'],
    productKind: row.productKind as Charge['productKind'],
    quantity: trimRate(row.quantity)!,
    unitPrice: trimRate(row.unitPrice),
    amount: trimRate(row.amount)!,
    taxRate: trimRate(row.taxRate),
    fullAmount: trimRate(row.fullAmount),
  });

// Billing-date order, then id, so a document's lines come out the same way every time.
const chargeOrder = [asc(charges.billingDate), asc(charges.id)];

function inPeriod(period: DatePeriod, options: FreeChargeOptions): SQL {
  if (options.basis === 'service') {
    return or(
      and(lte(charges.servicePeriodStart, period.end), gte(charges.servicePeriodEnd, period.start)),
      and(gte(charges.date, period.start), lte(charges.date, period.end)),
    )!;
  }
  const upTo = lte(charges.billingDate, period.end);
  return options.includeEarlier ? upTo : and(gte(charges.billingDate, period.start), upTo)!;
}

export function chargeRepo(tx: Db): ChargeRepo {
  const byId = (tenantId: string, id: string) => and(eq(charges.tenantId, tenantId), eq(charges.id, id));
  const repo: ChargeRepo = {
    async insertMany(tenantId, input) {
      if (input.length === 0) return [];
      // One statement for all of them (a parameter per column), then one read of those inserted:
      // a charge the unique key skipped was inserted by an earlier or concurrent producer.
      const ids = await rowsOf<{ id: string }>(
        tx,
        unnestInsert(
          charges,
          input.map((charge) => ({ ...charge, tenantId })),
          sql`on conflict do nothing returning id`,
        ),
      );
      if (ids.length === 0) return [];
      const rows = await tx
        .select()
        .from(charges)
        .where(
          and(
            eq(charges.tenantId, tenantId),
            sql`${charges.id} = any(${arrayParam(
              ids.map((r) => r.id),
              'text',
            )})`,
          ),
        );
      const byId = new Map(rows.map((row) => [row.id, toCharge(row)]));
      return input.flatMap((charge) => byId.get(charge.id) ?? []);
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(charges).where(byId(tenantId, id));
      return row ? toCharge(row) : null;
    },
    async list(tenantId, filter: ChargeFilter, page) {
      const where: SQL[] = [eq(charges.tenantId, tenantId)];
      if (filter.customerId) where.push(eq(charges.customerId, filter.customerId));
      if (filter.contractId) where.push(eq(charges.contractId, filter.contractId));
      if (filter.subscriptionId) where.push(eq(charges.subscriptionId, filter.subscriptionId));
      if (filter.productId) where.push(eq(charges.productId, filter.productId));
      if (filter.kind) where.push(eq(charges.kind, filter.kind));
      if (filter.period) where.push(inPeriod(filter.period, {}));
      if (filter.documentId) where.push(eq(charges.documentId, filter.documentId));
      if (filter.unbilled === true) where.push(isNull(charges.documentId));
      if (filter.unbilled === false) where.push(isNotNull(charges.documentId));
      if (page.after) where.push(gt(charges.id, page.after));
      const rows = await tx
        .select()
        .from(charges)
        .where(and(...where))
        .orderBy(asc(charges.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toCharge), page.limit);
    },
    async deleteUnbilled(tenantId, id) {
      const rows = await tx
        .delete(charges)
        .where(and(byId(tenantId, id), isNull(charges.documentId)))
        .returning({ id: charges.id });
      return rows.length > 0;
    },
    async producedPeriodStarts(tenantId, subscriptionId) {
      const rows = await tx
        .select({ start: charges.servicePeriodStart })
        .from(charges)
        .where(
          and(
            eq(charges.tenantId, tenantId),
            eq(charges.subscriptionId, subscriptionId),
            eq(charges.kind, 'scheduled'),
          ),
        );
      return rows.map((row) => row.start!).filter(Boolean);
    },
    async producedPeriodStartsOf(tenantId, subscriptionIds, since) {
      const found = new Map<string, string[]>();
      if (subscriptionIds.length === 0) return found;
      // One index probe per subscription (charges_scheduled_uq): an IN list over a chunk's hundreds
      // of subscriptions was planned as a scan of every charge of the tenant, once per chunk.
      const rows = await rowsOf<{ subscriptionId: string | null; start: string | null }>(
        tx,
        sql`select c.subscription_id as "subscriptionId", c.service_period_start::text as start
            from unnest(${arrayParam([...new Set(subscriptionIds)], 'text')}) as k(id)
            join charges c on c.tenant_id = ${tenantId} and c.subscription_id = k.id
             and c.kind = 'scheduled' and c.service_period_start >= ${since}::date`,
      );
      for (const row of rows) {
        if (!row.subscriptionId || !row.start) continue;
        const starts = found.get(row.subscriptionId) ?? [];
        starts.push(row.start);
        found.set(row.subscriptionId, starts);
      }
      return found;
    },
    async free(tenantId, customerId, period, options) {
      return (await repo.freeOf(tenantId, [customerId], period, options)).get(customerId) ?? [];
    },
    async claim(tenantId, documentId, chargeIds) {
      return (await repo.claimOf(tenantId, [{ documentId, chargeIds }])).get(documentId) ?? 0;
    },
    async freeOf(tenantId, customerIds, period, options = {}) {
      const out = new Map<string, Charge[]>();
      if (!customerIds.length) return out;
      const where: SQL[] = [
        eq(charges.tenantId, tenantId),
        sql`${charges.customerId} = any(${arrayParam(customerIds, 'text')})`,
        isNull(charges.documentId),
        inPeriod(period, options),
      ];
      if (options.kinds) where.push(inArray(charges.kind, [...options.kinds]));
      const rows = await tx
        .select()
        .from(charges)
        .where(and(...where))
        .orderBy(...chargeOrder);
      for (const row of rows) {
        const list = out.get(row.customerId) ?? [];
        list.push(toCharge(row));
        out.set(row.customerId, list);
      }
      return out;
    },
    async freeInPeriodsOf(tenantId, entries) {
      const out: Charge[][] = entries.map(() => []);
      if (!entries.length) return out;
      const found = await rowsOf<{ k: number | string; id: string }>(
        tx,
        sql`select k.k, c.id
          from unnest(${arrayParam(
            entries.map((_, i) => i),
            'int',
          )}, ${arrayParam(
            entries.map((e) => e.customerId),
            'text',
          )}, ${arrayParam(
            entries.map((e) => e.period.start),
            'text',
          )}::date[], ${arrayParam(
            entries.map((e) => e.period.end),
            'text',
          )}::date[]) as k(k, customer_id, period_start, period_end)
          join charges c on c.tenant_id = ${tenantId} and c.customer_id = k.customer_id and c.document_id is null
            and c.billing_date >= k.period_start and c.billing_date <= k.period_end`,
      );
      if (!found.length) return out;
      const entriesOf = new Map<string, number[]>();
      for (const f of found) entriesOf.set(f.id, [...(entriesOf.get(f.id) ?? []), Number(f.k)]);
      const rows = await tx
        .select()
        .from(charges)
        .where(
          and(eq(charges.tenantId, tenantId), sql`${charges.id} = any(${arrayParam([...entriesOf.keys()], 'text')})`),
        )
        .orderBy(...chargeOrder);
      for (const row of rows) {
        const charge = toCharge(row);
        for (const k of entriesOf.get(row.id)!) out[k]!.push(charge);
      }
      return out;
    },
    async claimOf(tenantId, claims) {
      const pairs = claims.flatMap((c) => c.chargeIds.map((id) => [id, c.documentId] as const));
      if (pairs.length === 0) return new Map();
      // The `document_id is null` test runs under the row lock the update takes, so two documents
      // racing for a charge cannot both get it.
      const k = unnestUpdate(
        sql`c.id`,
        [
          ['charge_id', pairs.map((p) => p[0]), 'text'],
          ['document_id', pairs.map((p) => p[1]), 'text'],
        ],
        'k',
      );
      const rows = await rowsOf<{ document_id: string; n: string | number }>(
        tx,
        sql`
        with claimed as (
          update charges c set document_id = k.document_id
          from ${k.from}
          where c.tenant_id = ${tenantId} and ${k.match} and c.document_id is null
          returning c.document_id)
        select document_id, count(*) as n from claimed group by document_id`,
      );
      return new Map(rows.map((r) => [r.document_id, Number(r.n)]));
    },
    release(tenantId, documentId) {
      return repo.releaseOf(tenantId, [documentId]);
    },
    async releaseOf(tenantId, documentIds) {
      if (!documentIds.length) return 0;
      const rows = await tx
        .update(charges)
        .set({ documentId: null })
        .where(
          and(eq(charges.tenantId, tenantId), sql`${charges.documentId} = any(${arrayParam(documentIds, 'text')})`),
        )
        .returning({ id: charges.id });
      return rows.length;
    },
    async onDocument(tenantId, documentId) {
      const rows = await tx
        .select()
        .from(charges)
        .where(and(eq(charges.tenantId, tenantId), eq(charges.documentId, documentId)))
        .orderBy(...chargeOrder);
      return rows.map(toCharge);
    },
  };
  return repo;
}
