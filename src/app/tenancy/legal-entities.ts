import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { LegalEntity, LegalEntityInput } from '../ports/tenancy.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';

/** The tenant's first legal entity is its default sender until another is marked default. */
export async function createLegalEntity(deps: Deps, ctx: CallContext, input: LegalEntityInput): Promise<LegalEntity> {
  return deps.uow.run(async (session) => {
    const existing = await session.tenancy.listLegalEntities(ctx.tenantId);
    const isDefault = input.isDefault || existing.length === 0;
    const entity = await session.tenancy.insertLegalEntity(ctx.tenantId, newId('le'), { ...input, isDefault });
    if (isDefault) await session.tenancy.clearDefaultLegalEntity(ctx.tenantId, entity.id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'legal_entity',
      objectId: entity.id,
      action: 'created',
      after: entity,
    });
    return entity;
  });
}

export async function updateLegalEntity(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<LegalEntityInput>,
): Promise<LegalEntity> {
  return deps.uow.run(async (session) => {
    const before = await session.tenancy.getLegalEntity(ctx.tenantId, id);
    if (!before) throw notFound('Legal entity', id);
    // Un-marking the only default would leave documents without a sender: the flag only moves.
    const effective = before.isDefault && patch.isDefault === false ? { ...patch, isDefault: true } : patch;
    const after = await session.tenancy.updateLegalEntity(ctx.tenantId, id, effective);
    if (!after) throw notFound('Legal entity', id);
    if (after.isDefault) await session.tenancy.clearDefaultLegalEntity(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'legal_entity',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}

export async function getLegalEntity(deps: Deps, ctx: CallContext, id: string): Promise<LegalEntity> {
  const entity = await deps.uow.run((session) => session.tenancy.getLegalEntity(ctx.tenantId, id));
  if (!entity) throw notFound('Legal entity', id);
  return entity;
}

export function listLegalEntities(deps: Deps, ctx: CallContext): Promise<LegalEntity[]> {
  return deps.uow.run((session) => session.tenancy.listLegalEntities(ctx.tenantId));
}
