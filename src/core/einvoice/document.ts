import { Dec, decimalToString, roundTo, type RoundingMode } from '../money/decimal.ts';
import type { DocumentComputation, TaxBreakdownEntry } from '../invoice/types.ts';
import type { DocumentLineAmounts } from '../documents/types.ts';
import type { EnViolation } from './check.ts';
import { toEn16931, type EnMappingOptions } from './from-document.ts';
import type { EnInvoiceModel } from './model.ts';

/** A party (BG-4 seller, BG-7 buyer) as EN 16931 states it. */
export interface EnParty {
  /** BT-27 / BT-44. */
  name: string;
  /** BT-31 / BT-48 VAT identifier, with its country prefix. */
  vatId: string | null;
  address: {
    line1: string | null;
    line2: string | null;
    city: string | null;
    postalCode: string | null;
    country: string | null;
  };
  /** BT-34 / BT-49 electronic address and its scheme (EAS code), required by Peppol. */
  endpoint: { scheme: string; id: string } | null;
  email: string | null;
}

/** An e-invoice: the header, the parties, how to pay, and the amounts of `EnInvoiceModel`. */
export interface EnDocument {
  /** BT-1. */
  number: string;
  /** BT-2, BT-9 (invoices only). */
  issueDate: string;
  dueDate: string | null;
  /** BG-14 invoicing period. */
  period: { start: string; end: string };
  /** BT-10; Peppol requires it or an order reference: Tollbook states the customer's account. */
  buyerReference: string;
  /** BG-3: the invoice a credit note corrects. */
  precedingInvoice: { number: string; issueDate: string | null } | null;
  seller: EnParty;
  buyer: EnParty;
  /** BG-16: credit transfer (UNCL 4461 code 58 SEPA, 30 other) to the seller's account. */
  payment: { meansCode: '30' | '58'; iban: string | null; bic: string | null; remittance: string };
  model: EnInvoiceModel;
}

/**
 * The VAT breakdown of a stored document, from its stored lines: base = Σ rounded nets per rate,
 * tax = round(base × rate) — the rule the document was computed with. The caller's check then
 * compares Σ of these taxes with the stored total (BR-CO-14), so a stored total that drifted shows.
 */
export function breakdownFromLines(
  lines: readonly Pick<DocumentLineAmounts, 'net' | 'taxRate'>[],
  documentRate: string,
  rounding: RoundingMode = 'half_up',
): TaxBreakdownEntry[] {
  const byRate = new Map<string, Dec>();
  if (lines.length === 0) byRate.set(decimalToString(new Dec(documentRate)), new Dec(0));
  for (const line of lines) {
    const key = decimalToString(new Dec(line.taxRate));
    byRate.set(key, (byRate.get(key) ?? new Dec(0)).plus(line.net));
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => new Dec(a).comparedTo(b))
    .map(([rate, base]) => ({
      rate,
      base: decimalToString(base),
      tax: decimalToString(roundTo(base.times(rate).dividedBy(100), 2, rounding)),
    }));
}

/** A credit note states positive amounts (UBL CreditNote); Tollbook may store them negative. */
export function positiveComputation(computation: DocumentComputation): DocumentComputation {
  if (!new Dec(computation.totals.total).isNegative()) return computation;
  const neg = (v: string) => decimalToString(new Dec(v).negated());
  return {
    lines: computation.lines.map((l) => ({ ...l, net: neg(l.net), tax: neg(l.tax), gross: neg(l.gross) })),
    totals: Object.fromEntries(
      Object.entries(computation.totals).map(([k, v]) => [k, neg(v)]),
    ) as unknown as DocumentComputation['totals'],
    taxBreakdown: computation.taxBreakdown.map((t) => ({ ...t, base: neg(t.base), tax: neg(t.tax) })),
  };
}

export function toEnModel(computation: DocumentComputation, options: EnMappingOptions): EnInvoiceModel {
  return toEn16931(options.kind === 'credit_note' ? positiveComputation(computation) : computation, options);
}

/** The profile asked for: plain EN 16931 or Peppol BIS Billing 3.0 (which needs endpoints). */
export type EnProfile = 'en16931' | 'peppol';

/**
 * The data an e-invoice cannot go without, by field: BR-02/03/06/07/08/09/10/11 (number, dates,
 * names, addresses and countries), BR-S-02 / BR-E-02 (the seller's VAT identifier when VAT
 * applies), BR-49 (payment means), and for Peppol the electronic addresses of both parties
 * (PEPPOL-EN16931-R010/R020). Each finding names the document field that is missing.
 */
export function missingEnData(doc: EnDocument, profile: EnProfile): EnViolation[] {
  const found: EnViolation[] = [];
  const need = (ok: unknown, rule: string, detail: string) => {
    if (!ok) found.push({ rule, detail });
  };
  need(doc.number, 'BR-02', 'number');
  need(doc.issueDate, 'BR-03', 'issueDate');
  need(doc.seller.name, 'BR-06', 'sender.name');
  need(doc.buyer.name, 'BR-07', 'recipient.name');
  need(doc.seller.address.country, 'BR-09', 'sender.address.country');
  need(doc.buyer.address.country, 'BR-11', 'recipient.address.country');
  need(doc.seller.address.city, 'BR-08', 'sender.address.city');
  need(doc.buyer.address.city, 'BR-10', 'recipient.address.city');
  const vatCharged = doc.model.lines.some((l) => l.vatCategory !== 'O');
  need(!vatCharged || doc.seller.vatId, 'BR-S-02', 'sender.taxId');
  if (doc.model.kind === 'invoice' && new Dec(doc.model.totals.payable).gt(0))
    need(doc.payment.iban, 'BR-61', 'sender.bank.iban');
  if (profile === 'peppol') {
    need(doc.seller.endpoint, 'PEPPOL-EN16931-R020', 'sender.taxId');
    need(doc.buyer.endpoint, 'PEPPOL-EN16931-R010', 'recipient.taxId');
  }
  return found;
}

/**
 * Peppol electronic address schemes (EAS) of national VAT numbers, by country. A party whose
 * country has no VAT scheme here has no Peppol endpoint Tollbook can derive.
 */
const VAT_EAS: Readonly<Record<string, string>> = {
  AT: '9914',
  BE: '9925',
  BG: '9926',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  EE: '9931',
  ES: '9920',
  FR: '9957',
  GB: '9932',
  GR: '9933',
  HR: '9934',
  HU: '9910',
  IE: '9935',
  IT: '0211',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  SE: '9955',
  SI: '9949',
  SK: '9950',
};

/** The VAT identifier with its country prefix (BT-31 must start with the ISO 3166 code). */
export function vatIdentifier(taxId: string | null, country: string | null): string | null {
  if (!taxId) return null;
  const compact = taxId.replace(/[\s.-]/g, '').toUpperCase();
  if (/^[A-Z]{2}/.test(compact) && (!country || compact.startsWith(country === 'GR' ? 'EL' : country))) return compact;
  if (!country) return null;
  return `${country === 'GR' ? 'EL' : country}${compact}`;
}

export function peppolEndpoint(vatId: string | null, country: string | null): EnParty['endpoint'] {
  const scheme = country ? VAT_EAS[country] : undefined;
  return vatId && scheme ? { scheme, id: vatId } : null;
}
