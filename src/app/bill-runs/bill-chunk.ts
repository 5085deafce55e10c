import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { BillGroup } from '../ports/bill-groups.ts';
import type { BillRunChunkOutcome, BillRunRecord } from '../ports/bill-runs.ts';
import type { Customer } from '../ports/customers.ts';
import type { SessionError } from '../ports/generation-sessions.ts';
import { systemActor, type CallContext } from '../context.ts';
import { produceChargesOf } from '../charges/produce-charges.ts';
import { periodRange } from '../documents/invoice-rules.ts';
import { billOntoOpenInvoices, type AccountBilling } from './open-invoices.ts';
import { closeOpenInvoices } from './close-open-invoices.ts';
import {
  accountSteps,
  oldestBillableUsageDay,
  runCycle,
  usageCutoff,
  type AccountStep,
} from '../../core/bill-groups/index.ts';
import { addDays } from '../../core/time/dates.ts';
import type { DatePeriod } from '../../core/time/periods.ts';
import { todayInZone } from '../../core/time/zones.ts';

/** The first day usage may be on: older free usage is older than any maximum age, and reported. */
const BEGINNING = '1970-01-01';

export interface ChunkBilling extends BillRunChunkOutcome {
  errors: SessionError[];
}

/** Whether `step` comes before `other` in the account's steps (both present). */
const before = (steps: readonly AccountStep[], step: AccountStep, other: AccountStep) =>
  steps.includes(step) && steps.includes(other) && steps.indexOf(step) < steps.indexOf(other);

/**
 * One chunk of a run, inside the caller's transaction, in the order the close type sets:
 * 1. per account: its cycle (day after it was last billed through, to the day before the bill
 *    date), its packages due for the cycle produced as charges, and the facts the close plan asks
 *    (a package bills, it has packages, something is unbilled, it is closed);
 * 2. accounts that close before billing (`user_bill_cycle` on their bill cycle): payments presented
 *    and their open invoices issued;
 * 3. the accounts' packages, usage up to the usage cutoff and charges billed onto their open
 *    invoices, set-based (`billOntoOpenInvoices`);
 * 4. accounts that close after billing (`post_user_billing`): payments received before the run
 *    started presented, open invoices issued.
 * Usage older than the group's maximum age, or unrated, makes that account an error of the run; it
 * is not billed, and the others are.
 */
export async function billChunk(
  deps: Deps,
  s: Session,
  run: BillRunRecord,
  group: BillGroup,
  customerIds: readonly string[],
): Promise<ChunkBilling> {
  const tenantId = run.tenantId;
  const ctx: CallContext = { tenantId, actor: systemActor, role: 'admin' };
  const tenant = (await s.tenancy.getTenant(tenantId))!;
  await s.documents.lockCustomers(tenantId, customerIds);
  const customers = await s.customers.getMany(tenantId, customerIds);
  // A customer moved to another group since the run started is not this run's.
  const present = customerIds.filter((id) => customers.get(id)?.billGroupId === group.id);
  const billedThrough = await s.billRuns.billedThroughOf(tenantId, present);
  const cutoff = usageCutoff(group.usageBillDay, run.billDate);
  const oldest = oldestBillableUsageDay(run.billDate, group.maxUnbilledUsageMonths);
  const tooOld = await usageCalls(s, tenantId, present, BEGINNING, addDays(oldest, -1), tenant.timezone);
  const window = periodRange(oldest, cutoff, tenant.timezone);
  const unrated = await s.usageClaims.countUnratedOf(tenantId, present, window);
  const unbilledUsage = await usageCalls(s, tenantId, present, oldest, cutoff, tenant.timezone);
  const errors: SessionError[] = [];
  const plans: Array<{ customer: Customer; steps: AccountStep[]; billing: AccountBilling }> = [];
  const due: Array<{ customer: Customer; cycle: DatePeriod; hasPackages: boolean }> = [];
  let skipped = customerIds.length - present.length;
  const now = deps.clock.now();
  for (const id of present) {
    const customer = customers.get(id)!;
    const old = tooOld.get(id) ?? 0;
    if (old > 0) {
      errors.push({
        customerId: id,
        code: 'UNBILLED_USAGE_TOO_OLD',
        message: `${old} unbilled call(s) are older than ${group.maxUnbilledUsageMonths} month(s); bill or re-rate them by hand`,
        details: { calls: old, olderThan: oldest },
      });
      continue;
    }
    const unratedCount = unrated.get(id) ?? 0;
    if (unratedCount > 0) {
      errors.push({
        customerId: id,
        code: 'UNRATED_USAGE',
        message: `${unratedCount} call(s) up to the usage cutoff are not rated`,
        details: { unratedCount },
      });
      continue;
    }
    const cycle = runCycle(run.billDate, billedThrough.get(id) ?? null, customer.activationDate);
    if (!cycle) {
      skipped++;
      continue;
    }
    due.push({ customer, cycle, hasPackages: false });
  }
  // The packages due for each account's cycle, produced for the whole chunk in one pass.
  const produced = await produceChargesOf(
    s,
    tenantId,
    due.map((d) => ({ customer: d.customer, period: d.cycle, today: todayInZone(now, d.customer.timezone) })),
  );
  for (const [i, d] of due.entries()) d.hasPackages = produced[i]!.subscriptions > 0;
  const lastDay = addDays(run.billDate, -1);
  const free = await s.charges.freeOf(
    tenantId,
    due.map((d) => d.customer.id),
    { start: oldest, end: lastDay },
  );
  for (const { customer, cycle, hasPackages } of due) {
    const own = free.get(customer.id) ?? [];
    const steps = accountSteps(group.invoiceCloseType, {
      packageDue: own.some((c) => c.productKind === 'recurring'),
      hasPackages,
      hasUnbilledItems: (unbilledUsage.get(customer.id) ?? 0) > 0 || own.some((c) => c.productKind !== 'recurring'),
      cancelled: customer.status === 'closed',
    });
    plans.push({
      customer,
      steps,
      billing: { customer, from: oldest, usageThrough: cutoff, chargesThrough: cycle.end, period: cycle },
    });
  }
  // 2. Closes before billing: the invoice shows payments up to this moment, then billing opens the next one.
  const closeFirst = plans.filter((p) => before(p.steps, 'close', 'bill')).map((p) => p.customer.id);
  const openBefore = await s.openInvoices.of(tenantId, closeFirst);
  let closed = (
    await closeOpenInvoices(deps, s, ctx, group, [...orderOf(closeFirst, openBefore)], {
      runId: run.id,
      billDate: run.billDate,
      paymentsReceivedBefore: now.toString(),
    })
  ).length;
  // 3. Billing onto open invoices.
  const billers = plans.filter((p) => p.steps.includes('bill'));
  const billed = await billOntoOpenInvoices(
    s,
    group,
    billers.map((p) => p.billing),
    now.toString(),
  );
  errors.push(...billed.errors);
  // 4. Closes after billing: payments of the run are left for the next invoice.
  const closeAfter = plans.filter((p) => before(p.steps, 'bill', 'close')).map((p) => p.customer.id);
  closed += (
    await closeOpenInvoices(deps, s, ctx, group, [...orderOf(closeAfter, billed.open)], {
      runId: run.id,
      billDate: run.billDate,
      paymentsReceivedBefore: run.startedAt,
    })
  ).length;
  const failed = new Set(errors.map((e) => e.customerId));
  await s.billRuns.setBilledThrough(
    tenantId,
    plans
      .filter((p) => !failed.has(p.customer.id))
      .map((p) => ({ customerId: p.customer.id, billedThrough: p.billing.period.end })),
  );
  const ok = plans.filter((p) => !failed.has(p.customer.id));
  const passed = ok.filter((p) => p.steps.length > 0).length;
  return {
    billed: passed,
    failed: failed.size,
    skipped: skipped + ok.length - passed,
    opened: billed.opened.length,
    closed,
    errors,
  };
}

/** The open invoices of `ids`, in the run's order. */
function* orderOf<T>(ids: readonly string[], open: ReadonlyMap<string, T>): Generator<T> {
  for (const id of ids) {
    const found = open.get(id);
    if (found) yield found;
  }
}

/** Free usage calls of each customer between two days (whole tenant-zone days), in one aggregate. */
async function usageCalls(
  s: Session,
  tenantId: string,
  customerIds: readonly string[],
  from: string,
  through: string,
  timezone: string,
): Promise<Map<string, number>> {
  if (from > through || customerIds.length === 0) return new Map();
  const range = periodRange(from, through, timezone);
  const groups = await s.usageClaims.freeUsageGroupsOf(
    tenantId,
    customerIds.map((customerId, key) => ({ key, customerId, range })),
  );
  return new Map(customerIds.map((id, key) => [id, (groups.get(key) ?? []).reduce((n, g) => n + g.calls, 0)]));
}
