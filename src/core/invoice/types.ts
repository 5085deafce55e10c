import type { RoundingMode } from '../money/decimal.ts';

/** Rated usage of one destination in the period, already summed (in SQL) over its records. */
export interface UsageGroup {
  prefix: string | null;
  destination: string;
  calls: number;
  durationSeconds: number;
  /** Exact decimal sum of the records' rated prices, up to 6 decimals; not yet rounded. */
  amount: string;
  ratePerMinute?: string | null;
}

export interface FixedCostItem {
  fixedCostId: string;
  description: string;
  /** Decimal string greater than zero. */
  quantity: string;
  unitPrice: string;
}

/** Everything computeInvoice needs; a snapshot taken by the caller, so the computation is pure. */
export interface InvoiceInput {
  currency: string;
  usage: UsageGroup[];
  fixedCosts: FixedCostItem[];
  /** Percent 0..100 off usage lines only. */
  callDiscountPercent: string;
  /** Percent, e.g. "21". One rate per invoice for now. */
  taxRate: string;
  /** Tenant setting; half_up when absent. */
  rounding?: RoundingMode;
}

export type ComputedLineKind = 'usage' | 'fixed_cost' | 'discount' | ChargeKind;

export interface ComputedLine {
  kind: ComputedLineKind;
  description: string;
  destination: string | null;
  prefix: string | null;
  quantity: string;
  unit: 'call' | 'unit' | 'percent';
  durationSeconds: number | null;
  unitPrice: string | null;
  net: string;
  taxRate: string;
  /** Informative: this line's net × rate, rounded. The invoice tax is computed on the base instead. */
  tax: string;
  /** Informative: net + the informative tax above. */
  gross: string;
  fixedCostId?: string;
  chargeId?: string;
  servicePeriod?: { start: string; end: string };
}

export interface TaxBreakdownEntry {
  rate: string;
  /** Σ of the nets of the lines taxed at this rate (already rounded). */
  base: string;
  /** round(base × rate / 100): the legally relevant tax. */
  tax: string;
}

export interface InvoiceTotals {
  usage: string;
  /** Negative, or zero ("0.00") when there is no discount. */
  discount: string;
  fixedCosts: string;
  net: string;
  tax: string;
  total: string;
}

export interface InvoiceComputation {
  lines: ComputedLine[];
  totals: InvoiceTotals;
  taxBreakdown: TaxBreakdownEntry[];
}

/** What a charge bills: a subscription's product period, a one-off sale, or a usage product. */
export type ChargeKind = 'subscription' | 'one_off' | 'usage_product';

/** A charge taken onto a document, already priced (and prorated) exactly by the catalog. */
export interface ChargeItem {
  chargeId: string;
  kind: ChargeKind;
  /** Pre-filled from the catalog in the customer's language; editable on drafts. */
  description: string;
  /** Decimal string. */
  quantity: string;
  /** Informative unit price for the line; the amount is what counts. */
  unitPrice?: string | null;
  /** Exact, unrounded amount (decimal string); the line rounds it once. */
  amount: string;
  /** The product's tax rate in percent; the document's rate when absent. */
  taxRate?: string | null;
  servicePeriod?: { start: string; end: string };
}

/**
 * The snapshot of any document type: the invoice input plus charges, and whether the type takes
 * the call discount (the caller reads that from the type's policy).
 */
export interface DocumentInput extends InvoiceInput {
  charges?: ChargeItem[];
  /** False for types whose policy does not discount usage; true when absent. */
  discountsUsage?: boolean;
}

export interface DocumentTotals extends InvoiceTotals {
  /** Σ of subscription, one-off and usage-product lines. */
  charges: string;
}

export interface DocumentComputation {
  lines: ComputedLine[];
  totals: DocumentTotals;
  taxBreakdown: TaxBreakdownEntry[];
}
