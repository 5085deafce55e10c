import { computeDocument } from './compute-document.ts';
import type { InvoiceComputation, InvoiceInput } from './types.ts';

/**
 * Computes an invoice of usage and fixed costs: {@link computeDocument} without charges, with the
 * invoice's totals (no charges total). Kept for the callers that bill usage only.
 */
export function computeInvoice(input: InvoiceInput): InvoiceComputation {
  const { lines, totals, taxBreakdown } = computeDocument({ ...input, charges: [] });
  const { charges: _charges, ...invoiceTotals } = totals;
  return { lines, totals: invoiceTotals, taxBreakdown };
}
