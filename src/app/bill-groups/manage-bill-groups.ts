import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { BillGroup } from '../ports/bill-groups.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { BILL_GROUP_DEFAULTS, validateBillGroup, type BillGroupTerms } from '../../core/bill-groups/terms.ts';

/** What a caller must give; the usage bill day defaults to the bill day, the rest to BILL_GROUP_DEFAULTS. */
export type BillGroupCreate = Partial<BillGroupTerms> & Pick<BillGroupTerms, 'name' | 'billDay'>;

/** The terms if valid; a field the caller left to its default is not blamed for another's error. */
function checked(terms: BillGroupTerms, given: object = terms): BillGroupTerms {
  const errors = validateBillGroup(terms).filter((e) => e.field in given || e.field === 'name');
  if (errors.length) throw invalid(errors);
  return terms;
}

export async function createBillGroup(deps: Deps, ctx: CallContext, create: BillGroupCreate): Promise<BillGroup> {
  const terms = checked({ ...BILL_GROUP_DEFAULTS, usageBillDay: create.billDay, ...create }, create);
  return deps.uow.run(async (session) => {
    const group = await session.billGroups.insert(ctx.tenantId, newId('bgr'), terms);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'bill_group',
      objectId: group.id,
      action: 'created',
      after: group,
    });
    return group;
  });
}

/** Changes take effect from the group's next run; invoices already closed keep their terms. */
export async function updateBillGroup(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<BillGroupTerms>,
): Promise<BillGroup> {
  return deps.uow.run(async (session) => {
    const before = await session.billGroups.get(ctx.tenantId, id);
    if (!before) throw notFound('Bill group', id);
    const { id: _id, tenantId: _tenant, createdAt: _c, updatedAt: _u, ...current } = before;
    const after = await session.billGroups.update(ctx.tenantId, id, checked({ ...current, ...patch }));
    if (!after) throw notFound('Bill group', id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'bill_group',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}

/** A group with customers stays: move them to another group (or to calendar billing) first. */
export async function deleteBillGroup(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.billGroups.get(ctx.tenantId, id);
    if (!before) throw notFound('Bill group', id);
    const members = await session.billGroups.memberCount(ctx.tenantId, id);
    if (members > 0) throw conflict('BILL_GROUP_IN_USE', `bill group ${id} has ${members} customers`);
    await session.billGroups.delete(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, { objectType: 'bill_group', objectId: id, action: 'deleted', before });
  });
}

export async function getBillGroup(deps: Deps, ctx: CallContext, id: string): Promise<BillGroup> {
  const group = await deps.uow.run((session) => session.billGroups.get(ctx.tenantId, id));
  if (!group) throw notFound('Bill group', id);
  return group;
}

export function listBillGroups(deps: Deps, ctx: CallContext, page: PageRequest): Promise<Page<BillGroup>> {
  return deps.uow.run((session) => session.billGroups.list(ctx.tenantId, page));
}
