import type { Session } from '../ports/session.ts';
import type { Rate } from '../ports/rating.ts';
import type { CustomerRef } from '../ports/usage.ts';
import { compileRates, rateRecord, type PrefixTable } from '../../core/rating/index.ts';
import { microToString } from '../../core/money/micro.ts';
import { pickWindow, windowMs } from './zone-dates.ts';
import type { Rating } from '../ports/usage.ts';

// Rating happens in JS with core/rating's PrefixTable. Tables are compiled once per rate plan and
// kept for the whole import (or rerate), and each customer's plan windows (assignment validity
// intersected with plan validity) are loaded once, so rating a record is a window pick and a trie
// walk: no query, no decimal object.

interface PlanWindowMs {
  ratePlanId: string;
  currency: string;
  fromMs: number;
  toMs: number;
}

const unrated = (reason: string, ratePlanId: string | null = null): Rating => ({
  price: null,
  currency: null,
  rated: false,
  unratedReason: reason,
  destinationPrefix: null,
  destinationName: null,
  ratePlanId,
  billableSeconds: null,
});

export class RatePlanCache {
  readonly #windows = new Map<string, PlanWindowMs[]>();
  readonly #tables = new Map<string, PrefixTable>();

  constructor(
    private readonly tenantId: string,
    private readonly timeZone: string,
  ) {}

  /** Loads the plan windows of these customers and the tables of the plans their calls need. */
  async prepare(session: Session, calls: ReadonlyArray<{ customerId: string; startedAtMs: number }>): Promise<void> {
    const customers = new Set<string>();
    for (const c of calls) if (!this.#windows.has(c.customerId)) customers.add(c.customerId);
    if (customers.size) {
      for (const id of customers) this.#windows.set(id, []);
      for (const w of await session.rating.planWindows(this.tenantId, [...customers])) {
        const assignment = windowMs(w.assignmentFrom, w.assignmentTo, this.timeZone);
        const plan = windowMs(w.planFrom, w.planTo, this.timeZone);
        const fromMs = Math.max(assignment.fromMs, plan.fromMs);
        const toMs = Math.min(assignment.toMs, plan.toMs);
        if (fromMs < toMs)
          this.#windows.get(w.customerId)!.push({ ratePlanId: w.ratePlanId, currency: w.currency, fromMs, toMs });
      }
    }
    const plans = new Set<string>();
    for (const c of calls) {
      const w = pickWindow(this.#windows.get(c.customerId)!, c.startedAtMs);
      if (w && !this.#tables.has(w.ratePlanId)) plans.add(w.ratePlanId);
    }
    for (const planId of plans)
      this.#tables.set(planId, compilePlan(await session.rating.rates(this.tenantId, planId)));
  }

  /** The customer's plan's destination for a call (pre-rated calls are labelled, not priced). */
  label(customerId: string, startedAtMs: number, callee: string): { prefix: string; name: string | null } | null {
    const window = pickWindow(this.#windows.get(customerId) ?? [], startedAtMs);
    return window ? labelOf(this.#tables.get(window.ratePlanId), callee) : null;
  }

  /** Rates one call of a customer whose windows and tables were prepared. */
  rate(customer: CustomerRef, startedAtMs: number, callee: string, durationSeconds: number): Rating {
    const window = pickWindow(this.#windows.get(customer.id) ?? [], startedAtMs);
    if (!window) return unrated('NO_RATE_PLAN');
    // An invoice is in the customer's currency; a price in another one cannot be summed into it.
    if (window.currency !== customer.currency) return unrated('CURRENCY_MISMATCH', window.ratePlanId);
    const table = this.#tables.get(window.ratePlanId);
    if (!table) throw new Error(`rate plan ${window.ratePlanId} was not prepared`);
    const result = rateRecord(table, callee, durationSeconds);
    if (!result.ok) return unrated(result.reason, window.ratePlanId);
    return {
      price: microToString(result.priceMicro),
      currency: window.currency,
      rated: true,
      unratedReason: null,
      destinationPrefix: result.prefix,
      destinationName: result.destinationName,
      ratePlanId: window.ratePlanId,
      billableSeconds: result.billableSeconds,
    };
  }
}

/** The destination (prefix and name) of a call on the customer's plan, without pricing it. */
export function labelOf(
  table: PrefixTable | undefined,
  callee: string,
): { prefix: string; name: string | null } | null {
  const rate = table?.match(callee.charCodeAt(0) === 43 ? callee.slice(1) : callee);
  return rate ? { prefix: rate.prefix, name: rate.destinationName } : null;
}

function compilePlan(rates: readonly Rate[]): PrefixTable {
  return compileRates(
    rates.map((r) => ({
      prefix: r.prefix,
      pricePerMinute: r.pricePerMinute,
      connectionFee: r.connectionFee,
      minimumSeconds: r.minimumSeconds,
      incrementSeconds: r.incrementSeconds,
      destinationName: r.destination,
    })),
  );
}
