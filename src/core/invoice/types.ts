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

export type ComputedLineKind = 'usage' | 'fixed_cost' | 'discount';

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
