import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { AllocationConfigurationRecord } from '../ports/payments.ts';
import { invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AllocationCriterion } from '../../core/payments/index.ts';

export interface ConfigurationInput {
  name: string;
  criteria: AllocationCriterion[];
  allowPartial: boolean;
  isDefault?: boolean | undefined;
}

function checkCriteria(criteria: AllocationCriterion[] | undefined) {
  if (criteria && new Set(criteria).size !== criteria.length)
    throw invalid([{ field: 'criteria', code: 'DUPLICATE_CRITERION', message: 'each criterion appears once' }]);
}

/** A named, ordered rule set; marking it default unmarks the previous default in the same transaction. */
export async function createAllocationConfiguration(
  deps: Deps,
  ctx: CallContext,
  input: ConfigurationInput,
): Promise<AllocationConfigurationRecord> {
  checkCriteria(input.criteria);
  return deps.uow.run(async (s) => {
    const first = (await s.payments.defaultConfiguration(ctx.tenantId)) === null;
    const isDefault = input.isDefault ?? first;
    if (isDefault) await s.payments.clearDefaultConfiguration(ctx.tenantId);
    const after = await s.payments.insertConfiguration({
      id: newId('acf'),
      tenantId: ctx.tenantId,
      name: input.name,
      criteria: input.criteria,
      allowPartial: input.allowPartial,
      isDefault,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'allocation_configuration',
      objectId: after.id,
      action: 'created',
      after,
    });
    return after;
  });
}

export async function updateAllocationConfiguration(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<ConfigurationInput>,
): Promise<AllocationConfigurationRecord> {
  checkCriteria(patch.criteria);
  return deps.uow.run(async (s) => {
    const before = await s.payments.getConfiguration(ctx.tenantId, id);
    if (!before) throw notFound('Allocation configuration', id);
    if (patch.isDefault) await s.payments.clearDefaultConfiguration(ctx.tenantId);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const after = (await s.payments.updateConfiguration(ctx.tenantId, id, clean))!;
    await recordChange(s, ctx, deps.clock, {
      objectType: 'allocation_configuration',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}

export function listAllocationConfigurations(deps: Deps, ctx: CallContext) {
  return deps.uow.run((s) => s.payments.listConfigurations(ctx.tenantId));
}

export async function getAllocationConfiguration(deps: Deps, ctx: CallContext, id: string) {
  const found = await deps.uow.run((s) => s.payments.getConfiguration(ctx.tenantId, id));
  if (!found) throw notFound('Allocation configuration', id);
  return found;
}
