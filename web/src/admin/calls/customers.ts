import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId } from './common.ts';

export type Balance = Schemas['CustomerBalance'];
export type Statement = Schemas['CustomerStatement'];
export type CustomerToken = Schemas['CustomerToken'];
export type PortalUser = Schemas['User'];

/** A customer's money and portal access, read and changed from the customer's screen. */
export const customerCalls = {
  balance: (id: string) => unwrap(api.GET('/api/v1/customers/{id}/balance', byId(id))),
  statement: (id: string, from?: string, to?: string) =>
    unwrap(
      api.GET('/api/v1/customers/{id}/statement', {
        params: { path: { id }, query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } },
      }),
    ),
  tokens: (id: string) => unwrap(api.GET('/api/v1/customers/{id}/portal-tokens', byId(id))),
  issueToken: (id: string, name: string) =>
    unwrap(api.POST('/api/v1/customers/{id}/portal-tokens', { ...byId(id), body: { name } })),
  revokeToken: (id: string, tokenId: string) =>
    unwrap(api.POST('/api/v1/customers/{id}/portal-tokens/{tokenId}/revoke', { params: { path: { id, tokenId } } })),
  /** Admins only (the API's user list); others see the invite button alone. */
  users: (customerId: string) => unwrap(api.GET('/api/v1/users', { params: { query: { customerId } } })),
  invite: (id: string, body: { email: string; name: string }) =>
    unwrap(api.POST('/api/v1/customers/{id}/users', { ...byId(id), body })),
};
