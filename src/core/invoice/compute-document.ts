import { minorUnits, roundMoney, sumDec } from '../money/currency.ts';
import { Dec, decimalToString, parseDecimal } from '../money/decimal.ts';
import { InvoiceInputError, validateInvoiceInput, validDec, type FieldError } from './parameters.ts';
import type {
  ChargeItem,
  ComputedLine,
  DocumentComputation,
  DocumentInput,
  FixedCostItem,
  TaxBreakdownEntry,
  UsageGroup,
} from './types.ts';

/** A line before its amounts become strings; amounts stay Dec so sums are exact. */
type DraftLine = Omit<ComputedLine, 'net' | 'tax' | 'gross' | 'taxRate'> & { net: Dec; rate: Dec };

/** Rounding and formatting bound to one document's currency and rounding mode. */
interface MoneyContext {
  round(value: Dec): Dec;
  format(value: Dec): string;
  /** Unit prices keep their own precision but show at least the currency's minor units. */
  formatPrice(value: Dec): string;
}

function moneyContext(input: DocumentInput): MoneyContext {
  const mode = input.rounding ?? 'half_up';
  const units = minorUnits(input.currency);
  return {
    round: (value) => roundMoney(value, input.currency, mode),
    // Values reaching format are already rounded, so toFixed (decimal.js, exact) only pads.
    format: (value) => roundMoney(value, input.currency, mode).toFixed(units),
    formatPrice: (value) => value.toFixed(Math.max(units, value.decimalPlaces())),
  };
}

const blank = { destination: null, prefix: null, durationSeconds: null } as const;

function usageLine(group: UsageGroup, rate: Dec, money: MoneyContext): DraftLine {
  return {
    kind: 'usage',
    description: group.destination,
    destination: group.destination,
    prefix: group.prefix,
    quantity: String(group.calls),
    unit: 'call',
    durationSeconds: group.durationSeconds,
    unitPrice: group.ratePerMinute == null ? null : money.formatPrice(validDec(group.ratePerMinute)),
    // Rounded once, here, from the exact sum of record prices: rounding records one by one would
    // drift by up to half a minor unit per call.
    net: money.round(validDec(group.amount)),
    rate,
  };
}

function fixedCostLine(item: FixedCostItem, rate: Dec, money: MoneyContext): DraftLine {
  const quantity = validDec(item.quantity);
  const unitPrice = validDec(item.unitPrice);
  return {
    ...blank,
    kind: 'fixed_cost',
    description: item.description,
    quantity: decimalToString(quantity),
    unit: 'unit',
    unitPrice: money.formatPrice(unitPrice),
    net: money.round(quantity.times(unitPrice)),
    fixedCostId: item.fixedCostId,
    rate,
  };
}

/**
 * A charge arrives with its exact amount (already priced and prorated by the catalog); the line
 * rounds it once. Its own tax rate (the product's) wins over the document's.
 */
function chargeLine(item: ChargeItem, documentRate: Dec, money: MoneyContext): DraftLine {
  return {
    ...blank,
    kind: item.kind,
    description: item.description,
    quantity: decimalToString(validDec(item.quantity)),
    unit: 'unit',
    unitPrice: item.unitPrice == null ? null : money.formatPrice(validDec(item.unitPrice)),
    net: money.round(validDec(item.amount)),
    chargeId: item.chargeId,
    ...(item.servicePeriod ? { servicePeriod: item.servicePeriod } : {}),
    rate: item.taxRate == null ? documentRate : validDec(item.taxRate),
  };
}

/**
 * The call discount applies to the rounded usage nets only, before tax. No line is produced when it
 * would be zero, or when usage nets to a credit: discounting a credit would raise the invoice.
 */
function discountLine(usageNet: Dec, percent: Dec, rate: Dec, money: MoneyContext): DraftLine | null {
  if (!percent.greaterThan(0) || !usageNet.greaterThan(0)) return null;
  const discount = money.round(usageNet.times(percent).dividedBy(100));
  if (discount.isZero()) return null;
  const pct = decimalToString(percent);
  return {
    ...blank,
    kind: 'discount',
    description: `Call discount ${pct}%`,
    quantity: pct,
    unit: 'percent',
    unitPrice: null,
    // Every rounding mode is symmetric around zero, so negating after rounding equals rounding the
    // negative amount.
    net: discount.negated(),
    rate,
  };
}

/** One entry per tax rate, in ascending rate order: base = Σ rounded nets, tax = round(base × rate). */
function taxBreakdown(
  drafts: DraftLine[],
  documentRate: Dec,
  money: MoneyContext,
): { entries: TaxBreakdownEntry[]; tax: Dec } {
  const byRate = new Map<string, { rate: Dec; base: Dec }>();
  // An empty document still states its rate, with a zero base, rather than no tax at all.
  if (drafts.length === 0) byRate.set(decimalToString(documentRate), { rate: documentRate, base: new Dec(0) });
  for (const line of drafts) {
    const key = decimalToString(line.rate);
    const entry = byRate.get(key) ?? { rate: line.rate, base: new Dec(0) };
    entry.base = entry.base.plus(line.net);
    byRate.set(key, entry);
  }
  const sorted = [...byRate.values()].sort((a, b) => a.rate.comparedTo(b.rate));
  const entries = sorted.map(({ rate, base }) => ({ rate, base, tax: money.round(base.times(rate).dividedBy(100)) }));
  return {
    entries: entries.map((e) => ({
      rate: decimalToString(e.rate),
      base: money.format(e.base),
      tax: money.format(e.tax),
    })),
    tax: sumDec(entries.map((e) => e.tax)),
  };
}

/**
 * Computes any document from a snapshot: lines, totals and the tax breakdown, as API decimal
 * strings. Pure and deterministic, so generation, preview and dry run all call it; only generation
 * commits the result. Arithmetic follows EN 16931: each line net is rounded once; totals are sums
 * of rounded parts; tax is computed per rate on the rounded base of that rate. Hence Σ line nets =
 * net and net + tax = total hold exactly, while a line's informative tax may differ by rounding.
 * Throws InvoiceInputError for input that validateDocumentInput rejects.
 */
export function computeDocument(input: DocumentInput): DocumentComputation {
  const errors = validateDocumentInput(input);
  if (errors.length > 0) throw new InvoiceInputError(errors);
  const money = moneyContext(input);
  const rate = validDec(input.taxRate);

  const usage = input.usage.map((group) => usageLine(group, rate, money));
  const charges = (input.charges ?? []).map((item) => chargeLine(item, rate, money));
  const fixed = input.fixedCosts.map((item) => fixedCostLine(item, rate, money));
  const usageNet = sumDec(usage.map((line) => line.net));
  const percent = input.discountsUsage === false ? new Dec(0) : validDec(input.callDiscountPercent);
  const discount = discountLine(usageNet, percent, rate, money);
  const drafts = [...usage, ...(discount ? [discount] : []), ...charges, ...fixed];

  const lines: ComputedLine[] = drafts.map(({ rate: lineRate, ...draft }) => {
    const lineTax = money.round(draft.net.times(lineRate).dividedBy(100));
    return {
      ...draft,
      net: money.format(draft.net),
      taxRate: decimalToString(lineRate),
      tax: money.format(lineTax),
      gross: money.format(draft.net.plus(lineTax)),
    };
  });

  const net = sumDec(drafts.map((line) => line.net));
  const { entries, tax } = taxBreakdown(drafts, rate, money);
  return {
    lines,
    totals: {
      usage: money.format(usageNet),
      discount: money.format(discount?.net ?? new Dec(0)),
      charges: money.format(sumDec(charges.map((line) => line.net))),
      fixedCosts: money.format(sumDec(fixed.map((line) => line.net))),
      net: money.format(net),
      tax: money.format(tax),
      total: money.format(net.plus(tax)),
    },
    taxBreakdown: entries,
  };
}

/** Everything computeDocument relies on: the invoice input plus the charges' shapes and rates. */
export function validateDocumentInput(input: DocumentInput): FieldError[] {
  const errors = validateInvoiceInput(input);
  (input.charges ?? []).forEach((item, i) => {
    for (const field of ['amount', 'quantity'] as const) {
      if (parseDecimal(item[field]) === null) errors.push(notDecimal(`charges[${i}].${field}`));
    }
    if (item.unitPrice != null && parseDecimal(item.unitPrice) === null) {
      errors.push(notDecimal(`charges[${i}].unitPrice`));
    }
    if (item.taxRate != null) {
      const parsed = parseDecimal(item.taxRate);
      if (parsed === null || parsed.lessThan(0) || parsed.greaterThan(100)) {
        errors.push({
          field: `charges[${i}].taxRate`,
          code: 'OUT_OF_RANGE',
          message: 'taxRate must be between 0 and 100',
        });
      }
    }
  });
  return errors;
}

function notDecimal(field: string): FieldError {
  return { field, code: 'NOT_A_DECIMAL', message: `${field} must be a decimal number such as "12.5"` };
}
