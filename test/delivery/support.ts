import type { ApiClient, TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

/** A tenant that sends email through the catcher's port, and a way to bill new customers. */
export async function emailingTenant(env: TestEnv, port: number, delivery: Record<string, unknown> = {}) {
  const t = await invoicingTenant(env);
  const smtp = await t.api('PUT', '/api/v1/settings/smtp', {
    host: '127.0.0.1',
    port,
    tls: 'none',
    user: 'billing',
    password: 's3cret-Password',
    from: 'billing@acme-telecom.example',
    fromName: 'Acme Telecom billing',
    replyTo: 'accounts@acme-telecom.example',
  });
  if (smtp.status !== 200) throw new Error(`smtp settings: ${smtp.status} ${smtp.raw}`);
  const put = await t.api('PUT', '/api/v1/settings/delivery', { sendIntervalMinutes: 0, ...delivery });
  if (put.status !== 200) throw new Error(`delivery settings: ${put.status} ${put.raw}`);
  return t;
}

let customerSeq = 0;

/** A new customer with January's calls, and its January invoice generated (and issued unless told). */
export async function billCustomer(
  env: TestEnv,
  t: { api: ApiClient; tenantId: string; sequenceId: string },
  customer: Record<string, unknown> = {},
  options: { issue?: boolean } = {},
) {
  customerSeq += 1;
  const created = await t.api('POST', '/api/v1/customers', {
    name: `Customer ${customerSeq} SL`,
    taxId: `B0000${String(customerSeq).padStart(4, '0')}`,
    currency: 'EUR',
    timezone: 'Europe/Madrid',
    email: `ap${customerSeq}@client.example`,
    address: { line1: 'Gran Via 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    ...customer,
  });
  if (created.status !== 201) throw new Error(`customer: ${created.status} ${created.raw}`);
  await seedUsage(env, t.tenantId, created.body.id, [
    { startedAt: '2026-01-12T10:00:00Z', durationSeconds: 120, callee: '34911111111', price: '2.5000' },
  ]);
  const doc = await makeInvoice(
    env,
    t.api,
    {
      type: 'invoice',
      customerId: created.body.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      numberSequenceId: t.sequenceId,
    },
    { issue: options.issue ?? true },
  );
  return { customer: created.body, doc };
}

export const deliveriesOf = async (api: ApiClient, documentId: string) =>
  (await api('GET', `/api/v1/documents/${documentId}/deliveries`)).body.data as Array<Record<string, any>>;
