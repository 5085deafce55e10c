import { Dec, roundTo } from '../money/decimal.ts';

/**
 * The criteria an allocation configuration orders open documents by, most important first:
 * - exact_amount: a document whose open amount equals what is left of the payment comes first;
 * - outstanding_debts: documents already overdue on the payment date come before the others;
 * - service_priority: documents whose most important line has the lowest priority number first;
 * - due_date / issue_date: oldest first.
 * Whatever the configuration, ties end with due date, issue date and id, so that one configuration
 * and one data set always give one result.
 */
export type AllocationCriterion = 'exact_amount' | 'outstanding_debts' | 'service_priority' | 'due_date' | 'issue_date';

export const ALLOCATION_CRITERIA: readonly AllocationCriterion[] = [
  'exact_amount',
  'outstanding_debts',
  'service_priority',
  'due_date',
  'issue_date',
];

export interface AllocationConfiguration {
  criteria: AllocationCriterion[];
  /** When false, a document is only paid when the payment covers all of its open amount. */
  allowPartial: boolean;
}

export const DEFAULT_ALLOCATION: AllocationConfiguration = { criteria: ['due_date'], allowPartial: true };

/** An issued payable document of the customer, in the payment's currency. */
export interface OpenDocument {
  id: string;
  /** Decimal string, greater than zero. */
  open: string;
  issueDate: string;
  dueDate: string;
  /** The lowest (most important) allocation priority among its lines; null when none is set. */
  servicePriority: number | null;
}

export interface AllocationRequest {
  /** What is left of the payment to allocate; decimal string, zero or more. */
  amount: string;
  /** The date the payment was received, for "overdue" in the outstanding-debts criterion. */
  paymentDate: string;
  minorUnits: number;
}

export interface AllocationResult {
  allocations: { documentId: string; amount: string }[];
  unallocated: string;
}

/**
 * Spreads a payment over open documents in the configuration's order. Money is conserved: the
 * allocations and the unallocated rest add up to the amount; no document receives more than its open
 * amount. Amounts must already have the currency's minor units, so nothing is rounded away.
 */
export function allocatePayment(
  request: AllocationRequest,
  documents: OpenDocument[],
  config: AllocationConfiguration,
): AllocationResult {
  let left = new Dec(request.amount);
  const allocations: AllocationResult['allocations'] = [];
  const pending = documents.filter((d) => new Dec(d.open).gt(0));
  while (left.gt(0) && pending.length > 0) {
    // The order depends on what is left (exact amount), so it is taken again after each step.
    pending.sort(compareFor(config, left, request.paymentDate));
    const index = pending.findIndex((d) => config.allowPartial || new Dec(d.open).lte(left));
    if (index < 0) break;
    const [document] = pending.splice(index, 1);
    const amount = Dec.min(left, document!.open);
    allocations.push({ documentId: document!.id, amount: format(amount, request.minorUnits) });
    left = left.minus(amount);
  }
  return { allocations, unallocated: format(left, request.minorUnits) };
}

function compareFor(config: AllocationConfiguration, left: Dec, paymentDate: string) {
  const keys = [...config.criteria, 'due_date', 'issue_date'] as AllocationCriterion[];
  return (a: OpenDocument, b: OpenDocument): number => {
    for (const key of keys) {
      const order = compareBy(key, a, b, left, paymentDate);
      if (order !== 0) return order;
    }
    return compareText(a.id, b.id);
  };
}

function compareBy(key: AllocationCriterion, a: OpenDocument, b: OpenDocument, left: Dec, paymentDate: string): number {
  switch (key) {
    case 'exact_amount':
      return Number(!left.eq(a.open)) - Number(!left.eq(b.open));
    case 'outstanding_debts':
      return Number(!(a.dueDate < paymentDate)) - Number(!(b.dueDate < paymentDate));
    case 'service_priority':
      return (a.servicePriority ?? Number.MAX_SAFE_INTEGER) - (b.servicePriority ?? Number.MAX_SAFE_INTEGER);
    case 'due_date':
      return compareText(a.dueDate, b.dueDate);
    case 'issue_date':
      return compareText(a.issueDate, b.issueDate);
  }
}

function format(value: Dec, minorUnits: number): string {
  return roundTo(value, minorUnits).toFixed(minorUnits);
}

/** Code-unit order: YYYY-MM-DD dates and our ids sort correctly as text, whatever the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
