import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export const contracts: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/contracts', { params: { query: q<QueryOf<'listContracts'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/contracts/{id}', byId(id))),
  create: (body: Schemas['Contract']) => unwrap(api.POST('/api/v1/contracts', { body: body as never })),
  update: (id, body: Partial<Schemas['Contract']>) =>
    unwrap(api.PATCH('/api/v1/contracts/{id}', { ...byId(id), body: body as never })),
};

export const subscriptions: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/subscriptions', { params: { query: q<QueryOf<'listSubscriptions'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/subscriptions/{id}', byId(id))),
  create: (body: Schemas['Subscription']) => unwrap(api.POST('/api/v1/subscriptions', { body: body as never })),
  update: (id, body: Partial<Schemas['Subscription']>) =>
    unwrap(api.PATCH('/api/v1/subscriptions/{id}', { ...byId(id), body: body as never })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/subscriptions/{id}', byId(id)));
  },
};

export const subscriptionActions = {
  suspend: (id: string, body: { from: string; to?: string | null }) =>
    unwrap(api.POST('/api/v1/subscriptions/{id}/suspend', { ...byId(id), body })),
  resume: (id: string, date: string) =>
    unwrap(api.POST('/api/v1/subscriptions/{id}/resume', { ...byId(id), body: { date } })),
};

export const charges: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/charges', { params: { query: q<QueryOf<'listCharges'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/charges/{id}', byId(id))),
  create: (body: Schemas['Charge']) => unwrap(api.POST('/api/v1/charges', { body: body as never })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/charges/{id}', byId(id)));
  },
};

export const produceCharges = (body: { periodStart: string; periodEnd: string; customerId?: string }) =>
  unwrap(api.POST('/api/v1/charges/produce', { body }));
