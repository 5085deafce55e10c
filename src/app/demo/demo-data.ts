import { Temporal } from 'temporal-polyfill';
import { todayInZone } from '../../core/time/zones.ts';
import type { CustomerCreate } from '../customers/manage-customers.ts';
import type { LegalEntityInput } from '../ports/tenancy.ts';

/** A small Spanish VoIP operator and its business customers: the demo's cast. */
export const demoOperator = {
  tenant: {
    name: 'Costa Telecom (demo)',
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    locale: 'en',
    settings: { paymentTermsDays: 15, demo: true },
  },
  legalEntity: {
    name: 'Costa Telecom SL',
    taxId: 'ESB12345674',
    kpp: null,
    address: { line1: 'Calle de Alcalá 120', city: 'Madrid', postalCode: '28009', country: 'ES' },
    bank: { name: 'Banco Demo', iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' },
    email: 'billing@costa-telecom.example',
    phone: '+34 910 000 000',
    isDefault: true,
  } satisfies LegalEntityInput,
};

export const demoCustomers: CustomerCreate[] = [
  {
    name: 'Acme Logistics SL',
    legalName: 'Acme Logistics Sociedad Limitada',
    taxId: 'B87654321',
    email: 'ap@acme-logistics.example',
    billingEmails: ['ap@acme-logistics.example'],
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    language: 'en',
    billingPeriod: 'monthly',
    activationDate: '2024-01-01',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    // Printed on its documents, e.g. for direct debit.
    bank: { name: 'Banco Canario', iban: 'ES7620770024003102575766', bic: 'CVALESVVXXX' },
    accountCode: 'ACME01',
    numbers: [
      { number: '34911111111', validFrom: '2024-01-01', validTo: null },
      { number: '34911111112', validFrom: '2024-01-01', validTo: null },
    ],
  },
  {
    name: 'Bodega Martín',
    taxId: 'B11223344',
    email: 'admin@bodegamartin.example',
    timezone: 'Atlantic/Canary',
    currency: 'EUR',
    language: 'en',
    billingPeriod: 'monthly',
    activationDate: '2024-01-01',
    address: { line1: 'Calle Mayor 5', city: 'Las Palmas', postalCode: '35001', country: 'ES' },
    accountCode: 'BODEGA',
    numbers: [{ number: '34928222222', validFrom: '2024-01-01', validTo: null }],
  },
  {
    name: 'ООО «Северный ветер»',
    legalName: 'Общество с ограниченной ответственностью «Северный ветер»',
    taxId: '7701234567',
    kpp: '770101001',
    email: 'buh@sever-veter.example',
    timezone: 'Europe/Moscow',
    currency: 'EUR',
    language: 'ru',
    billingPeriod: 'monthly',
    activationDate: '2024-01-01',
    address: { line1: 'ул. Тверская, д. 7', city: 'Москва', postalCode: '125009', country: 'RU' },
    // A Russian account: settlement account, the bank's BIK and correspondent account.
    bank: {
      name: 'АО «Северный банк»',
      account: '40702810900000054321',
      bik: '044525593',
      correspondentAccount: '30101810200000000593',
    },
    accountCode: 'SEVER',
    numbers: [{ number: '34933333333', validFrom: '2024-01-01', validTo: null }],
  },
  {
    name: 'Harbour Dental Clinic',
    taxId: 'GB123456789',
    email: 'office@harbourdental.example',
    timezone: 'Europe/London',
    currency: 'EUR',
    language: 'en',
    billingPeriod: 'weekly',
    activationDate: '2024-01-01',
    address: { line1: '12 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' },
    accountCode: 'HARBOUR',
    numbers: [{ number: '34944444444', validFrom: '2024-01-01', validTo: null }],
  },
];

/** The month the demo bills: the last whole calendar month before "now" in the tenant's zone. */
export function demoBillingMonth(now: Temporal.Instant, timeZone: string): { start: string; end: string } {
  const today = Temporal.PlainDate.from(todayInZone(now, timeZone));
  const first = today.with({ day: 1 }).subtract({ months: 1 });
  return { start: first.toString(), end: first.add({ months: 1 }).subtract({ days: 1 }).toString() };
}
