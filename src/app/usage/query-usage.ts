import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { DestinationTotal, UnratedCount, UsageFilter, UsageRecord } from '../ports/usage.ts';
import { invalid, notFound } from '../errors.ts';
import { parseCallInstant as parseInstant } from '../../core/usage/instant.ts';
import { checkUsageFilter } from './usage-filter.ts';
import { looksLikeId } from '../ids.ts';

/** Usage in start-time order; the cursor is the last record's start time and id. */
export function listUsage(
  deps: Deps,
  ctx: CallContext,
  filter: UsageFilter,
  page: PageRequest,
): Promise<Page<UsageRecord>> {
  const checked = checkUsageFilter(filter);
  // The cursor is "startedAt|id" as the previous page gave it.
  const [time, id] = page.after?.split('|') ?? [];
  if (page.after !== undefined && (!time || !parseInstant(time) || !looksLikeId(id ?? ''))) {
    throw invalid([{ field: 'cursor', code: 'INVALID_CURSOR', message: 'pass nextCursor unchanged' }]);
  }
  return deps.uow.run((s) => s.usage.listRecords(ctx.tenantId, checked, page));
}

export async function getUsageRecord(deps: Deps, ctx: CallContext, id: string): Promise<UsageRecord> {
  if (!looksLikeId(id)) throw notFound('Usage record', id);
  const page = await deps.uow.run((s) => s.usage.listRecords(ctx.tenantId, { id }, { limit: 1 }));
  if (!page.data.length) throw notFound('Usage record', id);
  return page.data[0];
}

export interface UsageTotals {
  data: DestinationTotal[];
  /** Sums per currency over every destination (a tenant may bill in several currencies). */
  totals: Array<{
    currency: string | null;
    calls: number;
    unratedCalls: number;
    durationSeconds: number;
    billableSeconds: number;
    amount: string;
  }>;
}

/** Calls, seconds and amount per destination; amounts are summed in SQL over numeric, exactly. */
export async function usageTotals(deps: Deps, ctx: CallContext, filter: UsageFilter): Promise<UsageTotals> {
  const checked = checkUsageFilter(filter);
  return deps.uow.run(async (s) => {
    const data = await s.usage.totals(ctx.tenantId, checked, 'destination');
    const byCurrency = await s.usage.totals(ctx.tenantId, checked, 'currency');
    return { data, totals: byCurrency.map(({ prefix: _p, destination: _d, ...rest }) => rest) };
  });
}

/** Unrated records per customer, with their reasons: what blocks invoicing a period. */
export function unratedCounts(deps: Deps, ctx: CallContext, filter: UsageFilter): Promise<UnratedCount[]> {
  const checked = checkUsageFilter(filter);
  return deps.uow.run((s) => s.usage.unratedCounts(ctx.tenantId, checked));
}
