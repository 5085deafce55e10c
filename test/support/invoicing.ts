import type { ApiClient, TestEnv } from './runtime.ts';

/** A tenant ready to invoice: a sender, a customer, an invoice number sequence. */
export async function invoicingTenant(
  env: TestEnv,
  options: { timezone?: string; customerTimezone?: string; prefix?: string } = {},
) {
  const t = await env.newTenant({ timezone: options.timezone ?? 'Europe/Madrid' });
  const api = t.api;
  await api('POST', '/api/v1/legal-entities', {
    name: 'Acme Telecom SL',
    taxId: 'ESB00000001',
    address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28001', country: 'ES' },
    bank: { iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' },
  });
  const customer = (
    await api('POST', '/api/v1/customers', {
      name: 'Client Corp SA',
      taxId: 'B98765432',
      email: 'ap@client.example',
      timezone: options.customerTimezone ?? 'Europe/Madrid',
      currency: 'EUR',
      address: { line1: 'Gran Via 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    })
  ).body;
  const sequence = (
    await api('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: options.prefix ?? 'TEST',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    })
  ).body;
  return { ...t, api, customerId: customer.id as string, sequenceId: sequence.id as string };
}

/** Adds the tenant's credit note number sequence (CN001, CN002, …). */
export function creditNoteSequence(api: ApiClient) {
  return api('POST', '/api/v1/number-sequences', {
    name: 'Credit notes',
    documentType: 'credit_note',
    prefix: 'CN',
    padding: 3,
    increment: 1,
    start: 1,
    reset: 'never',
  });
}

/** Creates, generates (draining the queue) and optionally issues an invoice. */
export async function makeInvoice(
  env: TestEnv,
  api: ApiClient,
  body: Record<string, unknown>,
  options: { issue?: boolean } = {},
) {
  const created = await api('POST', '/api/v1/documents', body);
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.raw}`);
  await api('POST', `/api/v1/documents/${created.body.id}/generate`);
  await env.runtime.queue.drain();
  if (options.issue) {
    const issued = await api('POST', `/api/v1/documents/${created.body.id}/issue`);
    if (issued.status !== 200) throw new Error(`issue failed: ${issued.status} ${issued.raw}`);
    await env.runtime.queue.drain();
  }
  return (await api('GET', `/api/v1/documents/${created.body.id}`)).body;
}
