import type { Session } from '../ports/session.ts';
import { refusedField } from '../errors.ts';

/**
 * The rate of `currency` on `date`: 1 for the tenant's base currency, else the latest rate valid on
 * that date. A missing rate refuses the operation rather than guessing.
 */
export async function rateOn(
  s: Session,
  tenant: { id: string; currency: string },
  currency: string,
  date: string,
  field = 'currency',
): Promise<string> {
  if (currency === tenant.currency) return '1';
  const rate = await s.payments.rateOn(tenant.id, currency, date);
  if (rate === null)
    throw refusedField(
      'NO_EXCHANGE_RATE',
      field,
      `there is no exchange rate for ${currency} valid on ${date}; add one under /exchange-rates`,
      `no ${currency} rate on ${date}`,
    );
  return rate;
}
