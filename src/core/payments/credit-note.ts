import { Dec, parseDecimal, roundTo } from '../money/decimal.ts';
import type { FieldError } from '../validation/field-error.ts';

/** The payment source that carries a credit note's money in the allocation ledger. */
export const CREDIT_NOTE_SOURCE = 'credit_note';

/** A line of the credited document, with what earlier credit notes already credited on it. */
export interface CreditableLine {
  id: string;
  kind: string;
  description: string;
  unit: string;
  taxRate: string;
  gross: string;
  credited: string;
}

export interface CreditRequest {
  /** Lines to credit: the whole of what is left of each, or `amount` (gross) of it. */
  lines?: Array<{ lineId: string; amount?: string | undefined }> | undefined;
  /** Or a gross amount against the document as a whole, at its tax rate. */
  amount?: string | undefined;
}

export interface CreditLine {
  /** The credited line's id, or '' for an amount against the whole document. */
  creditsLineId: string;
  kind: string;
  description: string;
  unit: string;
  net: string;
  taxRate: string;
  tax: string;
  gross: string;
}

/** Net and tax of a gross amount at a rate, in minor units: tax is what rounding leaves of gross − net. */
function split(gross: Dec, taxRate: string, minorUnits: number) {
  const net = roundTo(gross.div(new Dec(1).plus(new Dec(taxRate).div(100))), minorUnits);
  return { net: net.toFixed(minorUnits), tax: gross.minus(net).toFixed(minorUnits), gross: gross.toFixed(minorUnits) };
}

function positiveAmount(value: string, field: string, minorUnits: number, errors: FieldError[]): Dec | null {
  const d = parseDecimal(value);
  if (!d || d.lte(0)) errors.push({ field, code: 'NON_POSITIVE_AMOUNT', message: 'more than zero' });
  else if (d.decimalPlaces() > minorUnits)
    errors.push({ field, code: 'AMOUNT_PRECISION', message: `at most ${minorUnits} decimals` });
  else return d;
  return null;
}

/**
 * The lines of a credit note: never more than what is left to credit, on each line and on the
 * document as a whole (its total less earlier credit notes). Errors name the offending field.
 */
export function creditNoteLines(
  request: CreditRequest,
  doc: {
    taxRate: string;
    minorUnits: number;
    total: string;
    credited: string;
    lines: CreditableLine[];
    number: string;
  },
): { lines: CreditLine[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lines: CreditLine[] = [];
  const left = new Dec(doc.total).minus(doc.credited);
  if ((request.lines === undefined) === (request.amount === undefined)) {
    errors.push({ field: 'lines', code: 'CREDIT_SCOPE', message: 'give either lines or amount' });
    return { lines, errors };
  }
  if (request.amount !== undefined) {
    const amount = positiveAmount(request.amount, 'amount', doc.minorUnits, errors);
    if (amount && amount.gt(left))
      errors.push({
        field: 'amount',
        code: 'OVER_CREDIT',
        message: `at most ${left.toFixed(doc.minorUnits)} is left to credit`,
      });
    else if (amount)
      lines.push({
        creditsLineId: '',
        kind: 'one_off',
        description: `Credit on ${doc.number}`,
        unit: 'unit',
        taxRate: doc.taxRate,
        ...split(amount, doc.taxRate, doc.minorUnits),
      });
    return { lines, errors };
  }
  const seen = new Set<string>();
  for (const [i, want] of request.lines!.entries()) {
    const field = `lines.${i}`;
    const line = doc.lines.find((l) => l.id === want.lineId);
    if (!line || seen.has(want.lineId)) {
      errors.push({
        field: `${field}.lineId`,
        code: line ? 'DUPLICATE_LINE' : 'UNKNOWN_LINE',
        message: line ? 'each line once' : `not a line of ${doc.number}`,
      });
      continue;
    }
    seen.add(want.lineId);
    const open = new Dec(line.gross).minus(line.credited);
    const amount =
      want.amount === undefined ? open : positiveAmount(want.amount, `${field}.amount`, doc.minorUnits, errors);
    if (!amount) continue;
    if (amount.lte(0) || amount.gt(open)) {
      errors.push({
        field: `${field}.amount`,
        code: 'OVER_CREDIT',
        message: `at most ${open.toFixed(doc.minorUnits)} of this line is left to credit`,
      });
      continue;
    }
    lines.push({
      creditsLineId: line.id,
      kind: line.kind,
      description: `Credit: ${line.description}`,
      unit: line.unit,
      taxRate: line.taxRate,
      ...split(amount, line.taxRate, doc.minorUnits),
    });
  }
  if (lines.length === 0 && errors.length === 0)
    errors.push({ field: 'lines', code: 'CREDIT_SCOPE', message: 'name at least one line' });
  const total = lines.reduce((t, l) => t.plus(l.gross), new Dec(0));
  if (!errors.length && total.gt(left))
    errors.push({
      field: 'lines',
      code: 'OVER_CREDIT',
      message: `at most ${left.toFixed(doc.minorUnits)} is left to credit`,
    });
  return { lines, errors };
}

/**
 * What a re-rate credits on a usage line: the whole line, less its share of the document's call
 * discount (the discount line is not credited, so each credited usage line carries its share).
 * Gross, in minor units; undefined means "the whole line" (no discount to take off).
 */
export function usageLineCreditGross(
  line: { net: string; taxRate: string },
  callDiscountPercent: string,
  minorUnits: number,
): string | undefined {
  const percent = new Dec(callDiscountPercent || '0');
  if (percent.isZero()) return undefined;
  const net = new Dec(line.net).minus(roundTo(new Dec(line.net).times(percent).div(100), minorUnits));
  const tax = roundTo(net.times(line.taxRate).div(100), minorUnits);
  return net.plus(tax).toFixed(minorUnits);
}
