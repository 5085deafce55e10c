import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { PageRequest } from '../ports/audit.ts';
import { customerBalance, customerStatement } from '../payments/customer-balance.ts';
import { listPayments } from '../payments/list-payments.ts';
import { ownCustomer } from './portal-documents.ts';

// The customer's money as the portal shows it: the same balance, statement and payments the
// operator sees on the customer card, always of the caller's own customer.

export const portalBalance = (deps: Deps, ctx: CallContext) => customerBalance(deps, ctx, ownCustomer(ctx));

export const portalStatement = (
  deps: Deps,
  ctx: CallContext,
  range: { from?: string | undefined; to?: string | undefined },
) => customerStatement(deps, ctx, ownCustomer(ctx), range);

export const portalPayments = (
  deps: Deps,
  ctx: CallContext,
  filter: { receivedFrom?: string | undefined; receivedTo?: string | undefined },
  page: PageRequest,
) => listPayments(deps, ctx, { ...filter, customerId: ownCustomer(ctx) }, page);
