import type { Temporal } from 'temporal-polyfill';

export type Role = 'admin' | 'accountant' | 'viewer';
export const roles: readonly Role[] = ['admin', 'accountant', 'viewer'];

export interface Actor {
  type: 'api_key' | 'user' | 'customer_token' | 'system';
  id: string;
}

/** Who is calling, for which tenant: every use case takes it and every query is scoped by it. */
export interface CallContext {
  tenantId: string;
  actor: Actor;
  role: Role;
  /** A portal user's own customer: such a caller reaches only the customer-scoped routes. */
  customerId?: string;
}

/** "Now" is injected so that tests and back-fills can run as of any time. */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemActor: Actor = { type: 'system', id: 'system' };
