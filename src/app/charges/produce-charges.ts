import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { Customer } from '../ports/customers.ts';
import type { Charge, ChargeInput } from '../ports/charges.ts';
import type { ProductRecord } from '../ports/products.ts';
import type { Subscription } from '../ports/subscriptions.ts';
import { invalid, notFound } from '../errors.ts';
import { newIds } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import {
  activeRanges,
  dueChargePeriods,
  periodAmount,
  scheduledChargeDrafts,
  type ChargePeriod,
} from '../../core/catalog/index.ts';
import { addDays, daysBetween } from '../../core/time/dates.ts';
import { periodsForBilling, type DatePeriod } from '../../core/time/periods.ts';
import { todayInZone } from '../../core/time/zones.ts';

export interface ProduceRequest {
  periodStart: string;
  periodEnd: string;
  customerId?: string | undefined;
}

export interface ProduceCounts {
  customers: number;
  subscriptions: number;
  /** Scheduled charges made by this call. */
  created: number;
  /** Due product periods that had their charge already (a repeated call finds every one here). */
  existing: number;
}

const PAGE = 500;

/** The last day an in-advance product period may start on to be billed with `period`. */
export function advanceHorizon(customer: Pick<Customer, 'billingPeriod'>, period: DatePeriod): string {
  if (customer.billingPeriod === 'none') return period.end;
  return periodsForBilling(customer.billingPeriod, addDays(period.end, 1)).end;
}

/** The customer's subscriptions that start by `startedBy`, across every page. */
async function subscriptionsOf(session: Session, tenantId: string, customerId: string, startedBy: string) {
  const all: Subscription[] = [];
  for (let after: string | undefined; ;) {
    const page = await session.subscriptions.list(
      tenantId,
      { customerId, activeTo: startedBy },
      { limit: PAGE, after },
    );
    all.push(...page.data);
    if (!page.next) return all;
    after = page.next;
  }
}

/** The product periods of one subscription due with `period` (see dueChargePeriods and DESIGN §4). */
function duePeriods(
  subscription: Subscription,
  product: ProductRecord,
  customer: Customer,
  period: DatePeriod,
  today: string,
): ChargePeriod[] {
  const terms = {
    kind: product.period!,
    timing: subscription.billing,
    active: activeRanges(subscription, customer.activationDate),
  };
  // Services billed in arrears are charged once rendered: never for a day that has not ended yet
  // in the customer's time zone, even when the period asked for runs into the future (a proforma).
  const yesterday = addDays(today, -1);
  const arrearsUpTo = { start: period.start, end: period.end < yesterday ? period.end : yesterday };
  const invoicePeriod = subscription.billing === 'in_arrears' ? arrearsUpTo : period;
  return dueChargePeriods(terms, invoicePeriod, advanceHorizon(customer, period));
}

/**
 * The scheduled charges of one customer's recurring subscriptions that are due for the billing
 * period `period` and were not produced before, computed without storing anything (the dry run of
 * a document shows them; production inserts them). `today` is the customer's today.
 */
export async function dueCustomerCharges(
  session: Session,
  tenantId: string,
  customer: Customer,
  period: DatePeriod,
  today: string,
): Promise<{ subscriptions: number; existing: number; due: (ChargeInput & { id: string })[] }> {
  const products = new Map<string, ProductRecord | null>();
  const due: (ChargeInput & { id: string })[] = [];
  let counted = 0;
  let existing = 0;
  for (const subscription of await subscriptionsOf(session, tenantId, customer.id, advanceHorizon(customer, period))) {
    if (!products.has(subscription.productId))
      products.set(subscription.productId, await session.products.get(tenantId, subscription.productId));
    const product = products.get(subscription.productId);
    if (!product || product.kind !== 'recurring' || !product.period) continue;
    counted++;
    const periods = duePeriods(subscription, product, customer, period, today);
    if (periods.length === 0) continue;
    const produced = new Set(await session.charges.producedPeriodStarts(tenantId, subscription.id));
    const full = periodAmount(product.priceModel, subscription.quantity, subscription.unitPrice);
    const drafts = scheduledChargeDrafts(periods, full, produced);
    existing += periods.length - drafts.length;
    const ids = newIds('chg', drafts.length);
    const flatPrice = product.priceModel.kind === 'flat' ? product.priceModel.unitPrice : null;
    drafts.forEach((draft, i) =>
      due.push({
        id: ids[i]!,
        customerId: customer.id,
        contractId: subscription.contractId,
        subscriptionId: subscription.id,
        productId: product.id,
        kind: 'scheduled',
        productKind: 'recurring',
        description: subscription.description ?? product.names[customer.language] ?? product.name,
        quantity: subscription.quantity,
        unitPrice: subscription.unitPrice ?? flatPrice,
        amount: draft.amount,
        currency: product.currency,
        taxRate: product.taxRate,
        servicePeriodStart: draft.period.start,
        servicePeriodEnd: draft.period.end,
        date: null,
        billingDate: period.end,
        fullAmount: draft.fullAmount,
        activeDays: draft.activeDays,
        periodDays: draft.periodDays,
      }),
    );
  }
  return { subscriptions: counted, existing, due };
}

/**
 * Produces, inside the caller's transaction, the scheduled charges of one customer's recurring
 * subscriptions that are due for the billing period `period` and were not produced before. The
 * document pipeline calls this before it looks for free charges; `today` is the customer's today.
 */
export async function produceCustomerCharges(
  session: Session,
  tenantId: string,
  customer: Customer,
  period: DatePeriod,
  today: string,
): Promise<{ subscriptions: number; existing: number; charges: Charge[] }> {
  const { subscriptions, existing, due } = await dueCustomerCharges(session, tenantId, customer, period, today);
  const charges = await session.charges.insertMany(tenantId, due);
  // A concurrent producer may have inserted some of them first: those count as existing.
  return { subscriptions, existing: existing + due.length - charges.length, charges };
}

function checkPeriod(request: ProduceRequest): DatePeriod {
  const period = { start: request.periodStart, end: request.periodEnd };
  if (period.end < period.start)
    throw invalid([{ field: 'periodEnd', code: 'INVALID_PERIOD', message: 'the period ends before it starts' }]);
  if (daysBetween(period.start, period.end) > 366)
    throw invalid([{ field: 'periodEnd', code: 'INVALID_PERIOD', message: 'a billing period is at most a year' }]);
  return period;
}

/** The customers to produce for: the one asked for, or every customer with a subscription by then. */
async function customerIds(deps: Deps, ctx: CallContext, request: ProduceRequest, horizon: string) {
  if (request.customerId) return [request.customerId];
  const ids = new Set<string>();
  for (let after: string | undefined; ;) {
    const page = await deps.uow.run((s) =>
      s.subscriptions.list(ctx.tenantId, { activeTo: horizon }, { limit: PAGE, after }),
    );
    for (const subscription of page.data) ids.add(subscription.customerId);
    if (!page.next) return [...ids];
    after = page.next;
  }
}

/**
 * Produces the scheduled charges due for a billing period, for one customer or all of them. Each
 * customer commits in its own transaction, so an interrupted run is finished by running it again:
 * the unique key on (subscription, product period) makes a repeated run create nothing new.
 */
export async function produceCharges(deps: Deps, ctx: CallContext, request: ProduceRequest): Promise<ProduceCounts> {
  const period = checkPeriod(request);
  // Weekly customers look one week ahead, monthly ones a month: a year covers every billing period.
  const horizon = addDays(period.end, 366);
  const counts: ProduceCounts = { customers: 0, subscriptions: 0, created: 0, existing: 0 };
  for (const customerId of await customerIds(deps, ctx, request, horizon)) {
    const result = await deps.uow.run(async (session) => {
      const customer = await session.customers.get(ctx.tenantId, customerId);
      if (!customer) throw notFound('Customer', customerId);
      const today = todayInZone(deps.clock.now(), customer.timezone);
      const made = await produceCustomerCharges(session, ctx.tenantId, customer, period, today);
      for (const charge of made.charges)
        await recordChange(session, ctx, deps.clock, {
          objectType: 'charge',
          objectId: charge.id,
          action: 'produced',
          after: charge,
        });
      return made;
    });
    counts.customers++;
    counts.subscriptions += result.subscriptions;
    counts.created += result.charges.length;
    counts.existing += result.existing;
  }
  return counts;
}
