import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { ExchangeRateRecord } from '../ports/payments.ts';
import { conflict, invalid, notFound, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { Dec, parseDecimal } from '../../core/money/decimal.ts';

const present = (r: ExchangeRateRecord) => ({ ...r, rate: new Dec(r.rate).toString() });

/**
 * Rates are history: a new rate is a new row valid from its date; the rate of a date is the latest
 * one valid on it. A second rate for the same currency and date is refused (add a later one).
 */
export async function addExchangeRate(
  deps: Deps,
  ctx: CallContext,
  input: { currency: string; rate: string; validFrom: string },
) {
  const errors: FieldError[] = [];
  if (!isCurrency(input.currency))
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: `${input.currency} is not an ISO 4217 currency`,
    });
  const rate = parseDecimal(input.rate);
  if (!rate || rate.lte(0)) errors.push({ field: 'rate', code: 'INVALID_RATE', message: 'a positive decimal string' });
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    if (input.currency === tenant.currency)
      throw invalid([
        { field: 'currency', code: 'BASE_CURRENCY', message: `${tenant.currency} is the base currency (rate 1)` },
      ]);
    const same = (await s.payments.listRates(ctx.tenantId, input.currency)).find(
      (r) => r.validFrom === input.validFrom,
    );
    if (same)
      throw conflict('EXCHANGE_RATE_EXISTS', `${input.currency} already has a rate valid from ${input.validFrom}`, {
        exchangeRateId: same.id,
      });
    const after = await s.payments.insertRate({ id: newId('fx'), tenantId: ctx.tenantId, ...input });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'exchange_rate',
      objectId: after.id,
      action: 'created',
      after,
    });
    return present(after);
  });
}

export async function listExchangeRates(deps: Deps, ctx: CallContext, currency?: string) {
  return (await deps.uow.run((s) => s.payments.listRates(ctx.tenantId, currency))).map(present);
}
