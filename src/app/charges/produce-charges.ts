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

/** One customer to produce for: the billing period and the customer's today (its time zone's). */
export interface DueAsk {
  customer: Customer;
  period: DatePeriod;
  today: string;
}

export interface DueCharges {
  subscriptions: number;
  existing: number;
  due: (ChargeInput & { id: string })[];
}

/**
 * The scheduled charges of many customers' recurring subscriptions that are due for each one's
 * billing period and were not produced before, computed without storing anything (the dry run of a
 * document shows them; production inserts them), in three reads whatever the number of customers:
 * their subscriptions, the products, and the product periods already charged. One result per ask,
 * in order; a single customer is a list of one, so every path computes charges the same way.
 */
export async function dueChargesOf(session: Session, tenantId: string, asks: readonly DueAsk[]): Promise<DueCharges[]> {
  if (asks.length === 0) return [];
  const horizons = asks.map((ask) => advanceHorizon(ask.customer, ask.period));
  const latest = horizons.reduce((a, b) => (a > b ? a : b));
  const byCustomer = new Map<string, Subscription[]>();
  const subscriptions = await session.subscriptions.ofCustomers(
    tenantId,
    asks.map((ask) => ask.customer.id),
    latest,
  );
  for (const subscription of subscriptions) {
    const list = byCustomer.get(subscription.customerId) ?? [];
    list.push(subscription);
    byCustomer.set(subscription.customerId, list);
  }
  const products = await session.products.getMany(tenantId, [...new Set(subscriptions.map((sub) => sub.productId))]);

  // The due product periods of every recurring subscription first (pure), then one read of what
  // those subscriptions already have from the earliest due period on.
  const plans = asks.map((ask, i) => {
    const horizon = horizons[i]!;
    let counted = 0;
    const owed: { subscription: Subscription; product: ProductRecord; periods: ChargePeriod[] }[] = [];
    for (const subscription of byCustomer.get(ask.customer.id) ?? []) {
      if (subscription.startDate > horizon) continue;
      const product = products.get(subscription.productId);
      if (!product || product.kind !== 'recurring' || !product.period) continue;
      counted++;
      const periods = duePeriods(subscription, product, ask.customer, ask.period, ask.today);
      if (periods.length) owed.push({ subscription, product, periods });
    }
    return { ask, counted, owed };
  });
  const starts = plans.flatMap((plan) => plan.owed.flatMap((o) => o.periods.map((p) => p.period.start)));
  const produced = starts.length
    ? await session.charges.producedPeriodStartsOf(
        tenantId,
        plans.flatMap((plan) => plan.owed.map((o) => o.subscription.id)),
        starts.reduce((a, b) => (a < b ? a : b)),
      )
    : new Map<string, string[]>();

  return plans.map(({ ask, counted, owed }) => {
    const { customer, period } = ask;
    const due: (ChargeInput & { id: string })[] = [];
    let existing = 0;
    for (const { subscription, product, periods } of owed) {
      const full = periodAmount(product.priceModel, subscription.quantity, subscription.unitPrice);
      const drafts = scheduledChargeDrafts(periods, full, new Set(produced.get(subscription.id) ?? []));
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
  });
}

/** dueChargesOf for one customer. */
export async function dueCustomerCharges(
  session: Session,
  tenantId: string,
  customer: Customer,
  period: DatePeriod,
  today: string,
): Promise<DueCharges> {
  return (await dueChargesOf(session, tenantId, [{ customer, period, today }]))[0]!;
}

/**
 * Produces, inside the caller's transaction, the scheduled charges of many customers' recurring
 * subscriptions that are due for each one's billing period and were not produced before, with one
 * multi-row insert. The unique key on (subscription, product period) skips what a concurrent or
 * earlier producer inserted first: those count as existing. One result per ask, in order.
 */
export async function produceChargesOf(
  session: Session,
  tenantId: string,
  asks: readonly DueAsk[],
): Promise<{ subscriptions: number; existing: number; charges: Charge[] }[]> {
  const computed = await dueChargesOf(session, tenantId, asks);
  const inserted = await session.charges.insertMany(
    tenantId,
    computed.flatMap((c) => c.due),
  );
  const byCustomer = new Map<string, Charge[]>();
  for (const charge of inserted) {
    const list = byCustomer.get(charge.customerId) ?? [];
    list.push(charge);
    byCustomer.set(charge.customerId, list);
  }
  return asks.map((ask, i) => {
    const { subscriptions, existing, due } = computed[i]!;
    // Customers are distinct within one call; the ids keep a repeated customer's charges apart anyway.
    const ids = new Set(due.map((c) => c.id));
    const charges = (byCustomer.get(ask.customer.id) ?? []).filter((c) => ids.has(c.id));
    return { subscriptions, existing: existing + due.length - charges.length, charges };
  });
}

/**
 * produceChargesOf for one customer. The document pipeline calls this before it looks for free
 * charges; `today` is the customer's today.
 */
export async function produceCustomerCharges(
  session: Session,
  tenantId: string,
  customer: Customer,
  period: DatePeriod,
  today: string,
): Promise<{ subscriptions: number; existing: number; charges: Charge[] }> {
  return (await produceChargesOf(session, tenantId, [{ customer, period, today }]))[0]!;
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
