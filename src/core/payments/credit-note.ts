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

/**
 * Net and (informative) tax of a gross amount at a rate, in minor units. The net is the one whose
 * gross — net plus its tax rounded — is the amount asked. Some amounts have no such net (at 21 %,
 * 8.26 gives 9.99 and 8.27 gives 10.01, so nothing gives 10.00): then the largest net whose gross
 * stays below the amount is taken, so a credit never exceeds what was asked or what is left. The
 * document's tax is computed per rate on the sum of the nets (`creditNoteTotals`), as an invoice's
 * is, so that the note's figures obey the EN 16931 VAT rules exactly.
 */
function split(gross: Dec, taxRate: string, minorUnits: number) {
  const rate = new Dec(taxRate).div(100);
  const unit = new Dec(1).div(new Dec(10).pow(minorUnits));
  const grossOf = (net: Dec) => net.plus(roundTo(net.times(rate), minorUnits));
  const nearest = roundTo(gross.div(new Dec(1).plus(rate)), minorUnits);
  const candidates = [1, 0, -1, -2].map((k) => nearest.plus(unit.times(k)));
  const net = candidates.find((n) => grossOf(n).eq(gross)) ?? candidates.find((n) => grossOf(n).lt(gross)) ?? nearest;
  const tax = grossOf(net).minus(net);
  return { net: net.toFixed(minorUnits), tax: tax.toFixed(minorUnits), gross: grossOf(net).toFixed(minorUnits) };
}

/**
 * A credit note's totals as an invoice's are made: net = Σ line nets, tax = Σ over rates of the
 * rate applied to that rate's nets, rounded once; total = net + tax. A line's tax is informative.
 */
export function creditNoteTotals(
  lines: readonly Pick<CreditLine, 'net' | 'taxRate'>[],
  minorUnits: number,
): { net: string; tax: string; total: string } {
  const byRate = new Map<string, Dec>();
  for (const l of lines) {
    const key = new Dec(l.taxRate).toString();
    byRate.set(key, (byRate.get(key) ?? new Dec(0)).plus(l.net));
  }
  const net = [...byRate.values()].reduce((t, n) => t.plus(n), new Dec(0));
  const tax = [...byRate.entries()].reduce(
    (t, [rate, base]) => t.plus(roundTo(base.times(rate).div(100), minorUnits)),
    new Dec(0),
  );
  return { net: net.toFixed(minorUnits), tax: tax.toFixed(minorUnits), total: net.plus(tax).toFixed(minorUnits) };
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
  if (!errors.length && new Dec(creditNoteTotals(lines, doc.minorUnits).total).gt(left))
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
