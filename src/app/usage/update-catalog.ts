import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FieldError } from '../errors.ts';
import { invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { normalizeNumber } from '../../core/rating/index.ts';
import { parseDestinationsCsv, parseRatesCsv, type CatalogRejection } from './catalog-csv.ts';
import { checkRates, loadPlan, type RateInput } from './manage-rate-plans.ts';
import { decodeAll } from './decode-text.ts';

// Bulk changes to the catalog: rate sheets (JSON or CSV) and destination lists. A changed rate
// applies to calls rated from now on; stored calls keep their price until re-rated explicitly
// (POST /usage-records/rerate), because records already invoiced must not move silently.

export interface RatesChange {
  created: number;
  updated: number;
  deleted: number;
  rateCount: number;
  rejected: CatalogRejection[];
}

const text = (body: Uint8Array | string) => (typeof body === 'string' ? body : decodeAll(body));

/** Inserts or updates rates by prefix; with replace, the plan ends up with exactly these rates. */
export async function upsertRates(
  deps: Deps,
  ctx: CallContext,
  planId: string,
  rates: RateInput[],
  replace: boolean,
): Promise<RatesChange> {
  const errors: FieldError[] = [];
  const rows = checkRates(rates, errors);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    await loadPlan(session, ctx.tenantId, planId);
    const counts = await session.rating.upsertRates(ctx.tenantId, planId, rows, replace);
    const plan = await loadPlan(session, ctx.tenantId, planId);
    const result = { ...counts, rateCount: plan.rateCount, rejected: [] };
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan',
      objectId: planId,
      action: 'rates_updated',
      after: { replace, ...counts, rateCount: plan.rateCount },
    });
    return result;
  });
}

/**
 * A rate sheet as CSV (prefix, pricePerMinute, and optionally connectionFee, minimumSeconds,
 * incrementSeconds, name). Names create or rename the destinations of those prefixes. With
 * replace, prefixes not in the sheet are removed from the plan — unless the sheet had bad rows,
 * in which case nothing is removed, so a half-read sheet never deletes rates.
 */
export async function importRates(
  deps: Deps,
  ctx: CallContext,
  planId: string,
  body: Uint8Array | string,
  replace: boolean,
): Promise<RatesChange> {
  const { rows, rejected } = parseRatesCsv(text(body));
  return deps.uow.run(async (session) => {
    await loadPlan(session, ctx.tenantId, planId);
    const named = rows
      .filter((r) => r.name !== null)
      .map((r) => ({ id: newId('dst'), prefix: r.rate.prefix, name: r.name! }));
    if (named.length) await session.rating.upsertDestinations(ctx.tenantId, named);
    const counts = await session.rating.upsertRates(
      ctx.tenantId,
      planId,
      rows.map((r) => r.rate),
      replace && rejected.length === 0,
    );
    const plan = await loadPlan(session, ctx.tenantId, planId);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan',
      objectId: planId,
      action: 'rates_imported',
      after: { replace, ...counts, rejected: rejected.length, rateCount: plan.rateCount },
    });
    return { ...counts, rateCount: plan.rateCount, rejected };
  });
}

export async function deleteRate(deps: Deps, ctx: CallContext, planId: string, prefix: string): Promise<void> {
  const digits = normalizeNumber(prefix);
  await deps.uow.run(async (session) => {
    await loadPlan(session, ctx.tenantId, planId);
    if (!digits || !(await session.rating.deleteRate(ctx.tenantId, planId, digits)))
      throw notFound('Rate', `${planId}/${prefix}`);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan',
      objectId: planId,
      action: 'rate_deleted',
      before: { prefix: digits },
    });
  });
}

/** A destination list as CSV (prefix, name): new prefixes are added, known ones renamed. */
export async function importDestinations(
  deps: Deps,
  ctx: CallContext,
  body: Uint8Array | string,
): Promise<{ created: number; updated: number; unchanged: number; rejected: CatalogRejection[] }> {
  const { rows, rejected } = parseDestinationsCsv(text(body));
  return deps.uow.run(async (session) => {
    const counts = rows.length
      ? await session.rating.upsertDestinations(
          ctx.tenantId,
          rows.map((r) => ({ id: newId('dst'), prefix: r.prefix, name: r.name })),
        )
      : { created: 0, updated: 0 };
    const result = { ...counts, unchanged: rows.length - counts.created - counts.updated, rejected };
    const importId = newId('dimp');
    await recordChange(session, ctx, deps.clock, {
      objectType: 'destination_import',
      objectId: importId,
      action: 'imported',
      after: { ...counts, unchanged: result.unchanged, rejected: rejected.length },
    });
    return result;
  });
}
