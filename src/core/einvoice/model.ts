/**
 * The EN 16931 semantic model of an invoice or credit note, reduced to what Tollbook issues.
 * Field comments name the business terms (BT-…) of the standard; amounts are decimal strings with
 * at most two decimals, as EN 16931 requires whatever the currency.
 */

/** VAT category codes (UNCL 5305 subset): standard, zero rated, exempt, reverse charge, outside scope. */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'O';

export interface EnLine {
  id: string;
  name: string;
  /** BT-129 invoiced quantity. */
  quantity: string;
  /** BT-130, UN/ECE rec. 20 code: C62 (one), MIN (minute)… */
  unitCode: string;
  /** BT-131 line net amount. */
  netAmount: string;
  /** BT-146 item net price, when a unit price applies. */
  priceAmount: string | null;
  vatCategory: VatCategory;
  /** BT-152 rate in percent. */
  vatRate: string;
}

/** A document-level allowance (BG-20): how Tollbook states its call discount. */
export interface EnAllowance {
  /** BT-92, positive. */
  amount: string;
  /** BT-97. */
  reason: string;
  vatCategory: VatCategory;
  vatRate: string;
}

/** One VAT breakdown entry (BG-23). */
export interface EnVatBreakdown {
  category: VatCategory;
  /** BT-119. */
  rate: string;
  /** BT-116 taxable amount. */
  taxableAmount: string;
  /** BT-117 tax amount. */
  taxAmount: string;
  /** BT-120, required for exempt categories. */
  exemptionReason: string | null;
}

/** Document totals (BG-22). */
export interface EnTotals {
  /** BT-106 Σ line net amounts. */
  lineNet: string;
  /** BT-107 Σ document-level allowances. */
  allowances: string;
  /** BT-108 Σ document-level charges. */
  charges: string;
  /** BT-109 total without VAT. */
  taxExclusive: string;
  /** BT-110 total VAT. */
  tax: string;
  /** BT-112 total with VAT. */
  taxInclusive: string;
  /** BT-113 paid amount. */
  prepaid: string;
  /** BT-114 rounding amount. */
  rounding: string;
  /** BT-115 amount due for payment. */
  payable: string;
}

export interface EnInvoiceModel {
  kind: 'invoice' | 'credit_note';
  currency: string;
  lines: EnLine[];
  allowances: EnAllowance[];
  vatBreakdown: EnVatBreakdown[];
  totals: EnTotals;
}
