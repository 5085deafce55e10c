import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { CustomerTokenRecord } from '../ports/customer-tokens.ts';
import { notFound, unauthorized } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';

// A customer's own systems (an ERP fetching its invoices) read the portal API with a token bound
// to that customer, as a signed-in customer user would. Like API keys, a token is a 256-bit
// random secret shown once and stored as its SHA-256; its own prefix tells it from an API key.

export const CUSTOMER_TOKEN_PREFIX = 'tbc_';

export const isCustomerToken = (bearer: string) => bearer.startsWith(CUSTOMER_TOKEN_PREFIX);

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueCustomerToken(
  deps: Deps,
  ctx: CallContext,
  customerId: string,
  input: { name: string },
): Promise<{ token: CustomerTokenRecord; secret: string }> {
  return deps.uow.run(async (s) => {
    if (!(await s.customers.get(ctx.tenantId, customerId))) throw notFound('Customer', customerId);
    const secret = `${CUSTOMER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token = await s.customerTokens.insert(
      { id: newId('ctk'), tenantId: ctx.tenantId, customerId, name: input.name, tokenPrefix: secret.slice(0, 12) },
      hashToken(secret),
    );
    await recordChange(s, ctx, deps.clock, {
      objectType: 'customer_token',
      objectId: token.id,
      action: 'created',
      after: token,
    });
    return { token, secret };
  });
}

export function listCustomerTokens(deps: Deps, ctx: CallContext, customerId: string): Promise<CustomerTokenRecord[]> {
  return deps.uow.run(async (s) => {
    if (!(await s.customers.get(ctx.tenantId, customerId))) throw notFound('Customer', customerId);
    return s.customerTokens.listOf(ctx.tenantId, customerId);
  });
}

export function revokeCustomerToken(
  deps: Deps,
  ctx: CallContext,
  customerId: string,
  id: string,
): Promise<CustomerTokenRecord> {
  return deps.uow.run(async (s) => {
    const before = (await s.customerTokens.listOf(ctx.tenantId, customerId)).find((t) => t.id === id);
    if (!before) throw notFound('Customer token', id);
    if (before.revokedAt) return before;
    const after = (await s.customerTokens.revoke(ctx.tenantId, customerId, id, deps.clock.now().toString()))!;
    await recordChange(s, ctx, deps.clock, {
      objectType: 'customer_token',
      objectId: id,
      action: 'revoked',
      before,
      after,
    });
    return after;
  });
}

/** The caller behind a customer token: read-only, and only on the customer-scoped routes. */
export async function authenticateCustomerToken(deps: Deps, secret: string): Promise<CallContext> {
  const token = await deps.uow.run((s) => s.customerTokens.findByHash(hashToken(secret)));
  if (!token || token.revokedAt)
    throw unauthorized('INVALID_CUSTOMER_TOKEN', 'The customer token is unknown or revoked');
  return {
    tenantId: token.tenantId,
    actor: { type: 'customer_token', id: token.id },
    role: 'viewer',
    customerId: token.customerId,
  };
}
