import type { ApiClient, TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { customerBalance, customerStatement } from '../../src/app/payments/customer-balance.ts';
import type { CallContext } from '../../src/app/context.ts';

const ctxOf = (t: { tenantId: string }): CallContext => ({
  tenantId: t.tenantId,
  actor: { type: 'system', id: 'test' },
  role: 'admin',
});
/** Balance and statement through their use cases (their routes are not exposed yet). */
export const balanceOf = (env: TestEnv, t: { tenantId: string; customerId: string }) =>
  customerBalance(env.runtime.deps, ctxOf(t), t.customerId);
export const statementOf = (env: TestEnv, t: { tenantId: string; customerId: string }) =>
  customerStatement(env.runtime.deps, ctxOf(t), t.customerId, {});

/** A tenant with a customer, ready to issue invoices of chosen totals (a fixed cost, no tax). */
export async function paymentsTenant(env: TestEnv) {
  const t = await invoicingTenant(env, { timezone: 'UTC', customerTimezone: 'UTC' });
  let month = 0;
  /** Issues an invoice of `total` EUR for the next free month of 2026 (periods must not overlap). */
  const invoice = async (total: string, options: { customerId?: string; terms?: number } = {}) => {
    month += 1;
    const m = String(month).padStart(2, '0');
    const cost = (await t.api('POST', '/api/v1/fixed-costs', { name: `Fee ${m}`, cost: total })).body;
    const created = await t.api('POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: options.customerId ?? t.customerId,
      periodStart: `2025-${m}-01`,
      periodEnd: `2025-${m}-28`,
      numberSequenceId: t.sequenceId,
      taxRate: '0',
      paymentTermsDays: options.terms ?? 14,
    });
    if (created.status !== 201) throw new Error(`create failed: ${created.raw}`);
    await t.api('POST', `/api/v1/documents/${created.body.id}/fixed-costs`, { fixedCostId: cost.id, quantity: 1 });
    return makeInvoiceFrom(env, t.api, created.body.id);
  };
  /** Issues an invoice for a period, billing whatever the customer owes in it (its charges). */
  const invoiceOf = async (period: { periodStart: string; periodEnd: string; terms?: number }) => {
    const created = await t.api('POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      numberSequenceId: t.sequenceId,
      taxRate: '0',
      paymentTermsDays: period.terms ?? 14,
    });
    if (created.status !== 201) throw new Error(`create failed: ${created.raw}`);
    return makeInvoiceFrom(env, t.api, created.body.id);
  };
  const pay = (amount: string, extra: Record<string, unknown> = {}) =>
    t.api('POST', '/api/v1/payments', { customerId: t.customerId, amount, currency: 'EUR', ...extra });
  const doc = async (id: string) => (await t.api('GET', `/api/v1/documents/${id}`)).body;
  return { ...t, invoice, invoiceOf, pay, doc };
}

async function makeInvoiceFrom(env: TestEnv, api: ApiClient, id: string) {
  await api('POST', `/api/v1/documents/${id}/generate`);
  await env.runtime.queue.drain();
  const issued = await api('POST', `/api/v1/documents/${id}/issue`);
  if (issued.status !== 200) throw new Error(`issue failed: ${issued.status} ${issued.raw}`);
  await env.runtime.queue.drain();
  return (await api('GET', `/api/v1/documents/${id}`)).body;
}

export { makeInvoice };
