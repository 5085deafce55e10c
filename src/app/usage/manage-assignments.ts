import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FieldError } from '../errors.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { RatePlanAssignment } from '../ports/rating.ts';
import { invalid, notFound, refused, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { checkValidity, loadPlan } from './manage-rate-plans.ts';

// A customer is rated with the plan assigned to it on the call's date. Assignments may overlap:
// the one that starts last wins (a new plan from March supersedes an open-ended one from January),
// which lets an operator schedule a plan change with one call and no edit of the old assignment.

export interface AssignmentInput {
  customerId: string;
  ratePlanId: string;
  validFrom: string;
  validTo?: string | null | undefined;
}

export async function createAssignment(
  deps: Deps,
  ctx: CallContext,
  input: AssignmentInput,
): Promise<RatePlanAssignment> {
  const errors: FieldError[] = [];
  checkValidity(input.validFrom, input.validTo, errors);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const customer = await session.customers.get(ctx.tenantId, input.customerId);
    if (!customer) throw unknownReference('UNKNOWN_CUSTOMER', 'customerId', 'customer', input.customerId);
    const plan = await session.rating.getPlan(ctx.tenantId, input.ratePlanId);
    if (!plan) throw unknownReference('UNKNOWN_RATE_PLAN', 'ratePlanId', 'rate plan', input.ratePlanId);
    // Invoices are in the customer's currency; prices in another currency could not be added up.
    if (plan.currency !== customer.currency) {
      throw refused(
        'CURRENCY_MISMATCH',
        `rate plan ${plan.id} prices in ${plan.currency}; customer ${customer.id} is billed in ${customer.currency}`,
        { field: 'ratePlanId' },
      );
    }
    const assignment = await session.rating.insertAssignment({
      id: newId('rpa'),
      tenantId: ctx.tenantId,
      customerId: customer.id,
      ratePlanId: plan.id,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan_assignment',
      objectId: assignment.id,
      action: 'created',
      after: assignment,
    });
    return assignment;
  });
}

export async function updateAssignment(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: { validFrom?: string | undefined; validTo?: string | null | undefined },
): Promise<RatePlanAssignment> {
  return deps.uow.run(async (session) => {
    const before = await session.rating.getAssignment(ctx.tenantId, id);
    if (!before) throw notFound('Rate plan assignment', id);
    const validFrom = patch.validFrom ?? before.validFrom;
    const validTo = patch.validTo === undefined ? before.validTo : patch.validTo;
    const errors: FieldError[] = [];
    checkValidity(validFrom, validTo, errors);
    if (errors.length) throw invalid(errors);
    const after = await session.rating.updateAssignment(ctx.tenantId, id, { validFrom, validTo });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan_assignment',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after!;
  });
}

export async function deleteAssignment(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.rating.getAssignment(ctx.tenantId, id);
    if (!before) throw notFound('Rate plan assignment', id);
    await session.rating.deleteAssignment(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'rate_plan_assignment',
      objectId: id,
      action: 'deleted',
      before,
    });
  });
}

export async function getAssignment(deps: Deps, ctx: CallContext, id: string): Promise<RatePlanAssignment> {
  const found = await deps.uow.run((s) => s.rating.getAssignment(ctx.tenantId, id));
  if (!found) throw notFound('Rate plan assignment', id);
  return found;
}

export function listAssignments(
  deps: Deps,
  ctx: CallContext,
  filter: { customerId?: string | undefined; ratePlanId?: string | undefined },
  page: PageRequest,
): Promise<Page<RatePlanAssignment>> {
  return deps.uow.run(async (s) => {
    if (filter.ratePlanId) await loadPlan(s, ctx.tenantId, filter.ratePlanId);
    return s.rating.listAssignments(ctx.tenantId, filter, page);
  });
}
