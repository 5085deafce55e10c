import { and, asc, eq, gt, ilike, sql, type SQL } from 'drizzle-orm';
import type {
  Destination,
  PlanWindow,
  Rate,
  RatePlan,
  RatePlanAssignment,
  RatingRepo,
} from '../../app/ports/rating.ts';
import { destinations, ratePlanAssignments, ratePlans } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { arrayParam, prefixLike } from './usage-sql.ts';
import { upsertDestinations, upsertRates } from './rating-bulk.ts';

const toDestination = (r: typeof destinations.$inferSelect): Destination => withIsoTimestamps({ ...r });
const toAssignment = (r: typeof ratePlanAssignments.$inferSelect): RatePlanAssignment => withIsoTimestamps({ ...r });

interface RateRow {
  prefix: string;
  price_per_minute: string;
  connection_fee: string;
  minimum_seconds: number;
  increment_seconds: number;
}

/** The name of the longest destination prefix that starts the rate's prefix (35567 → Albania mobile, 355671 too). */
function nameOf(prefix: string, names: Map<string, string>): string | null {
  for (let n = prefix.length; n > 0; n--) {
    const name = names.get(prefix.slice(0, n));
    if (name !== undefined) return name;
  }
  return null;
}

export function ratingRepo(tx: Db): RatingRepo {
  const destWhere = (tenantId: string, id: string) => and(eq(destinations.tenantId, tenantId), eq(destinations.id, id));

  async function namesFor(tenantId: string, prefixes: string[]): Promise<Map<string, string>> {
    const candidates = [
      ...new Set(prefixes.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.slice(0, i + 1)))),
    ];
    if (!candidates.length) return new Map();
    const rows =
      candidates.length > 20_000
        ? await tx
            .select({ prefix: destinations.prefix, name: destinations.name })
            .from(destinations)
            .where(eq(destinations.tenantId, tenantId))
        : await rowsOf<{ prefix: string; name: string }>(
            tx,
            sql`select prefix, name from destinations where tenant_id = ${tenantId} and prefix = any(${arrayParam(candidates, 'text')})`,
          );
    return new Map(rows.map((r) => [r.prefix, r.name]));
  }

  async function withNames(tenantId: string, rows: RateRow[]): Promise<Rate[]> {
    const names = await namesFor(
      tenantId,
      rows.map((r) => r.prefix),
    );
    return rows.map((r) => ({
      prefix: r.prefix,
      pricePerMinute: r.price_per_minute,
      connectionFee: r.connection_fee,
      minimumSeconds: r.minimum_seconds,
      incrementSeconds: r.increment_seconds,
      destination: nameOf(r.prefix, names),
    }));
  }

  const planSelect = sql`select p.id, p.tenant_id as "tenantId", p.name, p.currency, p.valid_from as "validFrom", p.valid_to as "validTo",
      p.created_at::text as "createdAt", p.updated_at::text as "updatedAt", (select count(*) from rates r where r.rate_plan_id = p.id) as "rateCount"
    from rate_plans p`;
  const toPlan = (r: RatePlan) => withIsoTimestamps({ ...r, rateCount: Number(r.rateCount) });

  const repo: RatingRepo = {
    async insertDestination(d) {
      return toDestination((await tx.insert(destinations).values(d).returning())[0]!);
    },
    async updateDestination(tenantId, id, patch) {
      const [row] = patch.name
        ? await tx.update(destinations).set({ name: patch.name }).where(destWhere(tenantId, id)).returning()
        : await tx.select().from(destinations).where(destWhere(tenantId, id));
      return row ? toDestination(row) : null;
    },
    async deleteDestination(tenantId, id) {
      return (await tx.delete(destinations).where(destWhere(tenantId, id)).returning()).length > 0;
    },
    async getDestination(tenantId, id) {
      const [row] = await tx.select().from(destinations).where(destWhere(tenantId, id));
      return row ? toDestination(row) : null;
    },
    async findDestinationByPrefix(tenantId, prefix) {
      const [row] = await tx
        .select()
        .from(destinations)
        .where(and(eq(destinations.tenantId, tenantId), eq(destinations.prefix, prefix)));
      return row ? toDestination(row) : null;
    },
    async listDestinations(tenantId, filter, page) {
      const where: SQL[] = [eq(destinations.tenantId, tenantId)];
      if (filter.prefix) where.push(prefixLike(sql`${destinations.prefix}`, filter.prefix));
      if (filter.q) where.push(ilike(destinations.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      if (page.after) where.push(gt(destinations.prefix, page.after));
      const rows = await tx
        .select()
        .from(destinations)
        .where(and(...where))
        .orderBy(asc(destinations.prefix))
        .limit(page.limit + 1);
      const data = rows.slice(0, page.limit).map(toDestination);
      return { data, next: rows.length > page.limit ? data[data.length - 1].prefix : null };
    },
    async allDestinations(tenantId) {
      return tx
        .select({ prefix: destinations.prefix, name: destinations.name })
        .from(destinations)
        .where(eq(destinations.tenantId, tenantId));
    },
    upsertDestinations: (tenantId, rows) => upsertDestinations(tx, tenantId, rows),

    async insertPlan(plan) {
      await tx.insert(ratePlans).values(plan);
      return (await repo.getPlan(plan.tenantId, plan.id))!;
    },
    async updatePlan(tenantId, id, patch) {
      const updated = await tx
        .update(ratePlans)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(ratePlans.tenantId, tenantId), eq(ratePlans.id, id)))
        .returning({ id: ratePlans.id });
      return updated.length ? repo.getPlan(tenantId, id) : null;
    },
    async getPlan(tenantId, id) {
      const [row] = await rowsOf<RatePlan>(tx, sql`${planSelect} where p.tenant_id = ${tenantId} and p.id = ${id}`);
      return row ? toPlan(row) : null;
    },
    async listPlans(tenantId, page) {
      const after = page.after ? sql`and p.id > ${page.after}` : sql``;
      const rows = await rowsOf<RatePlan>(
        tx,
        sql`${planSelect} where p.tenant_id = ${tenantId} ${after} order by p.id limit ${page.limit + 1}`,
      );
      return toPage(rows.map(toPlan), page.limit);
    },
    async rates(tenantId, planId) {
      const rows = await rowsOf<RateRow>(
        tx,
        sql`select prefix, price_per_minute::text, connection_fee::text, minimum_seconds, increment_seconds
        from rates where tenant_id = ${tenantId} and rate_plan_id = ${planId} order by prefix`,
      );
      return withNames(tenantId, rows);
    },
    async listRates(tenantId, planId, filter, page) {
      const prefix = filter.prefix ? sql`and ${prefixLike(sql`prefix`, filter.prefix)}` : sql``;
      const after = page.after ? sql`and prefix > ${page.after}` : sql``;
      const rows = await rowsOf<RateRow>(
        tx,
        sql`select prefix, price_per_minute::text, connection_fee::text, minimum_seconds, increment_seconds
        from rates where tenant_id = ${tenantId} and rate_plan_id = ${planId} ${prefix} ${after} order by prefix limit ${page.limit + 1}`,
      );
      const data = await withNames(tenantId, rows.slice(0, page.limit));
      return { data, next: rows.length > page.limit ? data[data.length - 1].prefix : null };
    },
    upsertRates: (tenantId, planId, rows, replace) => upsertRates(tx, tenantId, planId, rows, replace),
    async deleteRate(tenantId, planId, prefix) {
      const rows = await rowsOf<{ id: string }>(
        tx,
        sql`delete from rates where tenant_id = ${tenantId} and rate_plan_id = ${planId} and prefix = ${prefix} returning id`,
      );
      return rows.length > 0;
    },

    async insertAssignment(a) {
      return toAssignment((await tx.insert(ratePlanAssignments).values(a).returning())[0]!);
    },
    async updateAssignment(tenantId, id, patch) {
      const [row] = await tx
        .update(ratePlanAssignments)
        .set(patch)
        .where(and(eq(ratePlanAssignments.tenantId, tenantId), eq(ratePlanAssignments.id, id)))
        .returning();
      return row ? toAssignment(row) : null;
    },
    async deleteAssignment(tenantId, id) {
      return (
        (
          await tx
            .delete(ratePlanAssignments)
            .where(and(eq(ratePlanAssignments.tenantId, tenantId), eq(ratePlanAssignments.id, id)))
            .returning()
        ).length > 0
      );
    },
    async getAssignment(tenantId, id) {
      const [row] = await tx
        .select()
        .from(ratePlanAssignments)
        .where(and(eq(ratePlanAssignments.tenantId, tenantId), eq(ratePlanAssignments.id, id)));
      return row ? toAssignment(row) : null;
    },
    async listAssignments(tenantId, filter, page) {
      const where: SQL[] = [eq(ratePlanAssignments.tenantId, tenantId)];
      if (filter.customerId) where.push(eq(ratePlanAssignments.customerId, filter.customerId));
      if (filter.ratePlanId) where.push(eq(ratePlanAssignments.ratePlanId, filter.ratePlanId));
      if (page.after) where.push(gt(ratePlanAssignments.id, page.after));
      const rows = await tx
        .select()
        .from(ratePlanAssignments)
        .where(and(...where))
        .orderBy(asc(ratePlanAssignments.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toAssignment), page.limit);
    },
    async planWindows(tenantId, customerIds) {
      return rowsOf<PlanWindow>(
        tx,
        sql`
        select a.customer_id as "customerId", a.rate_plan_id as "ratePlanId", p.currency, a.valid_from as "assignmentFrom", a.valid_to as "assignmentTo",
               p.valid_from as "planFrom", p.valid_to as "planTo"
        from rate_plan_assignments a join rate_plans p on p.id = a.rate_plan_id
        where a.tenant_id = ${tenantId} and a.customer_id = any(${arrayParam(customerIds, 'text')})
        order by a.created_at, a.id`,
      );
    },
  };
  return repo;
}
