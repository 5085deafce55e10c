import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FieldError } from '../errors.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { Rate, RatePlan } from '../ports/rating.ts';
import type { Session } from '../ports/session.ts';
import { invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { isValidDate } from '../../core/time/dates.ts';
import { normalizeNumber } from '../../core/rating/index.ts';
import { rateIssues, withRateDefaults } from './catalog-csv.ts';

export interface RateInput {
  prefix: string;
  pricePerMinute: string;
  connectionFee?: string | undefined;
  minimumSeconds?: number | undefined;
  incrementSeconds?: number | undefined;
}

export interface RatePlanInput {
  name: string;
  currency: string;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
  rates?: RateInput[] | undefined;
}

export type RatePlanWithRates = RatePlan & { rates: Rate[] };

/** Plan validity: dates in the tenant's zone, from inclusive, to exclusive. */
export function checkValidity(
  validFrom: string | null | undefined,
  validTo: string | null | undefined,
  errors: FieldError[],
): void {
  if (validFrom != null && !isValidDate(validFrom))
    errors.push({ field: 'validFrom', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (validTo != null && !isValidDate(validTo))
    errors.push({ field: 'validTo', code: 'INVALID_DATE', message: 'must be YYYY-MM-DD' });
  if (validFrom != null && validTo != null && !errors.length && validTo <= validFrom) {
    errors.push({
      field: 'validTo',
      code: 'INVALID_PERIOD',
      message: 'validTo must be after validFrom (it is exclusive)',
    });
  }
}

/** Rates checked with core/rating's rules; each problem names rates[i].field. Prefixes come back normalised. */
export function checkRates(rates: readonly RateInput[], errors: FieldError[]) {
  const rows = rates.map(withRateDefaults);
  for (const [index, issues] of rateIssues(rows)) {
    for (const issue of issues) errors.push({ ...issue, field: `rates[${index}].${issue.field}` });
  }
  return rows.map((r) => ({ ...r, prefix: normalizeNumber(r.prefix) ?? r.prefix }));
}

export async function loadPlan(session: Session, tenantId: string, id: string): Promise<RatePlan> {
  const plan = await session.rating.getPlan(tenantId, id);
  if (!plan) throw notFound('Rate plan', id);
  return plan;
}

export async function createRatePlan(deps: Deps, ctx: CallContext, input: RatePlanInput): Promise<RatePlanWithRates> {
  const errors: FieldError[] = [];
  const name = input.name?.trim();
  if (!name || name.length > 200 || name.includes('\u0000'))
    errors.push({ field: 'name', code: 'INVALID_NAME', message: 'a name is 1-200 characters' });
  if (!isCurrency(input.currency))
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: `${input.currency} is not an ISO 4217 currency`,
    });
  checkValidity(input.validFrom, input.validTo, errors);
  const rates = checkRates(input.rates ?? [], errors);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const created = await session.rating.insertPlan({
      id: newId('rp'),
      tenantId: ctx.tenantId,
      name: name!,
      currency: input.currency,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
    });
    if (rates.length) await session.rating.upsertRates(ctx.tenantId, created.id, rates, false);
    const plan = await loadPlan(session, ctx.tenantId, created.id);
    // The audit keeps the plan and its size; a rate sheet of 50,000 rows belongs in the plan, not the log.
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan',
      objectId: plan.id,
      action: 'created',
      after: plan,
    });
    return { ...plan, rates: await session.rating.rates(ctx.tenantId, plan.id) };
  });
}

export async function updateRatePlan(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<Pick<RatePlanInput, 'name' | 'validFrom' | 'validTo'>>,
): Promise<RatePlan> {
  const errors: FieldError[] = [];
  const name = patch.name?.trim();
  if (patch.name !== undefined && (!name || name.length > 200 || name.includes('\u0000')))
    errors.push({ field: 'name', code: 'INVALID_NAME', message: 'a name is 1-200 characters' });
  checkValidity(patch.validFrom, patch.validTo, errors);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const before = await loadPlan(session, ctx.tenantId, id);
    const validFrom = patch.validFrom === undefined ? before.validFrom : patch.validFrom;
    const validTo = patch.validTo === undefined ? before.validTo : patch.validTo;
    checkValidity(validFrom, validTo, errors);
    if (errors.length) throw invalid(errors);
    const after = await session.rating.updatePlan(ctx.tenantId, id, { ...(name ? { name } : {}), validFrom, validTo });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after!;
  });
}

export async function getRatePlan(deps: Deps, ctx: CallContext, id: string): Promise<RatePlanWithRates> {
  return deps.uow.run(async (session) => {
    const plan = await loadPlan(session, ctx.tenantId, id);
    return { ...plan, rates: await session.rating.rates(ctx.tenantId, id) };
  });
}

export function listRatePlans(deps: Deps, ctx: CallContext, page: PageRequest): Promise<Page<RatePlan>> {
  return deps.uow.run((s) => s.rating.listPlans(ctx.tenantId, page));
}

export async function listRates(
  deps: Deps,
  ctx: CallContext,
  planId: string,
  filter: { prefix?: string | undefined },
  page: PageRequest,
): Promise<Page<Rate>> {
  if (filter.prefix !== undefined && !/^[0-9%]{1,40}$/.test(filter.prefix)) {
    throw invalid([{ field: 'prefix', code: 'INVALID_PATTERN', message: 'digits, with % for any digits (35%, %67)' }]);
  }
  return deps.uow.run(async (session) => {
    await loadPlan(session, ctx.tenantId, planId);
    return session.rating.listRates(ctx.tenantId, planId, filter, page);
  });
}
