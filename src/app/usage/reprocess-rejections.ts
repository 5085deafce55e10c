import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { RejectionFilter, RejectionSummary, UsageImport, UsageRejection } from '../ports/usage.ts';
import { notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { UsageIngestor } from './usage-ingestor.ts';
import { rowFromStored } from './import-rows.ts';
import { storable } from './store-rejections.ts';

const PAGE = 1_000;

export interface ReprocessResult {
  processed: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  /** Rows a classification rule now ignores: resolved, not stored. */
  ignored: number;
  stillRejected: number;
}

/**
 * Runs open rejections through ingestion again, after the operator fixed what made them fail
 * (usually a customer mapping: an account code or a caller number). Rows that now pass are
 * stored and their rejection is resolved; the others stay open with their current reason.
 */
export async function reprocessRejections(
  deps: Deps,
  ctx: CallContext,
  filter: Omit<RejectionFilter, 'status'>,
): Promise<ReprocessResult> {
  const result: ReprocessResult = {
    processed: 0,
    accepted: 0,
    duplicates: 0,
    skipped: 0,
    ignored: 0,
    stillRejected: 0,
  };
  const ingestors = new Map<string, UsageIngestor>();
  const imports = new Map<string, UsageImport | null>();
  let after: string | undefined;
  for (;;) {
    const page = await deps.uow.run((s) =>
      s.usage.listRejections(ctx.tenantId, { ...filter, status: 'open' }, { limit: PAGE, after }),
    );
    if (!page.data.length) break;
    // Rejections of different sources default differently; group them so each gets its ingestor.
    const bySource = new Map<string, UsageRejection[]>();
    for (const r of page.data) bySource.set(r.source ?? 'api', [...(bySource.get(r.source ?? 'api') ?? []), r]);
    for (const [source, rejections] of bySource) {
      let ingestor = ingestors.get(source);
      if (!ingestor) ingestors.set(source, (ingestor = await UsageIngestor.open(deps, ctx.tenantId, source)));
      await reprocessGroup(deps, ctx, ingestor, rejections, imports, result);
    }
    if (!page.next) break;
    after = page.next;
  }
  await deps.uow.run((s) =>
    recordChange(s, ctx, deps.clock, {
      objectType: 'usage_rejection',
      objectId: filter.importId ?? 'all',
      action: 'reprocessed',
      after: { filter, ...result },
    }),
  );
  return result;
}

async function reprocessGroup(
  deps: Deps,
  ctx: CallContext,
  ingestor: UsageIngestor,
  rejections: UsageRejection[],
  imports: Map<string, UsageImport | null>,
  result: ReprocessResult,
) {
  for (const id of new Set(rejections.map((r) => r.importId).filter((x): x is string => x !== null))) {
    if (!imports.has(id)) imports.set(id, await deps.uow.run((s) => s.usage.getImport(ctx.tenantId, id)));
  }
  // Each row's position is its index here, which maps the outcome back to the rejection's id.
  const rows = rejections.map((r, index) => {
    const imp = r.importId ? (imports.get(r.importId) ?? null) : null;
    return rowFromStored(
      index,
      r.raw,
      imp?.format ?? (r.importId ? 'csv' : null),
      (imp?.mapping ?? null) as Record<string, string> | null,
      imp?.options.timezone ?? ingestor.timeZone,
    );
  });
  const prepared = ingestor.prepare(rows);
  await deps.uow.run(async (session) => {
    const outcome = await ingestor.write(session, prepared, null);
    const still = new Map(outcome.rejected.map((r) => [rejections[r.position]!.id, r]));
    const resolved = rejections.filter((r) => !still.has(r.id)).map((r) => r.id);
    await session.usage.resolveRejections(ctx.tenantId, resolved, 'resolved', deps.clock.now().toString());
    for (const r of rejections) {
      const again = still.get(r.id);
      // A row that cannot be rebuilt keeps the reason it was first rejected for.
      if (again && again.code !== 'UNREADABLE_ROW' && (again.code !== r.code || again.detail !== r.detail)) {
        await session.usage.updateRejection(ctx.tenantId, r.id, {
          code: again.code,
          detail: again.detail,
          errors: storable(again.errors) as typeof again.errors,
        });
      }
    }
    result.processed += rejections.length;
    result.accepted += outcome.accepted;
    result.duplicates += outcome.duplicates;
    result.skipped += outcome.skipped;
    result.ignored += outcome.ignored.length;
    result.stillRejected += still.size;
  });
}

export function listRejections(
  deps: Deps,
  ctx: CallContext,
  filter: RejectionFilter,
  page: PageRequest,
): Promise<Page<UsageRejection>> {
  return deps.uow.run((s) => s.usage.listRejections(ctx.tenantId, filter, page));
}

/** An import's rejections per code, with counts and the first few file lines of each. */
export function rejectionSummary(deps: Deps, ctx: CallContext, importId: string): Promise<RejectionSummary[]> {
  return deps.uow.run((s) => s.usage.rejectionSummary(ctx.tenantId, importId, 5));
}

/** An operator decides a rejected row will never be billed: it is closed, not deleted. */
export async function discardRejection(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const changed = await session.usage.resolveRejections(ctx.tenantId, [id], 'discarded', deps.clock.now().toString());
    if (!changed) throw notFound('Open usage rejection', id);
    await recordChange(session, ctx, deps.clock, { objectType: 'usage_rejection', objectId: id, action: 'discarded' });
  });
}
