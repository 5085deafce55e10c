import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { createBillGroup } from '../bill-groups/manage-bill-groups.ts';

/**
 * The demo operator bills most customers by calendar month; its wholesale carriers are billed in
 * cycles on the 15th, with usage up to the 10th (carriers' late CDRs), closed per account.
 */
export async function loadDemoBillGroups(deps: Deps, ctx: CallContext): Promise<void> {
  await createBillGroup(deps, ctx, {
    name: 'Wholesale carriers, cycle on the 15th',
    billDay: 15,
    usageBillDay: 10,
    invoiceCloseType: 'post_user_billing',
    paymentTermsDays: 30,
    sortOrder: 'account_code',
  });
  await createBillGroup(deps, ctx, {
    name: 'Quarterly packages',
    billDay: 1,
    invoiceCloseType: 'user_bill_cycle',
    renderDuringRun: true,
  });
}
