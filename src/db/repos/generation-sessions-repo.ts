import { and, asc, desc, eq, gte, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type {
  GenerationSessionRecord,
  GenerationSessionsRepo,
  SessionScope,
} from '../../app/ports/generation-sessions.ts';
import type { DocumentType } from '../../app/ports/documents.ts';
import { documents, generationSessionChunks, generationSessionErrors, generationSessions } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { withIsoTimestamps } from './rows.ts';
import { arrayParam } from './usage-sql.ts';

type Row = typeof generationSessions.$inferSelect;

const toSession = (r: Row): GenerationSessionRecord =>
  withIsoTimestamps({
    id: r.id,
    tenantId: r.tenantId,
    documentType: r.documentType as DocumentType,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    scope: r.scope as SessionScope,
    scopeKey: r.scopeKey,
    status: r.status as GenerationSessionRecord['status'],
    startedBy: { kind: r.startedByKind as GenerationSessionRecord['startedBy']['kind'], id: r.startedById },
    counts: {
      customersTotal: r.customersTotal,
      customersDone: r.customersDone,
      customersFailed: r.customersFailed,
      customersSkipped: r.customersSkipped,
      documentsCreated: r.documentsCreated,
    },
    chunksTotal: r.chunksTotal,
    chunksDone: r.chunksDone,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  });

export function generationSessionsRepo(tx: Db): GenerationSessionsRepo {
  const byId = (tenantId: string, id: string) =>
    and(eq(generationSessions.tenantId, tenantId), eq(generationSessions.id, id));
  return {
    async insert(s) {
      const rows = await tx
        .insert(generationSessions)
        .values({
          id: s.id,
          tenantId: s.tenantId,
          documentType: s.documentType,
          periodStart: s.periodStart,
          periodEnd: s.periodEnd,
          scope: s.scope,
          scopeKey: s.scopeKey,
          status: s.status,
          startedByKind: s.startedBy.kind,
          startedById: s.startedBy.id,
          startedAt: s.startedAt,
        })
        // The partial unique index on running sessions: a second start of the same one inserts nothing.
        .onConflictDoNothing()
        .returning();
      return rows[0] ? toSession(rows[0]) : null;
    },
    async runningId(tenantId, type, scopeKey, start, end) {
      const [row] = await tx
        .select({ id: generationSessions.id })
        .from(generationSessions)
        .where(
          and(
            eq(generationSessions.tenantId, tenantId),
            eq(generationSessions.documentType, type),
            eq(generationSessions.scopeKey, scopeKey),
            eq(generationSessions.periodStart, start),
            eq(generationSessions.periodEnd, end),
            eq(generationSessions.status, 'in_progress'),
          ),
        );
      return row?.id ?? null;
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(generationSessions).where(byId(tenantId, id));
      return row ? toSession(row) : null;
    },
    async list(tenantId, filter, page) {
      const where: SQL[] = [eq(generationSessions.tenantId, tenantId)];
      if (filter.status) where.push(eq(generationSessions.status, filter.status));
      if (filter.documentType) where.push(eq(generationSessions.documentType, filter.documentType));
      if (filter.periodStart) where.push(gte(generationSessions.periodStart, filter.periodStart));
      if (filter.periodEnd) where.push(lte(generationSessions.periodEnd, filter.periodEnd));
      // Newest first: ids are time-ordered.
      if (page.after) where.push(lt(generationSessions.id, page.after));
      const rows = await tx
        .select()
        .from(generationSessions)
        .where(and(...where))
        .orderBy(desc(generationSessions.id))
        .limit(page.limit + 1);
      const data = rows.slice(0, page.limit).map(toSession);
      return { data, next: rows.length > page.limit ? data[data.length - 1]!.id : null };
    },
    async customersInScope(tenantId, scope, periodEnd) {
      const where: SQL[] = [
        sql`c.tenant_id = ${tenantId}`,
        sql`coalesce(c.activation_date, to_char(c.created_at, 'YYYY-MM-DD')) <= ${periodEnd}`,
      ];
      if (scope.customerIds) where.push(sql`c.id = any(${arrayParam(scope.customerIds, 'text')})`);
      if (scope.billingPeriod) where.push(sql`c.billing_period = ${scope.billingPeriod}`);
      if (scope.schemeId)
        // The most specific level wins: the only active customer contract, its basic contract, the
        // customer, the tenant default (as documentScheme resolves it for one document).
        where.push(sql`coalesce(k.invoicing_scheme_id, b.invoicing_scheme_id, c.invoicing_scheme_id,
          (select id from invoicing_schemes where tenant_id = ${tenantId} and is_default)) = ${scope.schemeId}`);
      const rows = await rowsOf<{ id: string }>(
        tx,
        sql`
        with only_contract as (
          select customer_id, min(id) as id from contracts
          where tenant_id = ${tenantId} and kind = 'customer' and status = 'active'
          group by customer_id having count(*) = 1)
        select c.id from customers c
        left join only_contract o on o.customer_id = c.id
        left join contracts k on k.tenant_id = ${tenantId} and k.id = o.id
        left join contracts b on b.tenant_id = ${tenantId} and b.id = k.basic_contract_id
        where ${sql.join(where, sql` and `)}
        order by c.id`,
      );
      return rows.map((r) => r.id);
    },
    async addChunks(tenantId, sessionId, chunks) {
      for (let i = 0; i < chunks.length; i += 200) {
        await tx
          .insert(generationSessionChunks)
          .values(
            chunks.slice(i, i + 200).map((customerIds, j) => ({ sessionId, chunk: i + j, tenantId, customerIds })),
          );
      }
      await tx
        .update(generationSessions)
        .set({ chunksTotal: chunks.length, customersTotal: chunks.reduce((n, c) => n + c.length, 0) })
        .where(byId(tenantId, sessionId));
    },
    async claimChunk(tenantId, sessionId, chunk) {
      const [row] = await tx
        .select({ customerIds: generationSessionChunks.customerIds })
        .from(generationSessionChunks)
        .where(
          and(
            eq(generationSessionChunks.tenantId, tenantId),
            eq(generationSessionChunks.sessionId, sessionId),
            eq(generationSessionChunks.chunk, chunk),
            isNull(generationSessionChunks.finishedAt),
          ),
        )
        // Another worker on the same chunk (a retried job whose first run still lives) waits for it.
        .for('update');
      return row?.customerIds ?? null;
    },
    async finishChunk(tenantId, sessionId, chunk, o) {
      await tx
        .update(generationSessionChunks)
        .set({ finishedAt: sql`now()` as unknown as string })
        .where(and(eq(generationSessionChunks.sessionId, sessionId), eq(generationSessionChunks.chunk, chunk)));
      const [row] = await tx
        .update(generationSessions)
        .set({
          customersDone: sql`${generationSessions.customersDone} + ${o.done}`,
          customersFailed: sql`${generationSessions.customersFailed} + ${o.failed}`,
          customersSkipped: sql`${generationSessions.customersSkipped} + ${o.skipped}`,
          documentsCreated: sql`${generationSessions.documentsCreated} + ${o.documents}`,
          chunksDone: sql`${generationSessions.chunksDone} + 1`,
        })
        .where(byId(tenantId, sessionId))
        .returning();
      return toSession(row!);
    },
    async finish(tenantId, sessionId, status) {
      const [row] = await tx
        .update(generationSessions)
        .set({ status, finishedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, sessionId))
        .returning();
      return toSession(row!);
    },
    async addErrors(tenantId, sessionId, errors) {
      if (!errors.length) return;
      await tx
        .insert(generationSessionErrors)
        .values(errors.map((e) => ({ ...e, tenantId, sessionId })))
        .onConflictDoNothing();
    },
    async errors(tenantId, sessionId) {
      const rows = await tx
        .select()
        .from(generationSessionErrors)
        .where(and(eq(generationSessionErrors.tenantId, tenantId), eq(generationSessionErrors.sessionId, sessionId)))
        .orderBy(asc(generationSessionErrors.customerId));
      return rows.map((r) => ({
        customerId: r.customerId,
        code: r.code,
        message: r.message,
        details: r.details as Record<string, unknown>,
      }));
    },
    async documentIds(tenantId, sessionId) {
      const rows = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.tenantId, tenantId), eq(documents.sessionId, sessionId)))
        .orderBy(asc(documents.id));
      return rows.map((r) => r.id);
    },
    async contractSchemesOf(tenantId, customerIds) {
      if (!customerIds.length) return new Map();
      const rows = await rowsOf<{ customer_id: string; contract_scheme: string | null; basic_scheme: string | null }>(
        tx,
        sql`
        with only_contract as (
          select customer_id, min(id) as id from contracts
          where tenant_id = ${tenantId} and kind = 'customer' and status = 'active'
            and customer_id = any(${arrayParam(customerIds, 'text')})
          group by customer_id having count(*) = 1)
        select o.customer_id, k.invoicing_scheme_id as contract_scheme, b.invoicing_scheme_id as basic_scheme
        from only_contract o join contracts k on k.tenant_id = ${tenantId} and k.id = o.id
        left join contracts b on b.tenant_id = ${tenantId} and b.id = k.basic_contract_id`,
      );
      return new Map(
        rows.map((r) => [r.customer_id, { contractScheme: r.contract_scheme, basicContractScheme: r.basic_scheme }]),
      );
    },
  };
}
