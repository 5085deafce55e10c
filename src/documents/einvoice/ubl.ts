import { XMLBuilder } from 'fast-xml-parser';
import type { EnDocument, EnParty } from '../../core/einvoice/document.ts';
import type { EnLine, VatCategory } from '../../core/einvoice/model.ts';
import { Dec } from '../../core/money/decimal.ts';

// UBL 2.1 element order is fixed by its schema (xsd:sequence); the objects below are built in that
// order, and fast-xml-parser writes keys in insertion order. Amounts are written exactly as the
// model states them with two decimals; nothing is recomputed here.

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  credit_note: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
export const CUSTOMIZATION = {
  en16931: 'urn:cen.eu:en16931:2017',
  peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
};
const PEPPOL_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

type Node = Record<string, unknown>;
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: true,
  processEntities: true,
});

const amount = (value: string, currency: string): Node => ({
  '#text': new Dec(value).toFixed(2),
  '@currencyID': currency,
});
const vatScheme = { 'cac:TaxScheme': { 'cbc:ID': 'VAT' } };

function category(id: VatCategory, rate: string, exemptionReason?: string | null): Node {
  return {
    'cbc:ID': id,
    ...(id === 'O' ? {} : { 'cbc:Percent': new Dec(rate).toFixed() }),
    ...(exemptionReason ? { 'cbc:TaxExemptionReason': exemptionReason } : {}),
    ...vatScheme,
  };
}

function party(p: EnParty): Node {
  return {
    'cac:Party': {
      ...(p.endpoint ? { 'cbc:EndpointID': { '#text': p.endpoint.id, '@schemeID': p.endpoint.scheme } } : {}),
      'cac:PartyName': { 'cbc:Name': p.name },
      'cac:PostalAddress': {
        ...(p.address.line1 ? { 'cbc:StreetName': p.address.line1 } : {}),
        ...(p.address.line2 ? { 'cbc:AdditionalStreetName': p.address.line2 } : {}),
        ...(p.address.city ? { 'cbc:CityName': p.address.city } : {}),
        ...(p.address.postalCode ? { 'cbc:PostalZone': p.address.postalCode } : {}),
        'cac:Country': { 'cbc:IdentificationCode': p.address.country ?? '' },
      },
      ...(p.vatId ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': p.vatId, ...vatScheme } } : {}),
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': p.name },
      ...(p.email ? { 'cac:Contact': { 'cbc:ElectronicMail': p.email } } : {}),
    },
  };
}

/**
 * A line's quantity × price must give its net (PEPPOL-EN16931-R120). Usage lines aggregate calls
 * whose prices differ, so when the product is not the net the price is stated per base quantity
 * (BT-149): price = net for base quantity = quantity, which is exact.
 */
function line(l: EnLine, currency: string, credit: boolean): Node {
  const qty = new Dec(l.quantity).isZero() ? new Dec(1) : new Dec(l.quantity);
  const net = new Dec(l.netAmount);
  const unit = l.priceAmount === null ? null : new Dec(l.priceAmount);
  const exact = unit !== null && !unit.isNegative() && qty.times(unit).toDecimalPlaces(2).eq(net);
  const price: Node = exact
    ? { 'cbc:PriceAmount': { '#text': unit.toFixed(), '@currencyID': currency } }
    : {
        'cbc:PriceAmount': { '#text': net.abs().toFixed(2), '@currencyID': currency },
        'cbc:BaseQuantity': { '#text': qty.abs().toFixed(), '@unitCode': l.unitCode },
      };
  // A negative line (a correction) keeps a positive price and carries the sign in its quantity.
  const signedQty = net.isNegative() && !exact ? qty.abs().negated() : qty;
  return {
    'cbc:ID': l.id,
    [credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity']: {
      '#text': signedQty.toFixed(),
      '@unitCode': l.unitCode,
    },
    'cbc:LineExtensionAmount': amount(l.netAmount, currency),
    'cac:Item': {
      'cbc:Name': l.name,
      'cac:ClassifiedTaxCategory': category(l.vatCategory, l.vatRate),
    },
    'cac:Price': price,
  };
}

/** Writes an EN 16931 e-invoice as a UBL 2.1 Invoice or CreditNote. */
export function toUbl(doc: EnDocument, profile: 'en16931' | 'peppol'): string {
  const { model } = doc;
  const credit = model.kind === 'credit_note';
  const cur = model.currency;
  const root = credit ? 'CreditNote' : 'Invoice';
  const t = model.totals;
  const body: Node = {
    '@xmlns': NS[model.kind],
    '@xmlns:cac': NS.cac,
    '@xmlns:cbc': NS.cbc,
    'cbc:CustomizationID': CUSTOMIZATION[profile],
    ...(profile === 'peppol' ? { 'cbc:ProfileID': PEPPOL_PROFILE } : {}),
    'cbc:ID': doc.number,
    'cbc:IssueDate': doc.issueDate,
    ...(!credit && doc.dueDate ? { 'cbc:DueDate': doc.dueDate } : {}),
    [credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode']: credit ? '381' : '380',
    'cbc:DocumentCurrencyCode': cur,
    'cbc:BuyerReference': doc.buyerReference,
    'cac:InvoicePeriod': { 'cbc:StartDate': doc.period.start, 'cbc:EndDate': doc.period.end },
    ...(doc.precedingInvoice
      ? {
          'cac:BillingReference': {
            'cac:InvoiceDocumentReference': {
              'cbc:ID': doc.precedingInvoice.number,
              ...(doc.precedingInvoice.issueDate ? { 'cbc:IssueDate': doc.precedingInvoice.issueDate } : {}),
            },
          },
        }
      : {}),
    'cac:AccountingSupplierParty': party(doc.seller),
    'cac:AccountingCustomerParty': party(doc.buyer),
    ...(doc.payment.iban
      ? {
          'cac:PaymentMeans': {
            'cbc:PaymentMeansCode': doc.payment.meansCode,
            ...(credit && doc.dueDate ? { 'cbc:PaymentDueDate': doc.dueDate } : {}),
            'cbc:PaymentID': doc.payment.remittance,
            'cac:PayeeFinancialAccount': {
              'cbc:ID': doc.payment.iban,
              ...(doc.payment.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': doc.payment.bic } } : {}),
            },
          },
        }
      : {}),
    'cac:AllowanceCharge': model.allowances.map((a) => ({
      'cbc:ChargeIndicator': 'false',
      'cbc:AllowanceChargeReason': a.reason,
      'cbc:Amount': amount(a.amount, cur),
      'cac:TaxCategory': category(a.vatCategory, a.vatRate),
    })),
    'cac:TaxTotal': {
      'cbc:TaxAmount': amount(t.tax, cur),
      'cac:TaxSubtotal': model.vatBreakdown.map((v) => ({
        'cbc:TaxableAmount': amount(v.taxableAmount, cur),
        'cbc:TaxAmount': amount(v.taxAmount, cur),
        'cac:TaxCategory': category(v.category, v.rate, v.exemptionReason),
      })),
    },
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(t.lineNet, cur),
      'cbc:TaxExclusiveAmount': amount(t.taxExclusive, cur),
      'cbc:TaxInclusiveAmount': amount(t.taxInclusive, cur),
      ...(new Dec(t.allowances).isZero() ? {} : { 'cbc:AllowanceTotalAmount': amount(t.allowances, cur) }),
      ...(new Dec(t.prepaid).isZero() ? {} : { 'cbc:PrepaidAmount': amount(t.prepaid, cur) }),
      'cbc:PayableAmount': amount(t.payable, cur),
    },
    [credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']: model.lines.map((l) => line(l, cur, credit)),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: body }) as string}`;
}
