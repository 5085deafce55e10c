// A small integrator's program on the generated client: list customers, create an invoice for the
// first one, read its totals. `tsc` checks it against src/http/client/openapi.d.ts (CI regenerates
// that file from the routes and fails when it is stale), so a change to the contract that breaks
// integrators breaks the build; test/contract/contract.test.ts also runs it against a live server.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../src/http/client/openapi.d.ts';

export type TollbookClient = Client<paths>;
type Document = components['schemas']['Document'];

export function tollbookClient(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): TollbookClient {
  return createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

export interface InvoiceSummary {
  customerName: string;
  documentId: string;
  status: Document['status'];
  total: string;
  currency: string;
  lines: number;
}

/** Invoices the first customer for a period (a draft) and reads the draft's totals back. */
export async function invoiceFirstCustomer(
  client: TollbookClient,
  period: { start: string; end: string },
): Promise<InvoiceSummary> {
  const customers = await client.GET('/api/v1/customers', { params: { query: { limit: 10, status: 'active' } } });
  if (customers.error) throw new Error(`listCustomers: ${customers.error.code} ${customers.error.detail}`);
  const customer = customers.data.data[0];
  if (!customer) throw new Error('no customers');

  const created = await client.POST('/api/v1/documents', {
    params: { header: { 'idempotency-key': `example-${customer.id}-${period.start}` } },
    body: {
      customerId: customer.id,
      periodStart: period.start,
      periodEnd: period.end,
      metadata: { source: 'client-example' },
    },
  });
  if (created.error) throw new Error(`createDocument: ${created.error.code} ${created.error.detail}`);

  const read = await client.GET('/api/v1/documents/{id}', { params: { path: { id: created.data.id } } });
  if (read.error) throw new Error(`getDocument: ${read.error.code} ${read.error.detail}`);
  const document: Document = read.data;
  return {
    customerName: customer.name,
    documentId: document.id,
    status: document.status,
    total: document.totals.total,
    currency: document.currency,
    lines: document.lines.length,
  };
}
