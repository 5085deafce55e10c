import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Charge, ChargeFilter } from '../ports/charges.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';

export async function getCharge(deps: Deps, ctx: CallContext, id: string): Promise<Charge> {
  const charge = await deps.uow.run((session) => session.charges.get(ctx.tenantId, id));
  if (!charge) throw notFound('Charge', id);
  return charge;
}

export function listCharges(
  deps: Deps,
  ctx: CallContext,
  filter: ChargeFilter,
  page: PageRequest,
): Promise<Page<Charge>> {
  return deps.uow.run((session) => session.charges.list(ctx.tenantId, filter, page));
}
