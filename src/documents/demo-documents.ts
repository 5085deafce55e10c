import type {
  DocumentLocale,
  DocumentType,
  DocumentView,
  LineView,
  PartyView,
  StatementEntryView,
} from '../core/documents/view.ts';
import { divHalfUp, fixed, lineTax } from './demo-amounts.ts';

// Sample proforma, act, VAT invoice and reconciliation for template previews, derived from the
// demo invoice (October 2018) so that they tell one story: the proforma bills November in advance,
// the act and the VAT invoice restate the October invoice, the reconciliation runs August–November.
// In Russian the sender is a Russian company, so the INN/KPP and bank fields (BIK, correspondent
// account) of a счёт-фактура are filled as they would be.

const TAX_PERCENT = 21;

const RU_SENDER: PartyView = {
  name: 'ООО «Волна Телеком»',
  taxId: '7704123456',
  kpp: '770401001',
  address: { line1: 'ул. Новый Арбат, д. 21, офис 305', city: 'Москва', postalCode: '119019', country: 'RU' },
  email: 'schet@volna-telecom.example',
  phone: '+7 495 000-00-00',
  bank: {
    name: 'ПАО «Банк Пример»',
    account: '40702810400000012345',
    bik: '044525225',
    correspondentAccount: '30101810400000000225',
  },
};

const RECIPIENT_BANK: Record<DocumentLocale, NonNullable<PartyView['bank']>> = {
  en: { name: 'Banco Canario', iban: 'ES7620770024003102575766', bic: 'CVALESVVXXX' },
  ru: {
    name: 'АО «Северный банк»',
    account: '40702810900000054321',
    bik: '044525593',
    correspondentAccount: '30101810200000000593',
  },
};

const INVOICE_REFERENCE = {
  id: 'doc_demo_2018_10',
  type: 'invoice' as const,
  number: 'OT-2018-000142',
  issueDate: '2018-11-02',
};

const PROFORMA_LINES: Record<DocumentLocale, Array<[string, LineView['kind'], number, string, number]>> = {
  // [description, kind, quantity, unit, unit price in cents]
  en: [
    ['SIP trunk, 30 channels (November 2018)', 'subscription', 2, 'month', 64_000],
    ['DID numbers (November 2018)', 'subscription', 10, 'number', 150],
    ['Setup of 5 additional DID numbers', 'one_off', 1, 'service', 2_500],
  ],
  ru: [
    ['SIP-транк на 30 каналов (ноябрь 2018)', 'subscription', 2, 'мес.', 64_000],
    ['Телефонные номера DID (ноябрь 2018)', 'subscription', 10, 'номер', 150],
    ['Подключение 5 дополнительных номеров', 'one_off', 1, 'усл.', 2_500],
  ],
};

function withRussianParties(view: DocumentView, locale: DocumentLocale): DocumentView {
  if (locale === 'ru') view.sender = structuredClone(RU_SENDER);
  view.recipient.bank = structuredClone(RECIPIENT_BANK[locale]);
  return view;
}

function proforma(invoice: DocumentView): DocumentView {
  const locale = invoice.document.locale;
  const rows = PROFORMA_LINES[locale].map(([description, kind, quantity, unit, priceCents]) => {
    const netCents = quantity * priceCents;
    const line: LineView = {
      kind,
      description,
      destination: null,
      prefix: null,
      quantity: String(quantity),
      unit,
      durationSeconds: null,
      minutes: null,
      unitPrice: fixed(priceCents, 2),
      net: fixed(netCents, 2),
      taxRate: String(TAX_PERCENT),
      ...lineTax(netCents, TAX_PERCENT),
    };
    return { line, netCents };
  });
  const netCents = rows.reduce((sum, row) => sum + row.netCents, 0);
  const taxCents = divHalfUp(netCents * TAX_PERCENT, 100);
  const total = fixed(netCents + taxCents, 2);
  return {
    ...invoice,
    document: {
      ...invoice.document,
      id: 'doc_demo_proforma_2018_11',
      type: 'proforma',
      number: 'OT-PF-2018-0031',
      issueDate: '2018-10-25',
      dueDate: '2018-11-01',
      periodStart: '2018-11-01',
      periodEnd: '2018-11-30',
      paymentStatus: 'unpaid',
      payable: true,
      taxDocument: false,
      callDiscountPercent: '0',
    },
    lines: rows.map((row) => row.line),
    totals: {
      usage: '0.00',
      discount: '0.00',
      fixedCosts: fixed(netCents, 2),
      net: fixed(netCents, 2),
      tax: fixed(taxCents, 2),
      total,
      paid: '0.00',
      open: total,
    },
    calls: [],
  };
}

/** The act and the VAT invoice restate the invoice's lines and totals; nobody pays them. */
function accompanying(invoice: DocumentView, type: 'act' | 'vat_invoice'): DocumentView {
  return {
    ...invoice,
    document: {
      ...invoice.document,
      id: `doc_demo_${type}_2018_10`,
      type,
      number: type === 'act' ? 'OT-ACT-2018-0142' : 'OT-SF-2018-0142',
      issueDate: '2018-11-02',
      dueDate: null,
      paymentStatus: null,
      payable: false,
      taxDocument: type === 'vat_invoice',
      accompanies: { ...INVOICE_REFERENCE },
    },
    totals: { ...invoice.totals, paid: '0.00', open: '0.00' },
    calls: [],
  };
}

/** A credit note taking back the whole demo invoice (its lines and totals), numbered on its own. */
function creditNote(invoice: DocumentView): DocumentView {
  return {
    ...invoice,
    document: {
      ...invoice.document,
      id: 'doc_demo_credit_note_2018_10',
      type: 'credit_note',
      number: 'OT-CN-2018-0007',
      issueDate: '2018-11-20',
      dueDate: null,
      paymentStatus: null,
      payable: false,
      accompanies: { ...INVOICE_REFERENCE },
    },
    totals: { ...invoice.totals, paid: '0.00', open: '0.00' },
    calls: [],
  };
}

// [date, kind, reference, amount in cents]: invoices add to what is owed, payments take it off.
const MOVEMENTS: Array<[string, 'invoice' | 'payment', string, number]> = [
  ['2018-08-02', 'invoice', 'OT-2018-000098', 148_025],
  ['2018-08-10', 'payment', 'BANK-2018-0812', 120_000],
  ['2018-09-03', 'invoice', 'OT-2018-000120', 151_260],
  ['2018-09-14', 'payment', 'BANK-2018-0977', 148_025],
  ['2018-10-02', 'invoice', 'OT-2018-000131', 149_810],
  ['2018-10-15', 'payment', 'BANK-2018-1103', 151_260],
  ['2018-11-02', 'invoice', 'OT-2018-000142', 155_780],
  ['2018-11-12', 'payment', 'BANK-2018-1190', 149_810],
];
const OPENING_CENTS = 120_000;

function reconciliation(invoice: DocumentView): DocumentView {
  let balance = OPENING_CENTS;
  let debit = 0;
  let credit = 0;
  const entries: StatementEntryView[] = MOVEMENTS.map(([date, kind, reference, cents]) => {
    const isDebit = kind === 'invoice';
    balance += isDebit ? cents : -cents;
    if (isDebit) debit += cents;
    else credit += cents;
    return {
      date,
      kind: isDebit ? 'document' : 'payment',
      documentType: isDebit ? 'invoice' : null,
      reference,
      description: '',
      debit: fixed(isDebit ? cents : 0, 2),
      credit: fixed(isDebit ? 0 : cents, 2),
      balance: fixed(balance, 2),
    };
  });
  const zero = '0.00';
  return {
    ...invoice,
    document: {
      ...invoice.document,
      id: 'doc_demo_reconciliation_2018',
      type: 'reconciliation',
      number: 'OT-RS-2018-0007',
      issueDate: '2018-12-03',
      dueDate: null,
      periodStart: '2018-08-01',
      periodEnd: '2018-11-30',
      paymentStatus: null,
      payable: false,
      taxDocument: false,
    },
    lines: [],
    totals: {
      usage: zero,
      discount: zero,
      fixedCosts: zero,
      net: zero,
      tax: zero,
      total: zero,
      paid: zero,
      open: zero,
    },
    calls: [],
    statement: {
      from: '2018-08-01',
      to: '2018-11-30',
      openingBalance: fixed(OPENING_CENTS, 2),
      entries,
      totalDebit: fixed(debit, 2),
      totalCredit: fixed(credit, 2),
      closingBalance: fixed(balance, 2),
      includesPayments: true,
    },
  };
}

/** The demo of a type other than the invoice, built from the demo invoice. */
export function demoOtherDocumentView(invoice: DocumentView, type: DocumentType): DocumentView {
  const locale = invoice.document.locale;
  switch (type) {
    case 'proforma':
      return withRussianParties(proforma(invoice), locale);
    case 'act':
    case 'vat_invoice':
      return withRussianParties(accompanying(invoice, type), locale);
    case 'reconciliation':
      return withRussianParties(reconciliation(invoice), locale);
    case 'credit_note':
      return withRussianParties(creditNote(invoice), locale);
    default:
      return { ...invoice, document: { ...invoice.document, type } };
  }
}
