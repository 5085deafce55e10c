import type { Session } from '../ports/session.ts';
import type { CustomerRef } from '../ports/usage.ts';
import type { UsageCandidate } from '../../core/usage/index.ts';
import { pickWindow, windowMs } from './zone-dates.ts';

// Switches do not know Tollbook ids: a record names its customer by id, by an account code, or
// only by its caller number (a DID the operator maps to a customer for a period). Lookups are
// batched per import batch and cached for the whole import, so a million records that name a few
// hundred customers cost a few hundred lookups, not a million.

export type Resolution =
  { ok: true; customer: CustomerRef } | { ok: false; code: 'UNKNOWN_CUSTOMER' | 'CUSTOMER_NOT_MAPPED'; detail: string };

interface NumberWindow {
  customer: CustomerRef;
  fromMs: number;
  toMs: number;
}

/** The caller as stored in customer_identifiers: digits without the E.164 '+'. */
export const callerKey = (caller: string) => (caller.charCodeAt(0) === 43 ? caller.slice(1) : caller);

/** The customer's own number on the call: the caller when it goes out, the callee (a DID) when it comes in. */
const ownNumber = (c: UsageCandidate) => callerKey(c.direction === 'inbound' ? c.callee : c.caller);

export class CustomerResolver {
  readonly #byId = new Map<string, CustomerRef | null>();
  readonly #byCode = new Map<string, CustomerRef | null>();
  readonly #byNumber = new Map<string, NumberWindow[]>();

  constructor(
    private readonly tenantId: string,
    private readonly timeZone: string,
  ) {}

  /** Loads, in three queries at most, whatever the candidates name that is not cached yet. */
  async prepare(session: Session, candidates: readonly UsageCandidate[]): Promise<void> {
    const ids = new Set<string>();
    const codes = new Set<string>();
    for (const c of candidates) {
      if (c.customerId !== null) {
        if (!this.#byId.has(c.customerId)) ids.add(c.customerId);
      } else if (c.accountCode !== null && !this.#byCode.has(c.accountCode)) codes.add(c.accountCode);
    }
    if (ids.size) {
      const found = new Map((await session.usage.customersByIds(this.tenantId, [...ids])).map((c) => [c.id, c]));
      for (const id of ids) this.#byId.set(id, found.get(id) ?? null);
    }
    if (codes.size) {
      const found = new Map(
        (await session.usage.customersByAccountCodes(this.tenantId, [...codes])).map((c) => [c.accountCode, c]),
      );
      for (const code of codes) this.#byCode.set(code, found.get(code) ?? null);
    }
    // Caller numbers only for records their account code does not resolve: a switch that tags
    // every call with an account code costs no number lookups at all.
    const numbers = new Set<string>();
    for (const c of candidates) {
      if (c.customerId !== null || (c.accountCode !== null && this.#byCode.get(c.accountCode))) continue;
      const key = ownNumber(c);
      if (!this.#byNumber.has(key)) numbers.add(key);
    }
    if (numbers.size) {
      // Millions of distinct callers must not pile up in memory over a long import.
      if (this.#byNumber.size > 200_000) this.#byNumber.clear();
      for (const n of numbers) this.#byNumber.set(n, []);
      for (const m of await session.usage.numberMappings(this.tenantId, [...numbers])) {
        this.#byNumber.get(m.number)?.push({
          customer: { id: m.customerId, currency: m.currency },
          ...windowMs(m.validFrom, m.validTo, this.timeZone),
        });
      }
    }
  }

  /**
   * customerId must exist. Otherwise the account code is tried, then the customer's number valid
   * at the call's start (the caller, or for an inbound call the called DID): a box may tag only some extensions with account codes, and a caller DID is
   * an explicit mapping the operator made, so falling back to it never guesses.
   */
  resolve(c: UsageCandidate, startedAtMs: number): Resolution {
    if (c.customerId !== null) {
      const customer = this.#byId.get(c.customerId);
      if (customer) return { ok: true, customer };
      return { ok: false, code: 'UNKNOWN_CUSTOMER', detail: `customer ${c.customerId} does not exist` };
    }
    if (c.accountCode !== null) {
      const customer = this.#byCode.get(c.accountCode);
      if (customer) return { ok: true, customer };
    }
    const window = pickWindow(this.#byNumber.get(ownNumber(c)) ?? [], startedAtMs);
    if (window) return { ok: true, customer: window.customer };
    const number = c.direction === 'inbound' ? `called number ${c.callee}` : `caller number ${c.caller}`;
    const detail =
      c.accountCode !== null
        ? `neither account code ${c.accountCode} nor ${number} maps to a customer at ${c.startedAt}`
        : `${number} maps to no customer at ${c.startedAt}`;
    return { ok: false, code: 'CUSTOMER_NOT_MAPPED', detail };
  }
}
