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

export type Bulk = Schemas['BulkAction'];
export type BulkKind = Bulk['action'];
export type BulkOptions = { issueOrder?: 'customer_name' | 'account_code'; reason?: string };

/** Starts one tracked bulk action over the ticked documents; the answer is the action, then polled. */
export const startBulkAction = (action: BulkKind, documentIds: string[], options: BulkOptions = {}) =>
  unwrap(api.POST('/api/v1/bulk-actions', { body: { action, documentIds, ...options } })) as Promise<Bulk>;

/** The same over every document a generation session made (refused with 409 while it still runs). */
export function startSessionBulkAction(sessionId: string, action: BulkKind, options: BulkOptions = {}): Promise<Bulk> {
  const params = byId(sessionId);
  switch (action) {
    case 'issue':
      return unwrap(
        api.POST('/api/v1/generation-sessions/{id}/issue', {
          ...params,
          body: options.issueOrder ? { issueOrder: options.issueOrder } : {},
        }),
      );
    case 'cancel':
      return unwrap(
        api.POST('/api/v1/generation-sessions/{id}/cancel', {
          ...params,
          body: options.reason ? { reason: options.reason } : {},
        }),
      );
    case 'delete':
      return unwrap(api.POST('/api/v1/generation-sessions/{id}/delete', { ...params, body: {} }));
    case 'recalculate':
      return unwrap(api.POST('/api/v1/generation-sessions/{id}/recalculate', { ...params, body: {} }));
  }
}

export const readBulkAction = (id: string) => unwrap(api.GET('/api/v1/bulk-actions/{id}', byId(id))) as Promise<Bulk>;
