import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FixedCost } from '../ports/fixed-costs.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';

export type FixedCostInput = Pick<FixedCost, 'name' | 'description' | 'cost'>;

export function createFixedCost(deps: Deps, ctx: CallContext, input: FixedCostInput): Promise<FixedCost> {
  return deps.uow.run(async (s) => {
    const cost = await s.fixedCosts.insertFixedCost({ ...input, id: newId('fc'), tenantId: ctx.tenantId });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'fixed_cost',
      objectId: cost.id,
      action: 'created',
      after: cost,
    });
    return cost;
  });
}

/** Changing the catalog price affects drafts generated afterwards; issued documents keep theirs. */
export function updateFixedCost(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<FixedCostInput>,
): Promise<FixedCost> {
  return deps.uow.run(async (s) => {
    const before = await s.fixedCosts.getFixedCost(ctx.tenantId, id);
    if (!before) throw notFound('Fixed cost', id);
    const after = await s.fixedCosts.updateFixedCost(ctx.tenantId, id, patch);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'fixed_cost',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after!;
  });
}

export async function getFixedCost(deps: Deps, ctx: CallContext, id: string): Promise<FixedCost> {
  const cost = await deps.uow.run((s) => s.fixedCosts.getFixedCost(ctx.tenantId, id));
  if (!cost) throw notFound('Fixed cost', id);
  return cost;
}

export function listFixedCosts(deps: Deps, ctx: CallContext): Promise<FixedCost[]> {
  return deps.uow.run((s) => s.fixedCosts.listFixedCosts(ctx.tenantId));
}
