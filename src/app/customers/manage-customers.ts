import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Customer, CustomerFilter, CustomerInput } from '../ports/customers.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { Session } from '../ports/session.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { assertBillGroupExists, assertSchemeExists } from '../catalog/references.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { validateCustomer } from './validate-customer.ts';
import { todayInZone } from '../../core/time/zones.ts';

async function assertAccountCodeFree(
  session: Session,
  ctx: CallContext,
  accountCode: string | null | undefined,
  selfId?: string,
) {
  if (!accountCode) return;
  const other = await session.customers.findByAccountCode(ctx.tenantId, accountCode, selfId);
  if (other)
    throw conflict('ACCOUNT_CODE_TAKEN', `account code ${accountCode} already belongs to customer ${other.id}`, {
      field: 'accountCode',
    });
}

/** What a caller must give; the rest defaults (time zone, currency and language from the tenant). */
export type CustomerCreate = Partial<CustomerInput> & { name: string };

export async function createCustomer(deps: Deps, ctx: CallContext, create: CustomerCreate): Promise<Customer> {
  const errors = validateCustomer(create);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const tenant = await session.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const input: CustomerInput = {
      legalName: null,
      taxId: null,
      kpp: null,
      email: null,
      billingEmails: [],
      phone: null,
      timezone: tenant.timezone,
      currency: tenant.currency,
      language: tenant.locale,
      billingPeriod: 'monthly',
      status: 'active',
      address: null,
      bank: null,
      accountCode: null,
      numbers: [],
      invoicingSchemeId: null,
      billGroupId: null,
      metadata: {},
      ...create,
      activationDate: create.activationDate ?? todayInZone(deps.clock.now(), tenant.timezone),
    };
    await assertAccountCodeFree(session, ctx, input.accountCode);
    await assertSchemeExists(session, ctx.tenantId, input.invoicingSchemeId);
    await assertBillGroupExists(session, ctx.tenantId, input.billGroupId);
    const customer = await session.customers.insert(ctx.tenantId, newId('cus'), input);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'customer',
      objectId: customer.id,
      action: 'created',
      after: customer,
    });
    return customer;
  });
}

export async function updateCustomer(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<CustomerInput>,
): Promise<Customer> {
  const errors = validateCustomer(patch);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const before = await session.customers.get(ctx.tenantId, id);
    if (!before) throw notFound('Customer', id);
    await assertAccountCodeFree(session, ctx, patch.accountCode, id);
    await assertSchemeExists(session, ctx.tenantId, patch.invoicingSchemeId);
    await assertBillGroupExists(session, ctx.tenantId, patch.billGroupId);
    // A run going on for the customer's group bills it on that group's terms: it moves afterwards.
    if (patch.billGroupId !== undefined && patch.billGroupId !== before.billGroupId) {
      const running = await session.billRuns.runningFor(ctx.tenantId, id);
      if (running)
        throw conflict('BILL_RUN_RUNNING', `a bill run (${running}) is billing customer ${id}; move it once it ends`, {
          field: 'billGroupId',
          billRunId: running,
        });
    }
    // Usage is priced and documents are issued in the customer's currency: changing it afterwards
    // would add up amounts in two currencies.
    if (
      patch.currency !== undefined &&
      patch.currency !== before.currency &&
      (await session.customers.hasBillingHistory(ctx.tenantId, id))
    ) {
      throw conflict(
        'CURRENCY_LOCKED',
        `customer ${id} already has usage, rate plans or documents in ${before.currency}; its currency cannot change`,
        { field: 'currency' },
      );
    }
    const after = await session.customers.update(ctx.tenantId, id, patch);
    if (!after) throw notFound('Customer', id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'customer',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}

/** A customer with documents, usage or rate plans is part of the books: it can be closed, never deleted. */
export async function deleteCustomer(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.customers.get(ctx.tenantId, id);
    if (!before) throw notFound('Customer', id);
    if (await session.customers.hasBillingHistory(ctx.tenantId, id)) {
      throw conflict(
        'CUSTOMER_HAS_HISTORY',
        `customer ${id} has documents, usage or rate plan assignments; set its status to closed instead`,
      );
    }
    await session.customers.delete(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, { objectType: 'customer', objectId: id, action: 'deleted', before });
  });
}

export async function getCustomer(deps: Deps, ctx: CallContext, id: string): Promise<Customer> {
  const customer = await deps.uow.run((session) => session.customers.get(ctx.tenantId, id));
  if (!customer) throw notFound('Customer', id);
  return customer;
}

export function listCustomers(
  deps: Deps,
  ctx: CallContext,
  filter: CustomerFilter,
  page: PageRequest,
): Promise<Page<Customer>> {
  return deps.uow.run((session) => session.customers.list(ctx.tenantId, filter, page));
}
