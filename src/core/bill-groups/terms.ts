import type { FieldError } from '../validation/field-error.ts';

/**
 * When a bill group's open invoices are closed (issued), as bill-cycle billing systems define it:
 * - `after_each_bill_run`: once a run of the group completes, every open invoice of the group;
 * - `post_user_billing`: an account's open invoice right after the account passes through billing;
 * - `user_bill_cycle`: an account's open invoice just before it is billed on its bill cycle.
 */
export const INVOICE_CLOSE_TYPES = ['after_each_bill_run', 'post_user_billing', 'user_bill_cycle'] as const;
export type InvoiceCloseType = (typeof INVOICE_CLOSE_TYPES)[number];

/** The date a document's payment terms count from: the bill (run) date or the day it was rendered. */
export const DUE_DATE_BASES = ['bill_date', 'render_date'] as const;
export type DueDateBasis = (typeof DUE_DATE_BASES)[number];

/** The order accounts pass through a run, and so the order closed invoices are numbered in. */
export const RUN_SORT_ORDERS = ['customer_name', 'account_code'] as const;
export type RunSortOrder = (typeof RUN_SORT_ORDERS)[number];

export interface BillGroupTerms {
  name: string;
  /** Day of the month the group bills on; 1–28 so that every month has it. */
  billDay: number;
  /** Usage is billed up to the day before this day of the month (defaults to the bill day). */
  usageBillDay: number;
  invoiceCloseType: InvoiceCloseType;
  /** Render PDFs during the run; otherwise the first download renders with the data of that moment. */
  renderDuringRun: boolean;
  dueDateBasis: DueDateBasis;
  paymentTermsDays: number;
  /** Email each invoice when it closes (per the tenant's delivery settings). */
  deliverOnClose: boolean;
  sortOrder: RunSortOrder;
  /** Unbilled usage older than this many months is reported on the run instead of billed silently. */
  maxUnbilledUsageMonths: number;
}

export const BILL_GROUP_DEFAULTS = {
  invoiceCloseType: 'post_user_billing',
  renderDuringRun: false,
  dueDateBasis: 'bill_date',
  paymentTermsDays: 14,
  deliverOnClose: true,
  sortOrder: 'customer_name',
  maxUnbilledUsageMonths: 3,
} as const satisfies Partial<BillGroupTerms>;

const dayOfMonth = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 28;

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/**
 * Every problem of a bill group's terms, with its field. Days 29–31 are refused rather than
 * clamped: a group that bills on "the 31st" would silently bill on different days each month.
 */
export function validateBillGroup(terms: BillGroupTerms): FieldError[] {
  const errors: FieldError[] = [];
  const refuse = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (terms.name.trim() === '') refuse('name', 'REQUIRED', 'a bill group needs a name');
  if (!dayOfMonth(terms.billDay)) refuse('billDay', 'BILL_DAY_OUT_OF_RANGE', 'the bill day is a day from 1 to 28');
  if (!dayOfMonth(terms.usageBillDay))
    refuse('usageBillDay', 'BILL_DAY_OUT_OF_RANGE', 'the usage bill day is a day from 1 to 28');
  if (!oneOf(INVOICE_CLOSE_TYPES, terms.invoiceCloseType))
    refuse('invoiceCloseType', 'UNKNOWN_CLOSE_TYPE', `the close type is one of ${INVOICE_CLOSE_TYPES.join(', ')}`);
  if (!oneOf(DUE_DATE_BASES, terms.dueDateBasis))
    refuse('dueDateBasis', 'INVALID_VALUE', `the due date counts from ${DUE_DATE_BASES.join(' or ')}`);
  if (!oneOf(RUN_SORT_ORDERS, terms.sortOrder))
    refuse('sortOrder', 'INVALID_VALUE', `runs sort by ${RUN_SORT_ORDERS.join(' or ')}`);
  if (!Number.isInteger(terms.paymentTermsDays) || terms.paymentTermsDays < 0 || terms.paymentTermsDays > 365)
    refuse('paymentTermsDays', 'INVALID_VALUE', 'payment terms are 0 to 365 days');
  if (
    !Number.isInteger(terms.maxUnbilledUsageMonths) ||
    terms.maxUnbilledUsageMonths < 1 ||
    terms.maxUnbilledUsageMonths > 24
  )
    refuse('maxUnbilledUsageMonths', 'INVALID_VALUE', 'the maximum age of unbilled usage is 1 to 24 months');
  return errors;
}
