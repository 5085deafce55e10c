import { Dec, roundTo } from '../money/decimal.ts';
import type { EnInvoiceModel, VatCategory } from './model.ts';

/** A broken EN 16931 business rule, named as the standard names it. */
export interface EnViolation {
  rule: string;
  detail: string;
}

const sum = (values: string[]) => values.reduce((acc, v) => acc.plus(v), new Dec(0));

/**
 * Checks the EN 16931 rules that concern arithmetic and VAT: the totals' rules (BR-CO-10, -13,
 * -14, -15, -16), the breakdown per category and rate (BR-S-08/09, BR-Z-08/09, BR-E-08/09/10,
 * BR-CO-17), line categories and their breakdowns (BR-S-01/05, BR-Z-01/05, BR-E-01/05, BR-CO-18),
 * two decimals at most on every amount (BR-DEC), and at least one line (BR-16, which the UBL
 * schema also requires). Equality is exact: a document that only passes with a tolerance is wrong.
 */
export function checkEn16931(model: EnInvoiceModel): EnViolation[] {
  const atLeastOne: EnViolation[] = [
    ...(model.lines.length === 0 ? [{ rule: 'BR-16', detail: 'an invoice needs at least one line' }] : []),
    ...(model.vatBreakdown.length === 0
      ? [{ rule: 'BR-CO-18', detail: 'an invoice needs at least one VAT breakdown' }]
      : []),
  ];
  return [
    ...checkDecimals(model),
    ...checkTotals(model),
    ...atLeastOne,
    ...checkBreakdown(model),
    ...checkLineCategories(model),
  ];
}

function checkDecimals(model: EnInvoiceModel): EnViolation[] {
  const amounts: [string, string][] = [
    ...model.lines.map((l) => [`line ${l.id} net amount`, l.netAmount] as [string, string]),
    ...model.allowances.map((a, i) => [`allowance ${i + 1} amount`, a.amount] as [string, string]),
    ...model.vatBreakdown.flatMap((v) => [
      [`VAT ${v.category} ${v.rate}% taxable amount`, v.taxableAmount] as [string, string],
      [`VAT ${v.category} ${v.rate}% tax amount`, v.taxAmount] as [string, string],
    ]),
    ...Object.entries(model.totals).map(([name, value]) => [`total ${name}`, value] as [string, string]),
  ];
  return amounts
    .filter(([, value]) => new Dec(value).decimalPlaces() > 2)
    .map(([name, value]) => ({ rule: 'BR-DEC', detail: `${name} ${value} has more than two decimals` }));
}

function checkTotals(model: EnInvoiceModel): EnViolation[] {
  const t = model.totals;
  const rules: [string, boolean, string][] = [
    ['BR-CO-10', new Dec(t.lineNet).eq(sum(model.lines.map((l) => l.netAmount))), 'Σ line net amounts ≠ BT-106'],
    ['BR-CO-11', new Dec(t.allowances).eq(sum(model.allowances.map((a) => a.amount))), 'Σ allowances ≠ BT-107'],
    [
      'BR-CO-13',
      new Dec(t.taxExclusive).eq(new Dec(t.lineNet).minus(t.allowances).plus(t.charges)),
      'BT-109 ≠ BT-106 − BT-107 + BT-108',
    ],
    ['BR-CO-14', new Dec(t.tax).eq(sum(model.vatBreakdown.map((v) => v.taxAmount))), 'BT-110 ≠ Σ BT-117'],
    ['BR-CO-15', new Dec(t.taxInclusive).eq(new Dec(t.taxExclusive).plus(t.tax)), 'BT-112 ≠ BT-109 + BT-110'],
    [
      'BR-CO-16',
      new Dec(t.payable).eq(new Dec(t.taxInclusive).minus(t.prepaid).plus(t.rounding)),
      'BT-115 ≠ BT-112 − BT-113 + BT-114',
    ],
  ];
  return rules.filter(([, holds]) => !holds).map(([rule, , detail]) => ({ rule, detail }));
}

function checkBreakdown(model: EnInvoiceModel): EnViolation[] {
  const violations: EnViolation[] = [];
  for (const entry of model.vatBreakdown) {
    const sameGroup = (c: VatCategory, r: string) => c === entry.category && new Dec(r).eq(entry.rate);
    const expectedBase = sum(
      model.lines.filter((l) => sameGroup(l.vatCategory, l.vatRate)).map((l) => l.netAmount),
    ).minus(sum(model.allowances.filter((a) => sameGroup(a.vatCategory, a.vatRate)).map((a) => a.amount)));
    const prefix = `BR-${entry.category}`;
    if (!expectedBase.eq(entry.taxableAmount)) {
      violations.push({
        rule: `${prefix}-08`,
        detail: `VAT ${entry.category} ${entry.rate}%: taxable amount ${entry.taxableAmount} ≠ lines − allowances ${expectedBase.toFixed()}`,
      });
    }
    const expectedTax = roundTo(new Dec(entry.taxableAmount).times(entry.rate).dividedBy(100), 2);
    if (!expectedTax.eq(entry.taxAmount)) {
      violations.push({
        rule: entry.category === 'S' ? 'BR-S-09' : 'BR-CO-17',
        detail: `VAT ${entry.category} ${entry.rate}%: tax ${entry.taxAmount} ≠ round(taxable × rate) ${expectedTax.toFixed(2)}`,
      });
    }
    if ((entry.category === 'Z' || entry.category === 'E') && !new Dec(entry.taxAmount).isZero()) {
      violations.push({ rule: `BR-${entry.category}-09`, detail: `VAT ${entry.category}: tax amount must be 0` });
    }
    if (entry.category === 'E' && !entry.exemptionReason) {
      violations.push({ rule: 'BR-E-10', detail: 'an exempt VAT breakdown needs an exemption reason' });
    }
  }
  return violations;
}

function checkLineCategories(model: EnInvoiceModel): EnViolation[] {
  return model.lines.flatMap((line) => {
    const found: EnViolation[] = [];
    const zero = new Dec(line.vatRate).isZero();
    if (line.vatCategory === 'S' && zero)
      found.push({ rule: 'BR-S-05', detail: `line ${line.id}: standard rate must be above 0` });
    if ((line.vatCategory === 'Z' || line.vatCategory === 'E') && !zero) {
      found.push({ rule: `BR-${line.vatCategory}-05`, detail: `line ${line.id}: ${line.vatCategory} rate must be 0` });
    }
    const covered = model.vatBreakdown.some((v) => v.category === line.vatCategory && new Dec(v.rate).eq(line.vatRate));
    if (!covered) {
      found.push({
        rule: `BR-${line.vatCategory}-01`,
        detail: `line ${line.id}: no VAT breakdown for ${line.vatCategory} ${line.vatRate}%`,
      });
    }
    return found;
  });
}
