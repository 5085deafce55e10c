import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export const billGroups: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/bill-groups', { params: { query: q<QueryOf<'listBillGroups'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/bill-groups/{id}', byId(id))),
  create: (body: Schemas['BillGroup']) => unwrap(api.POST('/api/v1/bill-groups', { body: body as never })),
  update: (id, body: Partial<Schemas['BillGroup']>) =>
    unwrap(api.PATCH('/api/v1/bill-groups/{id}', { ...byId(id), body: body as never })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/bill-groups/{id}', byId(id)));
  },
};

export const billRuns: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/bill-runs', { params: { query: q<QueryOf<'listBillRuns'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/bill-runs/{id}', byId(id))),
};

/** Runs a bill group now, for its latest bill date (or the one given). */
export const startBillRun = (body: { billGroupId: string; billDate?: string }) =>
  unwrap(api.POST('/api/v1/bill-runs', { body }));
