// The call-and-expect helper is the usage tests' own; catalog tests use the same one.
import type { ApiClient } from '../support/runtime.ts';
import { ok } from '../usage/support.ts';
export { ok };

/** The field errors of a refusal as [field, code] pairs, for compact assertions. */
export const fieldCodes = (body: { errors: Array<{ field: string; code: string }> }) =>
  body.errors.map((e) => [e.field, e.code]);

export const sipTrunk = {
  code: 'SIP10',
  name: 'SIP trunk',
  names: { en: 'SIP trunk', ru: 'SIP-транк', es: 'Troncal SIP' },
  kind: 'recurring',
  period: 'month',
  currency: 'EUR',
  priceModel: 'flat',
  price: '30.00',
  taxRate: '21',
};

/** A tenant in Madrid with a monthly customer active since 2024 and a customer contract for it. */
export async function subscribedCustomer(api: ApiClient, name = 'Client Corp SA', language = 'en') {
  const customer = await ok(api, 'POST', '/api/v1/customers', {
    name,
    language,
    currency: 'EUR',
    billingPeriod: 'monthly',
    activationDate: '2024-01-01',
  });
  const basic = await ok(api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Business basic' });
  const contract = await ok(api, 'POST', '/api/v1/contracts', {
    customerId: customer.id,
    basicContractId: basic.id,
    number: `C-${name.slice(0, 6)}`,
    date: '2024-01-01',
  });
  return { customerId: customer.id as string, contractId: contract.id as string, basicContractId: basic.id as string };
}

/** Produces the scheduled charges of a month and answers the counts. */
export const produce = (api: ApiClient, month: { start: string; end: string }, customerId?: string) =>
  ok(api, 'POST', '/api/v1/charges/produce', { periodStart: month.start, periodEnd: month.end, customerId }, 200);

/** The scheduled charges of a subscription as [service period start, amount, active/period days]. */
export async function chargesOf(api: ApiClient, subscriptionId: string) {
  const list = await ok(api, 'GET', `/api/v1/charges?subscriptionId=${subscriptionId}&limit=100`);
  return (
    list.data as Array<{
      servicePeriodStart: string;
      amount: string;
      activeDays: number;
      periodDays: number;
      billingDate: string;
    }>
  )
    .sort((a, b) => a.servicePeriodStart.localeCompare(b.servicePeriodStart))
    .map((c) => [c.servicePeriodStart, c.amount, `${c.activeDays}/${c.periodDays}`, `billed ${c.billingDate}`]);
}

export const JAN = { start: '2024-01-01', end: '2024-01-31' };
export const FEB = { start: '2024-02-01', end: '2024-02-29' };
export const MAR = { start: '2024-03-01', end: '2024-03-31' };
export const APR = { start: '2024-04-01', end: '2024-04-30' };
