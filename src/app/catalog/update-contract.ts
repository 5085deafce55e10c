import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Contract, ContractStatus } from '../ports/contracts.ts';
import { invalid, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { assertAllocationConfigurationExists, assertSchemeExists } from './references.ts';
import { assertNumberFree } from './create-contract.ts';

export interface ContractPatch {
  name?: string | undefined;
  number?: string | undefined;
  date?: string | undefined;
  status?: ContractStatus | undefined;
  invoicingSchemeId?: string | null | undefined;
  allocationConfigurationId?: string | null | undefined;
}

/** Renames, renumbers, closes, re-schemes a contract or changes how its customer's payments are allocated; its kind, customer and basic contract stay. */
export async function updateContract(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: ContractPatch,
): Promise<Contract> {
  return deps.uow.run(async (session) => {
    const before = await session.contracts.get(ctx.tenantId, id);
    if (!before) throw notFound('Contract', id);
    await assertSchemeExists(session, ctx.tenantId, patch.invoicingSchemeId);
    if (patch.allocationConfigurationId !== undefined && before.kind === 'basic')
      throw invalid([
        {
          field: 'allocationConfigurationId',
          code: 'FIELD_NOT_ALLOWED',
          message: 'a basic contract has no allocationConfigurationId',
        },
      ]);
    await assertAllocationConfigurationExists(session, ctx.tenantId, patch.allocationConfigurationId);
    if (patch.number) await assertNumberFree(session, ctx.tenantId, patch.number, id);
    const after = await session.contracts.update(ctx.tenantId, id, patch);
    if (!after) throw notFound('Contract', id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'contract',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}
