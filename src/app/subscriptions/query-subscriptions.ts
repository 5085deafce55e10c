import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Subscription, SubscriptionFilter } from '../ports/subscriptions.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';

export async function getSubscription(deps: Deps, ctx: CallContext, id: string): Promise<Subscription> {
  const subscription = await deps.uow.run((session) => session.subscriptions.get(ctx.tenantId, id));
  if (!subscription) throw notFound('Subscription', id);
  return subscription;
}

export function listSubscriptions(
  deps: Deps,
  ctx: CallContext,
  filter: SubscriptionFilter,
  page: PageRequest,
): Promise<Page<Subscription>> {
  return deps.uow.run((session) => session.subscriptions.list(ctx.tenantId, filter, page));
}
