import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { RerateUpdate } from '../ports/usage.ts';
import { conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { UsageIngestor } from './usage-ingestor.ts';
import { checkUsageFilter } from './usage-filter.ts';

const PAGE = 5_000;

export interface RerateRequest {
  customerId: string;
  from: string;
  to: string;
  destination?: string | undefined;
}

export interface RerateResult {
  selected: number;
  changed: number;
  rated: number;
  unrated: number;
  /** Drafts whose usage changed: they must be generated again before they are issued. */
  documentsNeedingRegeneration: string[];
}

/**
 * Rates a customer's records of a period (optionally one destination pattern) again with the
 * rate plans as they are now. Pre-rated records keep their upstream price. Records on an issued
 * document are never changed in place: the request is refused and names those documents (a
 * credit note corrects them). Drafts holding changed records are flagged for regeneration.
 * One transaction: either the whole selection is re-rated or nothing is.
 */
export async function rerateUsage(deps: Deps, ctx: CallContext, request: RerateRequest): Promise<RerateResult> {
  const req = checkUsageFilter(request, ['customerId', 'from', 'to']);
  const ingestor = await UsageIngestor.open(deps, ctx.tenantId, 'rerate');
  const filter = {
    customerId: req.customerId,
    from: req.from,
    to: req.to,
    destination: req.destination,
    preRated: false as const,
  };
  const result = await deps.uow.run(async (session) => {
    const customer = await session.customers.get(ctx.tenantId, req.customerId);
    if (!customer) throw notFound('Customer', req.customerId);
    const refuseIssued = async (lock: boolean) => {
      const issued = (await session.usage.documentsOf(ctx.tenantId, filter, lock))
        .filter((d) => d.status === 'issued')
        .map((d) => d.id);
      if (issued.length) {
        throw conflict(
          'RERATE_ISSUED_DOCUMENTS',
          `records of this selection are on issued documents (${issued.join(', ')}); correct those with a credit note`,
          { documentIds: issued },
        );
      }
    };
    // Locks the documents first (before any usage row), in the order generation takes them.
    await refuseIssued(true);
    const out: RerateResult = { selected: 0, changed: 0, rated: 0, unrated: 0, documentsNeedingRegeneration: [] };
    const touched = new Set<string>();
    for (let after: string | null = null; ;) {
      const page = await session.usage.rerateCandidates(ctx.tenantId, filter, after, PAGE);
      if (!page.length) break;
      const calls = page.map((r) => ({ customerId: r.customerId, startedAtMs: Date.parse(r.startedAt) }));
      await ingestor.prepareRating(session, calls);
      const updates: RerateUpdate[] = page.map((r, i) => ({
        id: r.id,
        ...ingestor.rate(customer, calls[i].startedAtMs, r.callee, r.durationSeconds),
      }));
      const ratedNow = updates.filter((u) => u.rated).length;
      out.rated += ratedNow;
      out.unrated += updates.length - ratedNow;
      const changed = await session.usage.applyRerate(ctx.tenantId, updates);
      for (const c of changed) if (c.documentId) touched.add(c.documentId);
      out.selected += page.length;
      out.changed += changed.length;
      after = page[page.length - 1].id;
    }
    // A document that got records of the selection while this ran (and was issued since) is caught
    // here; read without locking, so that a generation waiting on our rows cannot deadlock with us.
    await refuseIssued(false);
    out.documentsNeedingRegeneration = await session.usage.markDraftsForRegeneration(ctx.tenantId, [...touched]);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'customer',
      objectId: customer.id,
      action: 'usage_rerated',
      after: { ...req, ...out },
    });
    return out;
  });
  return result;
}
