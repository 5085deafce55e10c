import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { createCustomer, updateCustomer } from '../customers/manage-customers.ts';
import { createContract } from '../catalog/create-contract.ts';
import { addCharge } from '../charges/add-charge.ts';
import { startBillRun } from '../bill-runs/start-bill-run.ts';
import { getBillRun } from '../bill-runs/query-bill-runs.ts';
import { billDateOnOrBefore } from '../../core/bill-groups/cycle.ts';
import { addDays } from '../../core/time/dates.ts';
import { todayInZone } from '../../core/time/zones.ts';

/**
 * The demo's bill runs: each bill group gets an account moved over from calendar billing with a
 * port-in fee still unbilled, and a run on the group's latest bill date bills the fee onto an open
 * invoice and closes it per the group's close type.
 */
export function demoBillRunsStep(deps: Deps, drainJobs: () => Promise<unknown>, progress: (line: string) => void) {
  return async (ctx: CallContext) => {
    const tenant = (await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId)))!;
    const today = todayInZone(deps.clock.now(), tenant.timezone);
    const groups = (await deps.uow.run((s) => s.billGroups.list(ctx.tenantId, { limit: 20 }))).data;
    const basic = await createContract(deps, ctx, { kind: 'basic', name: 'Bill cycles' });
    for (const [i, group] of groups.entries()) {
      const billDate = billDateOnOrBefore(group.billDay, today);
      const code = `BC-${String(i + 1).padStart(3, '0')}`;
      const customer = await createCustomer(deps, ctx, {
        name: `Cycle account ${i + 1} (${group.name})`,
        currency: tenant.currency,
        accountCode: code,
        activationDate: addDays(billDate, -40),
      });
      const contract = await createContract(deps, ctx, {
        customerId: customer.id,
        basicContractId: basic.id,
        number: code,
      });
      await addCharge(deps, ctx, {
        contractId: contract.id,
        amount: '25.00',
        description: 'Number port-in fee',
        date: addDays(billDate, -5),
      });
      await updateCustomer(deps, ctx, customer.id, { billGroupId: group.id });
      const started = await startBillRun(deps, ctx, {
        billGroupId: group.id,
        billDate,
        startedBy: { kind: 'api_key', id: ctx.actor.id },
      });
      await drainJobs();
      const run = await getBillRun(deps, ctx, started.id);
      const c = run.counts;
      progress(
        `bill run ${run.id} of "${group.name}" (${run.invoiceCloseType}, bill date ${billDate}): ${run.status}, ` +
          `${c.accountsTotal} account(s), ${c.invoicesOpened} invoice(s) opened, ${c.invoicesClosed} closed`,
      );
    }
  };
}
