import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export const generationSessions: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/generation-sessions', { params: { query: q<QueryOf<'listGenerationSessions'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/generation-sessions/{id}', byId(id))),
};

export const bulkActions: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/bulk-actions', { params: { query: q<QueryOf<'listBulkActions'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/bulk-actions/{id}', byId(id))),
};

export type SessionStart = {
  documentType: 'invoice' | 'proforma';
  periodStart: string;
  periodEnd: string;
  billingPeriod?: 'weekly' | 'biweekly' | 'monthly';
  schemeId?: string;
};

/** Starts a session; the answer is the session in progress, which the list then shows. */
export const startSession = (body: SessionStart) =>
  unwrap(api.POST('/api/v1/generation-sessions', { body })) as Promise<Schemas['GenerationSession']>;
