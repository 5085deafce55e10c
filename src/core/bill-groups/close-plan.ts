import { Dec } from '../money/decimal.ts';
import type { InvoiceCloseType } from './terms.ts';

/** What a bill run knows about one account of the group when it reaches it. */
export interface AccountInRun {
  /** A recurring package of the account bills in this run. */
  packageDue: boolean;
  /** The account has recurring packages at all (one with none reaches its cycle every run). */
  hasPackages: boolean;
  /** Unbilled usage up to the usage cutoff (even at no cost) or unbilled one-off charges. */
  hasUnbilledItems: boolean;
  /** Its last subscription ended within the cycle: billing still looks at it for final charges. */
  cancelled: boolean;
}

/**
 * One step of an account's pass through a run:
 * - `present_payments`: payments not yet shown on any invoice are listed on the open invoice;
 * - `close`: the open invoice is issued (numbered, immutable) and handed to rendering and delivery;
 * - `bill`: due packages, usage up to the cutoff and unbilled charges are attached to the open
 *   invoice, opening one when there is none and there is something that costs money.
 */
export type AccountStep = 'present_payments' | 'close' | 'bill';

/** The account reaches its bill cycle: its package bills now, or it has no package to wait for. */
export function reachesBillCycle(account: AccountInRun): boolean {
  return account.packageDue || !account.hasPackages;
}

/** Billing looks at the account: something may need billing (even if it ends up costing nothing). */
export function passesThroughBilling(account: AccountInRun): boolean {
  return account.packageDue || account.hasUnbilledItems || account.cancelled;
}

/**
 * The steps of one account, in order, per close type:
 * - `user_bill_cycle` closes the open invoice just before billing when the account reaches its bill
 *   cycle, so payments up to that moment are on it; what the run bills opens the next invoice,
 *   which stays open until the package bills again (one, three or twelve months later);
 * - `post_user_billing` bills, then closes as soon as the account passed through billing: the
 *   invoice carries this cycle's packages plus everything added since the last close, and payments
 *   of the run wait for the next invoice;
 * - `after_each_bill_run` only bills here: every open invoice of the group closes once the run
 *   completes (see `closesAllAfterRun`), including accounts this run did not bill.
 */
export function accountSteps(closeType: InvoiceCloseType, account: AccountInRun): AccountStep[] {
  switch (closeType) {
    case 'user_bill_cycle':
      return reachesBillCycle(account) ? ['present_payments', 'close', 'bill'] : ['bill'];
    case 'post_user_billing':
      return passesThroughBilling(account) ? ['present_payments', 'bill', 'close'] : [];
    case 'after_each_bill_run':
      return ['bill'];
    default:
      throw new RangeError(`Unknown close type: ${JSON.stringify(closeType satisfies never)}`);
  }
}

/** After the last account: present payments and close every open invoice of the group. */
export function closesAllAfterRun(closeType: InvoiceCloseType): boolean {
  return closeType === 'after_each_bill_run';
}

/**
 * Whether payments received while the run is going on are shown on the invoice it closes. Not
 * with `post_user_billing`: it closes as soon as the debits are applied, so those payments appear
 * on the next invoice; the others close just before delivery and show them.
 */
export function presentsRunPayments(closeType: InvoiceCloseType): boolean {
  return closeType !== 'post_user_billing';
}

/**
 * Whether what a run bills for an account with no open invoice opens one: only when something
 * costs money. Calls at no cost (late records of an earlier cycle, say) never make an invoice of
 * their own; they wait and roll onto the account's next invoice.
 */
export function opensInvoice(amounts: readonly string[]): boolean {
  return amounts.some((amount) => !new Dec(amount).isZero());
}
