import { isCurrency } from '../money/currency.ts';
import { Dec, isRoundingMode, parseDecimal } from '../money/decimal.ts';
import type { InvoiceInput } from './types.ts';

/** Same shape as the application's FieldError; core cannot import it, so it is restated here. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The operator-supplied parameters of an invoice, as they arrive from a scheme or a request. */
export interface InvoiceParameters {
  callDiscountPercent: string;
  taxRate: string;
  fixedCosts?: ReadonlyArray<{ quantity: string; unitPrice?: string }>;
  currency?: string;
}

function notDecimal(field: string): FieldError {
  return { field, code: 'NOT_A_DECIMAL', message: `${field} must be a decimal number such as "12.5"` };
}

function checkPercent(errors: FieldError[], field: string, value: string): void {
  const parsed = parseDecimal(value);
  if (parsed === null) errors.push(notDecimal(field));
  else if (parsed.lessThan(0) || parsed.greaterThan(100)) {
    errors.push({ field, code: 'OUT_OF_RANGE', message: `${field} must be between 0 and 100` });
  }
}

/**
 * Field errors for the parameters an operator controls. Percentages must lie in 0..100, fixed cost
 * quantities must be positive decimals (a refund is a credit note, not a negative quantity), unit
 * prices must be decimals. Paths follow the API body, e.g. "fixedCosts[0].quantity".
 */
export function validateInvoiceParameters(params: InvoiceParameters): FieldError[] {
  const errors: FieldError[] = [];
  if (params.currency !== undefined && !isCurrency(params.currency)) {
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: 'currency must be an ISO 4217 code such as "EUR"',
    });
  }
  checkPercent(errors, 'callDiscountPercent', params.callDiscountPercent);
  checkPercent(errors, 'taxRate', params.taxRate);
  (params.fixedCosts ?? []).forEach((item, i) => {
    const quantity = parseDecimal(item.quantity);
    if (quantity === null) errors.push(notDecimal(`fixedCosts[${i}].quantity`));
    else if (quantity.lessThanOrEqualTo(0)) {
      errors.push({
        field: `fixedCosts[${i}].quantity`,
        code: 'NOT_POSITIVE',
        message: 'quantity must be greater than 0',
      });
    }
    if (item.unitPrice !== undefined && parseDecimal(item.unitPrice) === null) {
      errors.push(notDecimal(`fixedCosts[${i}].unitPrice`));
    }
  });
  return errors;
}

function checkCount(errors: FieldError[], field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    errors.push({ field, code: 'NOT_A_COUNT', message: `${field} must be a non-negative integer` });
  }
}

/**
 * Everything computeInvoice relies on: the parameters above plus the shape of the usage snapshot
 * (which comes from our own database, so errors here are bugs rather than user mistakes).
 */
export function validateInvoiceInput(input: InvoiceInput): FieldError[] {
  const errors = validateInvoiceParameters(input);
  if (input.rounding !== undefined && !isRoundingMode(input.rounding)) {
    errors.push({
      field: 'rounding',
      code: 'INVALID_VALUE',
      message: 'rounding must be half_up, half_even, down or up',
    });
  }
  input.usage.forEach((group, i) => {
    if (parseDecimal(group.amount) === null) errors.push(notDecimal(`usage[${i}].amount`));
    if (group.ratePerMinute != null && parseDecimal(group.ratePerMinute) === null) {
      errors.push(notDecimal(`usage[${i}].ratePerMinute`));
    }
    checkCount(errors, `usage[${i}].calls`, group.calls);
    checkCount(errors, `usage[${i}].durationSeconds`, group.durationSeconds);
  });
  return errors;
}

/** Thrown by computeInvoice for input that validateInvoiceInput rejects; carries the field errors. */
export class InvoiceInputError extends RangeError {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid invoice input: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
    this.name = 'InvoiceInputError';
  }
}

/** Parses a value validateInvoiceInput has accepted. */
export function validDec(value: string): Dec {
  const parsed = parseDecimal(value);
  if (parsed === null) throw new InvoiceInputError([notDecimal('value')]);
  return parsed;
}
