import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { putPortalSettings } from '../portal/portal-settings.ts';
import { issueCustomerToken } from '../portal/customer-tokens.ts';

/**
 * What the demo's customers see: every type but proformas (payment requests the customer got by
 * email; the invoice that follows is what it keeps), and a token with which the first customer's
 * own systems read the same portal API (`Authorization: Bearer tbc_…`).
 */
export async function loadDemoPortal(deps: Deps, ctx: CallContext, customerId: string): Promise<{ token: string }> {
  await putPortalSettings(deps, ctx, { visibleTypes: { proforma: false } });
  const { secret } = await issueCustomerToken(deps, ctx, customerId, { name: 'Acme ERP' });
  return { token: secret };
}
