import { Dec, decimalToString } from '../money/decimal.ts';
import type { DocumentComputation } from '../invoice/types.ts';
import type { EnAllowance, EnInvoiceModel, EnLine, VatCategory } from './model.ts';

export interface EnMappingOptions {
  kind: 'invoice' | 'credit_note';
  currency: string;
  /** Σ of the allocations to the document (BT-113). */
  paid: string;
  /** The category of lines taxed at 0 %: exempt ('E', needs a reason) or zero rated ('Z'). */
  zeroRateCategory: 'E' | 'Z';
  /** BT-120 for exempt lines, e.g. "Exempt under Article 135 of the VAT directive". */
  exemptionReason: string | null;
}

const UNIT_CODES: Record<string, string> = { call: 'C62', unit: 'C62', percent: 'P1' };

/**
 * States a computed document in the EN 16931 model: the call discount becomes a document-level
 * allowance at the discounted lines' rate (instead of a negative line), every other line stays a
 * line, and the VAT breakdown and totals are the document's own — so that the checks in
 * `checkEn16931` verify the issued figures rather than figures recomputed for the occasion.
 */
export function toEn16931(computation: DocumentComputation, options: EnMappingOptions): EnInvoiceModel {
  const category = (rate: string): VatCategory => (new Dec(rate).isZero() ? options.zeroRateCategory : 'S');
  const lines: EnLine[] = [];
  const allowances: EnAllowance[] = [];
  computation.lines.forEach((line, index) => {
    if (line.kind === 'discount') {
      allowances.push({
        amount: decimalToString(new Dec(line.net).negated()),
        reason: line.description,
        vatCategory: category(line.taxRate),
        vatRate: line.taxRate,
      });
      return;
    }
    lines.push({
      id: String(index + 1),
      name: line.description,
      quantity: line.quantity,
      unitCode: UNIT_CODES[line.unit] ?? 'C62',
      netAmount: line.net,
      priceAmount: line.unitPrice,
      vatCategory: category(line.taxRate),
      vatRate: line.taxRate,
    });
  });
  const { totals } = computation;
  const lineNet = lines.reduce((sum, l) => sum.plus(l.netAmount), new Dec(0));
  const allowanceTotal = allowances.reduce((sum, a) => sum.plus(a.amount), new Dec(0));
  return {
    kind: options.kind,
    currency: options.currency,
    lines,
    allowances,
    vatBreakdown: computation.taxBreakdown.map((entry) => ({
      category: category(entry.rate),
      rate: entry.rate,
      taxableAmount: entry.base,
      taxAmount: entry.tax,
      exemptionReason: category(entry.rate) === 'E' ? options.exemptionReason : null,
    })),
    totals: {
      lineNet: decimalToString(lineNet),
      allowances: decimalToString(allowanceTotal),
      charges: '0',
      taxExclusive: totals.net,
      tax: totals.tax,
      taxInclusive: totals.total,
      prepaid: options.paid,
      rounding: '0',
      payable: decimalToString(new Dec(totals.total).minus(options.paid)),
    },
  };
}
