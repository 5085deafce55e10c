import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { computeDocument } from '../../core/invoice/compute-document.ts';
import { checkEn16931, toEnModel, type EnDocument, type EnParty } from '../../core/einvoice/index.ts';
import type { DocumentComputation } from '../../core/invoice/types.ts';
import { ublSchemaErrors } from '../../../test/support/ubl-schema.ts';
import { toUbl } from './ubl.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
});
const party = (name: string, vatId: string): EnParty => ({
  name,
  vatId,
  address: { line1: 'Calle 1', line2: null, city: 'Madrid', postalCode: '28001', country: 'ES' },
  endpoint: { scheme: '9920', id: vatId },
  email: null,
});
const options = { currency: 'EUR', paid: '0', zeroRateCategory: 'E' as const, exemptionReason: 'Exempt' };
const computation = computeDocument({
  currency: 'EUR',
  usage: [{ prefix: '34', destination: 'Spain', calls: 3, durationSeconds: 185, amount: '0.333333' }],
  fixedCosts: [{ fixedCostId: 'fc', description: 'Line rental & <support>', quantity: '2', unitPrice: '10.00' }],
  callDiscountPercent: '0',
  taxRate: '21',
});
const discounted = {
  currency: 'EUR',
  usage: [{ prefix: '34', destination: 'Spain', calls: 2, durationSeconds: 120, amount: '50.00' }],
  fixedCosts: [],
  callDiscountPercent: '10',
};
const negate = (c: DocumentComputation): DocumentComputation => {
  const n = (v: string) => (v.startsWith('-') ? v.slice(1) : v === '0.00' ? v : `-${v}`);
  return {
    lines: c.lines.map((l) => ({ ...l, net: n(l.net), tax: n(l.tax), gross: n(l.gross) })),
    totals: Object.fromEntries(
      Object.entries(c.totals).map(([k, v]) => [k, n(v)]),
    ) as unknown as DocumentComputation['totals'],
    taxBreakdown: c.taxBreakdown.map((t) => ({ ...t, base: n(t.base), tax: n(t.tax) })),
  };
};
const doc = (kind: 'invoice' | 'credit_note', c: DocumentComputation): EnDocument => ({
  number: kind === 'invoice' ? 'INV-1' : 'CN-1',
  issueDate: '2024-03-01',
  dueDate: '2024-03-15',
  period: { start: '2024-02-01', end: '2024-02-29' },
  buyerReference: 'cus_1',
  precedingInvoice: kind === 'credit_note' ? { number: 'INV-1', issueDate: '2024-03-01' } : null,
  seller: party('Seller SL', 'ESB00000001'),
  buyer: party('Buyer SA', 'ESB98765432'),
  payment: { meansCode: '58', iban: 'ES9121000418450200051332', bic: null, remittance: 'INV-1' },
  model: toEnModel(c, { ...options, kind }),
});

describe('UBL 2.1 writer', () => {
  it('states an aggregated usage line exactly through a base quantity, and escapes text', () => {
    const xml = toUbl(doc('invoice', computation), 'peppol');
    expect(xml).toContain('Line rental &amp; &lt;support&gt;');
    const lines = parser.parse(xml).Invoice.InvoiceLine;
    const usage = lines[0];
    expect(usage.LineExtensionAmount['#text']).toBe('0.33');
    // 3 calls whose prices differ: price 0.33 per base quantity 3 gives the net exactly.
    expect(usage.Price.BaseQuantity['#text']).toBe(usage.InvoicedQuantity['#text']);
    const rental = lines[1];
    expect(rental.InvoicedQuantity['#text']).toBe('2');
    expect(rental.Price.PriceAmount['#text']).toBe('10');
    expect(rental.Price.BaseQuantity).toBeUndefined();
  });

  it('writes a credit note with positive amounts, its lines as CreditNoteLine and a reference to the invoice', () => {
    const credit = doc('credit_note', negate(computation));
    expect(checkEn16931(credit.model)).toEqual([]);
    const cn = parser.parse(toUbl(credit, 'peppol')).CreditNote;
    expect(cn.CreditNoteTypeCode).toBe('381');
    expect(cn.BillingReference.InvoiceDocumentReference.ID).toBe('INV-1');
    expect(cn.DueDate).toBeUndefined();
    expect(cn.LegalMonetaryTotal.PayableAmount['#text']).toBe('24.60');
    expect(cn.CreditNoteLine).toHaveLength(2);
    expect(cn.CreditNoteLine[1].CreditedQuantity['#text']).toBe('2');
  });

  it('orders the header elements as the UBL 2.1 schema sequence requires', () => {
    const xml = toUbl(doc('invoice', computation), 'peppol');
    const order = [
      'cbc:CustomizationID',
      'cbc:ProfileID',
      'cbc:ID',
      'cbc:IssueDate',
      'cbc:DueDate',
      'cbc:InvoiceTypeCode',
      'cbc:DocumentCurrencyCode',
      'cbc:BuyerReference',
      'cac:InvoicePeriod',
      'cac:AccountingSupplierParty',
      'cac:AccountingCustomerParty',
      'cac:PaymentMeans',
      'cac:TaxTotal',
      'cac:LegalMonetaryTotal',
      'cac:InvoiceLine',
    ].map((tag) => xml.indexOf(`<${tag}`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('gives every amount its currencyID and every quantity its unitCode, as the UBL data types require', () => {
    for (const xml of [
      toUbl(doc('invoice', computation), 'peppol'),
      toUbl(doc('credit_note', negate(computation)), 'en16931'),
    ]) {
      const amounts = [...xml.matchAll(/<cbc:(\w*Amount)( [^>]*)?>/g)];
      expect(amounts.length).toBeGreaterThan(5);
      for (const [tag, name, attrs] of amounts) expect(attrs ?? '', `${name} in ${tag}`).toContain('currencyID="EUR"');
      const quantities = [...xml.matchAll(/<cbc:(\w*Quantity)( [^>]*)?>/g)];
      expect(quantities.length).toBeGreaterThan(1);
      for (const [tag, name, attrs] of quantities) expect(attrs ?? '', `${name} in ${tag}`).toMatch(/unitCode="\w+"/);
    }
  });

  it('writes invoices and credit notes that the UBL 2.1 schemas accept, and the schema check catches a misplaced element', () => {
    const withEverything: EnDocument = {
      ...doc('invoice', computeDocument({ ...discounted, taxRate: '21' })),
      payment: { meansCode: '58', iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX', remittance: 'INV-1' },
      buyer: { ...party('Buyer SA', 'ESB98765432'), email: 'billing@buyer.example' },
    };
    expect(withEverything.model.allowances).not.toHaveLength(0);
    const outputs = [
      toUbl(doc('invoice', computation), 'peppol'),
      toUbl(withEverything, 'en16931'),
      toUbl(doc('credit_note', negate(computation)), 'peppol'),
    ];
    for (const xml of outputs) expect(ublSchemaErrors(xml)).toEqual([]);
    // The same invoice with its currency code before its type code, and without a currencyID.
    const swapped = outputs[0]!.replace(
      /(\s*<cbc:InvoiceTypeCode>380<\/cbc:InvoiceTypeCode>)(\s*<cbc:DocumentCurrencyCode>EUR<\/cbc:DocumentCurrencyCode>)/,
      '$2$1',
    );
    expect(swapped).not.toBe(outputs[0]);
    expect(ublSchemaErrors(swapped).join('\n')).toMatch(
      /DocumentCurrencyCode.*not expected|InvoiceTypeCode.*not expected/,
    );
    const noCurrency = outputs[0]!.replace(/(<cbc:PayableAmount) currencyID="EUR"/, '$1');
    expect(ublSchemaErrors(noCurrency).join('\n')).toMatch(/currencyID.*required/);
  });
});
