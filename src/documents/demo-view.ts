import type {
  CallView,
  DocumentLocale,
  DocumentType,
  DocumentView,
  LineView,
  PartyView,
} from '../core/documents/view.ts';
import { demoOtherDocumentView } from './demo-documents.ts';
import { divHalfUp, fixed, lineTax as taxAt } from './demo-amounts.ts';

// Demo data for template previews: a Spanish VoIP operator invoicing one customer for October
// 2018. The amounts are derived from the call list below with exact integer arithmetic (prices in
// micro-euros, totals in cents, half-up), so the preview always obeys Σ lines = net and
// net + tax = total, like a real computed invoice.

interface Destination {
  prefix: string;
  name: Record<DocumentLocale, string>;
  ratePerMinuteMicros: number;
}

const DESTINATIONS: Destination[] = [
  { prefix: '349', name: { en: 'Spain fixed', ru: 'Испания, стационарные' }, ratePerMinuteMicros: 12_000 },
  { prefix: '346', name: { en: 'Spain mobile', ru: 'Испания, мобильные' }, ratePerMinuteMicros: 35_000 },
  { prefix: '331', name: { en: 'France fixed (Paris)', ru: 'Франция, Париж' }, ratePerMinuteMicros: 25_000 },
  { prefix: '35567', name: { en: 'Albania mobile', ru: 'Албания, мобильные' }, ratePerMinuteMicros: 200_000 },
];

// [day of October, local time, callee, destination index, duration in seconds]
const CALLS: Array<[number, string, string, number, number]> = [
  [2, '09:14:05', '34911234567', 0, 185],
  [3, '11:02:47', '34612345678', 1, 62],
  [5, '16:45:10', '33142685300', 2, 431],
  [8, '10:20:00', '355671234567', 3, 95],
  [9, '12:31:19', '34932456789', 0, 1247],
  [11, '08:58:43', '34699887766', 1, 318],
  [12, '17:05:22', '34954321098', 0, 44],
  [15, '13:40:09', '355672345678', 3, 612],
  [17, '09:03:55', '33145671234', 2, 128],
  [19, '18:22:31', '34655443322', 1, 905],
  [22, '10:11:12', '34963214587', 0, 2710],
  [24, '15:47:38', '34677112233', 1, 27],
  [26, '11:35:02', '33140203040', 2, 1502],
  [29, '20:14:48', '355674567890', 3, 233],
  [30, '14:09:26', '34612345678', 1, 3725],
];

const TAX_PERCENT = 21;
const DISCOUNT_PERCENT = 10;
const TRUNK = { quantity: 2, unitPriceCents: 64_000 };
const lineTax = (netCents: number) => taxAt(netCents, TAX_PERCENT);

const SENDER: PartyView = {
  name: 'Ondas Telecom SL',
  taxId: 'ESB86123457',
  address: { line1: 'Calle de Alcalá 120', city: 'Madrid', postalCode: '28009', region: 'Madrid', country: 'ES' },
  email: 'billing@ondas-telecom.example',
  bank: { name: 'CaixaBank', iban: 'ES91 2100 0418 4502 0005 1332', bic: 'CAIXESBBXXX' },
};

const RECIPIENTS: Record<DocumentLocale, { party: PartyView; timezone: string; caller: string }> = {
  en: {
    party: {
      name: 'Atlántico Hoteles SL',
      taxId: 'ESB35123456',
      address: {
        line1: 'Calle León y Castillo 221',
        line2: 'Planta 3',
        city: 'Las Palmas de Gran Canaria',
        postalCode: '35005',
        region: 'Las Palmas',
        country: 'ES',
      },
      email: 'facturas@atlantico-hoteles.example',
    },
    timezone: 'Atlantic/Canary',
    caller: '34928123456',
  },
  ru: {
    party: {
      name: 'ООО «Северный ветер»',
      taxId: '7701987654',
      kpp: '770101001',
      address: { line1: 'ул. Тверская, д. 7, офис 12', city: 'Москва', postalCode: '125009', country: 'RU' },
      email: 'buh@severny-veter.example',
    },
    timezone: 'Europe/Moscow',
    caller: '74957001122',
  },
};

const TEXT: Record<
  DocumentLocale,
  { calls: string; trunk: string; discount: string; callUnit: string; trunkUnit: string }
> = {
  en: {
    calls: 'Calls to',
    trunk: 'SIP trunk, 30 channels (monthly fee)',
    discount: 'Call discount',
    callUnit: 'call',
    trunkUnit: 'month',
  },
  ru: {
    calls: 'Звонки:',
    trunk: 'SIP-транк на 30 каналов (абонентская плата)',
    discount: 'Скидка на звонки',
    callUnit: 'выз.',
    trunkUnit: 'мес.',
  },
};

function callPriceMicros(durationSeconds: number, destination: Destination): number {
  // Billed per started minute, the most common retail increment.
  return Math.ceil(durationSeconds / 60) * destination.ratePerMinuteMicros;
}

function buildCalls(locale: DocumentLocale): CallView[] {
  return CALLS.map(([day, time, callee, index, durationSeconds]) => ({
    startedAt: `${String(day).padStart(2, '0')}/10/2018 ${time}`,
    caller: RECIPIENTS[locale].caller,
    callee,
    destination: DESTINATIONS[index].name[locale],
    durationSeconds,
    price: fixed(callPriceMicros(durationSeconds, DESTINATIONS[index]), 6),
  }));
}

function usageLine(locale: DocumentLocale, index: number): { line: LineView; cents: number } {
  const destination = DESTINATIONS[index];
  const calls = CALLS.filter((call) => call[3] === index);
  const seconds = calls.reduce((sum, call) => sum + call[4], 0);
  const micros = calls.reduce((sum, call) => sum + callPriceMicros(call[4], destination), 0);
  const cents = divHalfUp(micros, 10_000);
  const line: LineView = {
    kind: 'usage',
    description: `${TEXT[locale].calls} ${destination.name[locale]}`,
    destination: destination.name[locale],
    prefix: destination.prefix,
    quantity: String(calls.length),
    unit: TEXT[locale].callUnit,
    durationSeconds: seconds,
    minutes: fixed(divHalfUp(seconds * 100, 60), 2),
    unitPrice: fixed(destination.ratePerMinuteMicros / 100, 4),
    net: fixed(cents, 2),
    taxRate: String(TAX_PERCENT),
    ...lineTax(cents),
  };
  return { line, cents };
}

/**
 * Realistic sample data for previewing templates; amounts add up exactly. Every document type has
 * its own sample (a proforma for the next month, the act and VAT invoice of this invoice, a
 * reconciliation), so that previewing an act template shows an act.
 */
export function demoDocumentView(locale: DocumentLocale, type: DocumentType = 'invoice'): DocumentView {
  const invoice = demoInvoiceView(locale);
  return type === 'invoice' ? invoice : demoOtherDocumentView(invoice, type);
}

function demoInvoiceView(locale: DocumentLocale): DocumentView {
  const text = TEXT[locale];
  const usage = DESTINATIONS.map((_, index) => usageLine(locale, index));
  const usageCents = usage.reduce((sum, item) => sum + item.cents, 0);
  const discountCents = divHalfUp(usageCents * DISCOUNT_PERCENT, 100);
  const fixedCents = TRUNK.quantity * TRUNK.unitPriceCents;
  const netCents = usageCents - discountCents + fixedCents;
  const taxCents = divHalfUp(netCents * TAX_PERCENT, 100);
  const base = { destination: null, prefix: null, durationSeconds: null, minutes: null, taxRate: String(TAX_PERCENT) };
  const lines: LineView[] = [
    ...usage.map((item) => item.line),
    {
      ...base,
      kind: 'fixed_cost',
      description: text.trunk,
      quantity: String(TRUNK.quantity),
      unit: text.trunkUnit,
      unitPrice: fixed(TRUNK.unitPriceCents, 2),
      net: fixed(fixedCents, 2),
      ...lineTax(fixedCents),
    },
    {
      ...base,
      kind: 'discount',
      description: `${text.discount} ${DISCOUNT_PERCENT}%`,
      quantity: '1',
      unit: '',
      unitPrice: null,
      net: fixed(-discountCents, 2),
      ...lineTax(-discountCents),
    },
  ];
  return {
    document: {
      id: 'doc_demo_2018_10',
      type: 'invoice',
      status: 'issued',
      number: 'OT-2018-000142',
      issueDate: '2018-11-02',
      dueDate: '2018-11-16',
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      timezone: 'Europe/Madrid',
      customerTimezone: RECIPIENTS[locale].timezone,
      currency: 'EUR',
      paymentStatus: 'unpaid',
      locale,
      taxRate: String(TAX_PERCENT),
      callDiscountPercent: String(DISCOUNT_PERCENT),
      payable: true,
      taxDocument: true,
      accompanies: null,
    },
    sender: structuredClone(SENDER),
    recipient: structuredClone(RECIPIENTS[locale].party),
    lines,
    totals: {
      usage: fixed(usageCents, 2),
      discount: fixed(discountCents, 2),
      fixedCosts: fixed(fixedCents, 2),
      net: fixed(netCents, 2),
      tax: fixed(taxCents, 2),
      total: fixed(netCents + taxCents, 2),
      paid: '0.00',
      open: fixed(netCents + taxCents, 2),
    },
    calls: buildCalls(locale),
    statement: null,
  };
}
