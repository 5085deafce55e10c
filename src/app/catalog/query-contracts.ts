import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Contract, ContractFilter } from '../ports/contracts.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';

export async function getContract(deps: Deps, ctx: CallContext, id: string): Promise<Contract> {
  const contract = await deps.uow.run((session) => session.contracts.get(ctx.tenantId, id));
  if (!contract) throw notFound('Contract', id);
  return contract;
}

export function listContracts(
  deps: Deps,
  ctx: CallContext,
  filter: ContractFilter,
  page: PageRequest,
): Promise<Page<Contract>> {
  return deps.uow.run((session) => session.contracts.list(ctx.tenantId, filter, page));
}
