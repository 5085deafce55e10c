import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Tenant, TenantSettings } from '../ports/tenancy.ts';
import { invalid, notFound, type FieldError } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { isTimeZone } from '../../core/time/zones.ts';

export async function getTenant(deps: Deps, ctx: CallContext): Promise<Tenant> {
  const tenant = await deps.uow.run((session) => session.tenancy.getTenant(ctx.tenantId));
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  return tenant;
}

export interface TenantPatch {
  name?: string | undefined;
  timezone?: string | undefined;
  currency?: string | undefined;
  locale?: string | undefined;
  settings?: TenantSettings | undefined;
}

export async function updateTenant(deps: Deps, ctx: CallContext, patch: TenantPatch): Promise<Tenant> {
  const errors: FieldError[] = [];
  if (patch.timezone !== undefined && !isTimeZone(patch.timezone))
    errors.push({ field: 'timezone', code: 'INVALID_TIMEZONE', message: `unknown time zone ${patch.timezone}` });
  if (patch.currency !== undefined && !isCurrency(patch.currency))
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: `${patch.currency} is not an ISO 4217 currency`,
    });
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const before = await session.tenancy.getTenant(ctx.tenantId);
    if (!before) throw notFound('Tenant', ctx.tenantId);
    const settings = patch.settings ? { ...before.settings, ...patch.settings } : undefined;
    const clean = Object.fromEntries(Object.entries({ ...patch, settings }).filter(([, v]) => v !== undefined));
    const after = await session.tenancy.updateTenant(ctx.tenantId, clean);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'tenant',
      objectId: ctx.tenantId,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}
