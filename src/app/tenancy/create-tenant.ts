import type { Deps } from '../deps.ts';
import type { Tenant, TenantSettings } from '../ports/tenancy.ts';
import { systemActor } from '../context.ts';
import { invalid, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { generateApiKey } from './api-key-secret.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { isTimeZone } from '../../core/time/zones.ts';

export interface CreateTenantInput {
  name: string;
  timezone: string;
  currency: string;
  locale?: string;
  settings?: TenantSettings;
}

/** Creates an operator (tenant) and its first admin API key, shown once. */
export async function createTenant(deps: Deps, input: CreateTenantInput): Promise<{ tenant: Tenant; apiKey: string }> {
  const errors: FieldError[] = [];
  if (!input.name.trim()) errors.push({ field: 'name', code: 'REQUIRED', message: 'name is required' });
  if (!isTimeZone(input.timezone))
    errors.push({ field: 'timezone', code: 'INVALID_TIMEZONE', message: `unknown time zone ${input.timezone}` });
  if (!isCurrency(input.currency))
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: `${input.currency} is not an ISO 4217 currency`,
    });
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const tenant = await session.tenancy.insertTenant({
      id: newId('ten'),
      name: input.name.trim(),
      timezone: input.timezone,
      currency: input.currency,
      locale: input.locale ?? 'en',
      settings: { paymentTermsDays: 14, roundingMode: 'half_up', ...input.settings },
    });
    const secret = generateApiKey();
    const key = await session.tenancy.insertApiKey(
      { id: newId('key'), tenantId: tenant.id, name: 'Initial admin key', role: 'admin', keyPrefix: secret.prefix },
      secret.hash,
    );
    const ctx = { tenantId: tenant.id, actor: systemActor };
    await recordChange(session, ctx, deps.clock, {
      objectType: 'tenant',
      objectId: tenant.id,
      action: 'created',
      after: tenant,
    });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'api_key',
      objectId: key.id,
      action: 'created',
      after: key,
    });
    return { tenant, apiKey: secret.key };
  });
}
