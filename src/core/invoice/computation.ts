import { minorUnits, roundMoney, sumDec } from '../money/currency.ts';
import { Dec, decimalToString } from '../money/decimal.ts';
import { InvoiceInputError, validateInvoiceInput, validDec } from './parameters.ts';
import type {
  ComputedLine,
  FixedCostItem,
  InvoiceComputation,
  InvoiceInput,
  TaxBreakdownEntry,
  UsageGroup,
} from './types.ts';

/** A line before its amounts become strings; amounts stay Dec so sums are exact. */
type DraftLine = Omit<ComputedLine, 'net' | 'tax' | 'gross' | 'taxRate'> & { net: Dec };

/** Rounding and formatting bound to one invoice's currency and rounding mode. */
interface MoneyContext {
  round(value: Dec): Dec;
  format(value: Dec): string;
  /** Unit prices keep their own precision but show at least the currency's minor units. */
  formatPrice(value: Dec): string;
}

function moneyContext(input: InvoiceInput): MoneyContext {
  const mode = input.rounding ?? 'half_up';
  const units = minorUnits(input.currency);
  return {
    round: (value) => roundMoney(value, input.currency, mode),
    // Values reaching format are already rounded, so toFixed (decimal.js, exact) only pads.
    format: (value) => roundMoney(value, input.currency, mode).toFixed(units),
    formatPrice: (value) => value.toFixed(Math.max(units, value.decimalPlaces())),
  };
}

function usageLine(group: UsageGroup, money: MoneyContext): DraftLine {
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
  };
}

function fixedCostLine(item: FixedCostItem, money: MoneyContext): DraftLine {
  const quantity = validDec(item.quantity);
  const unitPrice = validDec(item.unitPrice);
  return {
    kind: 'fixed_cost',
    description: item.description,
    destination: null,
    prefix: null,
    quantity: decimalToString(quantity),
    unit: 'unit',
    durationSeconds: null,
    unitPrice: money.formatPrice(unitPrice),
    net: money.round(quantity.times(unitPrice)),
    fixedCostId: item.fixedCostId,
  };
}

/**
 * The call discount applies to the rounded usage nets only, before tax. No line is produced when it
 * would be zero, or when usage nets to a credit: discounting a credit would raise the invoice.
 */
function discountLine(usageNet: Dec, percent: Dec, money: MoneyContext): DraftLine | null {
  if (!percent.greaterThan(0) || !usageNet.greaterThan(0)) return null;
  const discount = money.round(usageNet.times(percent).dividedBy(100));
  if (discount.isZero()) return null;
  const pct = decimalToString(percent);
  return {
    kind: 'discount',
    description: `Call discount ${pct}%`,
    destination: null,
    prefix: null,
    quantity: pct,
    unit: 'percent',
    durationSeconds: null,
    unitPrice: null,
    // Every rounding mode is symmetric around zero, so negating after rounding equals rounding the
    // negative amount.
    net: discount.negated(),
  };
}

function taxOf(base: Dec, rate: Dec, money: MoneyContext): Dec {
  return money.round(base.times(rate).dividedBy(100));
}

/**
 * Computes an invoice from a snapshot: lines, totals and tax breakdown, all as API decimal strings.
 * Pure and deterministic, so preview, proforma and dry run call it without committing anything.
 * Arithmetic follows EN 16931: each line net is rounded once; totals are sums of rounded parts;
 * tax is computed per rate on the rounded base. Hence Σ line nets = net and net + tax = total hold
 * exactly, while the informative per-line tax may differ from the invoice tax by rounding.
 * Throws InvoiceInputError for input that validateInvoiceInput rejects.
 */
export function computeInvoice(input: InvoiceInput): InvoiceComputation {
  const errors = validateInvoiceInput(input);
  if (errors.length > 0) throw new InvoiceInputError(errors);
  const money = moneyContext(input);
  const rate = validDec(input.taxRate);
  const rateText = decimalToString(rate);

  const usage = input.usage.map((group) => usageLine(group, money));
  const fixed = input.fixedCosts.map((item) => fixedCostLine(item, money));
  const usageNet = sumDec(usage.map((line) => line.net));
  const discount = discountLine(usageNet, validDec(input.callDiscountPercent), money);
  const drafts = [...usage, ...(discount ? [discount] : []), ...fixed];

  const lines: ComputedLine[] = drafts.map((draft) => {
    const lineTax = taxOf(draft.net, rate, money);
    return {
      ...draft,
      net: money.format(draft.net),
      taxRate: rateText,
      tax: money.format(lineTax),
      gross: money.format(draft.net.plus(lineTax)),
    };
  });

  // One rate per invoice today; the breakdown stays a list so mixed rates only add entries.
  const net = sumDec(drafts.map((line) => line.net));
  const tax = taxOf(net, rate, money);
  const taxBreakdown: TaxBreakdownEntry[] = [{ rate: rateText, base: money.format(net), tax: money.format(tax) }];

  return {
    lines,
    totals: {
      usage: money.format(usageNet),
      discount: money.format(discount?.net ?? new Dec(0)),
      fixedCosts: money.format(sumDec(fixed.map((line) => line.net))),
      net: money.format(net),
      tax: money.format(tax),
      total: money.format(net.plus(tax)),
    },
    taxBreakdown,
  };
}
