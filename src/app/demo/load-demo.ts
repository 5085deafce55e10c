import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { createTenant } from '../tenancy/create-tenant.ts';
import { createLegalEntity } from '../tenancy/legal-entities.ts';
import { createCustomer } from '../customers/manage-customers.ts';
import { demoCustomers, demoOperator } from './demo-data.ts';
import { loadDemoCatalog } from './demo-catalog.ts';
import { loadDemoSubscriptions } from './demo-subscriptions.ts';
import { loadDemoBillGroups } from './demo-bill-groups.ts';
import { loadDemoUsers, type DemoLogin } from './demo-users.ts';
import { loadDemoPortal } from './demo-portal.ts';

export interface DemoResult {
  tenantId: string;
  apiKey: string;
  customers: number;
  /** Sign-in of the demo's admin (the web app at /) and of a customer's portal user (/portal). */
  staffLogin: DemoLogin;
  portalLogin: DemoLogin;
  /** A customer token of the same customer, for its own systems on the portal API (shown once). */
  portalToken: string;
}

export type DemoProgress = (step: string) => void;

/**
 * Loads a realistic demo operator through the same use cases an integrator would call, so that the
 * demo exercises the product rather than bypassing it. Later modules add their part via `extend`.
 */
export async function loadDemo(
  deps: Deps,
  progress: DemoProgress = () => {},
  extend: Array<(ctx: CallContext, customerIds: string[]) => Promise<void>> = [],
): Promise<DemoResult> {
  progress('operator');
  const { tenant, apiKey } = await createTenant(deps, demoOperator.tenant);
  const ctx: CallContext = { tenantId: tenant.id, actor: { type: 'system', id: 'demo' }, role: 'admin' };
  await createLegalEntity(deps, ctx, demoOperator.legalEntity);
  progress('customers');
  const ids: string[] = [];
  for (const customer of demoCustomers) ids.push((await createCustomer(deps, ctx, customer)).id);
  progress('catalog');
  const catalog = await loadDemoCatalog(deps, ctx, ids);
  progress('subscriptions and charges');
  await loadDemoSubscriptions(deps, ctx, catalog);
  progress('bill groups');
  await loadDemoBillGroups(deps, ctx);
  for (const step of extend) await step(ctx, ids);
  progress('users');
  const logins = await loadDemoUsers(deps, ctx, ids);
  progress('portal');
  const portal = await loadDemoPortal(deps, ctx, ids[0]!);
  return {
    tenantId: tenant.id,
    apiKey,
    customers: ids.length,
    staffLogin: logins.staff,
    portalLogin: logins.portal,
    portalToken: portal.token,
  };
}
