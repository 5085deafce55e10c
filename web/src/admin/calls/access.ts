import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export type ApiKey = Schemas['ApiKey'];

export const apiKeys: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/api-keys')),
  // The answer carries the key itself, this once: the screen shows it to be stored.
  create: (body: { name: string; role: ApiKey['role'] }) => unwrap(api.POST('/api/v1/api-keys', { body })),
};

export const revokeApiKey = (id: string) =>
  unwrap(api.POST('/api/v1/api-keys/{id}/revoke', { ...byId(id), body: {} as never }));

export const auditEvents: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/audit-events', { params: { query: q<QueryOf<'listAuditEvents'>>(query) } })),
};

/** A password reset link for a user (valid one hour), shown to the admin to pass on. */
export const passwordResetLink = (id: string) =>
  unwrap(api.POST('/api/v1/users/{id}/password-reset', byId(id))) as Promise<Schemas['AccountLink']>;

/** Ends every session of a user: it signs in again on each device. */
export const endUserSessions = async (id: string) => {
  await unwrap(api.DELETE('/api/v1/users/{id}/sessions', byId(id)));
};
