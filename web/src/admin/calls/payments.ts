import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export type Payment = Schemas['Payment'];

/** The list's day filters as the instants the API takes: from the start of the first day to the end of the last. */
function instants({ receivedFrom, receivedTo }: Record<string, unknown>) {
  return {
    ...(receivedFrom ? { receivedFrom: `${String(receivedFrom)}T00:00:00Z` } : {}),
    ...(receivedTo ? { receivedTo: `${String(receivedTo)}T23:59:59.999Z` } : {}),
  };
}

export const payments: ResourceApi = {
  list: ({ receivedFrom, receivedTo, ...query }) =>
    unwrap(
      api.GET('/api/v1/payments', {
        params: { query: q<QueryOf<'listPayments'>>({ ...query, ...instants({ receivedFrom, receivedTo }) }) },
      }),
    ),
  one: (id) => unwrap(api.GET('/api/v1/payments/{id}', byId(id))),
  create: ({ receivedAt, ...body }: Schemas['Payment']) =>
    unwrap(
      api.POST('/api/v1/payments', {
        body: { ...body, ...(receivedAt ? { receivedAt: new Date(receivedAt).toISOString() } : {}) } as never,
      }),
    ),
};

/** What staff do to a payment by hand: give it a customer, bind it to a document, undo, reverse. */
export const paymentActions = {
  match: (id: string, customerId: string) =>
    unwrap(api.POST('/api/v1/payments/{id}/match', { ...byId(id), body: { customerId } })),
  bind: (id: string, body: { documentId: string; amount: string }) =>
    unwrap(api.POST('/api/v1/payments/{id}/allocations', { ...byId(id), body })),
  unbind: (id: string, allocationId: string) =>
    unwrap(api.DELETE('/api/v1/payments/{id}/allocations/{allocationId}', { params: { path: { id, allocationId } } })),
  reverse: (id: string, reason?: string) =>
    unwrap(api.POST('/api/v1/payments/{id}/reverse', { ...byId(id), body: reason ? { reason } : {} })),
};

export const allocationConfigurations: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/allocation-configurations')),
  one: (id) => unwrap(api.GET('/api/v1/allocation-configurations/{id}', byId(id))),
  create: (body: Schemas['AllocationConfiguration']) =>
    unwrap(api.POST('/api/v1/allocation-configurations', { body: body as never })),
  update: (id, body: Partial<Schemas['AllocationConfiguration']>) =>
    unwrap(api.PATCH('/api/v1/allocation-configurations/{id}', { ...byId(id), body: body as never })),
};

export const exchangeRates: ResourceApi = {
  list: (query) =>
    unwrap(
      api.GET('/api/v1/exchange-rates', {
        params: { query: query.currency ? { currency: String(query.currency) } : {} },
      }),
    ),
  create: (body: Schemas['ExchangeRate']) => unwrap(api.POST('/api/v1/exchange-rates', { body: body as never })),
};

export type StatementFormat = 'csv' | 'camt053';

/** Sends a bank statement file as it is; the answer reports every row. */
export const importStatement = (file: File, format: StatementFormat, mapping?: string) =>
  unwrap(
    api.POST('/api/v1/payment-imports', {
      params: { query: { format, fileName: file.name, ...(mapping ? { mapping } : {}) } },
      body: file as never,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/xml' },
    }),
  );
