import { Dec } from '../money/decimal.ts';
import { addDays } from '../time/dates.ts';

export type PaymentStatus = 'unpaid' | 'partially_paid' | 'paid' | 'overdue';

export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['unpaid', 'partially_paid', 'paid', 'overdue'];

export interface PayableState {
  /** The document's total, decimal string. */
  total: string;
  /** Σ of its allocations (bindings minus unbindings), decimal string. */
  paid: string;
  dueDate: string;
}

/**
 * The payment status of an issued payable document on `today` (a date in the tenant's zone):
 * paid once nothing is open; overdue once the due date plus the grace days has passed with money
 * still open (whether or not part of it was paid, since the debt is late either way); otherwise
 * partially paid or unpaid.
 */
export function paymentStatusOf(state: PayableState, today: string, graceDays: number): PaymentStatus {
  const open = new Dec(state.total).minus(state.paid);
  if (open.lte(0)) return 'paid';
  if (today > addDays(state.dueDate, graceDays)) return 'overdue';
  return new Dec(state.paid).gt(0) ? 'partially_paid' : 'unpaid';
}

/** Document types a customer pays; others (proformas, acts, credit notes…) carry no payment status. */
export const PAYABLE_DOCUMENT_TYPES: readonly string[] = ['invoice'];
