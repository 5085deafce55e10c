import { z } from 'zod';
import {
  address,
  currency,
  CurrencyCode,
  DateString,
  idParams,
  Instant,
  isoDate,
  listOf,
  pageQuery,
  timezone,
  TimeZone,
} from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { Metadata, metadataInput } from '../schemas/metadata.ts';
import { bank } from './legal-entities.schema.ts';

const tags = ['customers'];
const languages = ['en', 'ru', 'es', 'de', 'fr', 'it', 'pt'] as const;
const billingPeriods = ['weekly', 'biweekly', 'monthly', 'none'] as const;
const statuses = ['active', 'suspended', 'closed'] as const;

// A number is either "34911111111" (valid from the start of time) or an object with validity dates.
export const customerNumber = z.union([
  z.string().max(40),
  z
    .object({ number: z.string().max(40), validFrom: isoDate.optional(), validTo: isoDate.nullable().optional() })
    .strict(),
]);

const fields = {
  name: z.string().min(1).max(200),
  legalName: z.string().max(300).nullable().optional(),
  taxId: z.string().max(50).nullable().optional(),
  kpp: z.string().max(20).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  billingEmails: z.array(z.email().max(254)).max(20).optional(),
  phone: z.string().max(40).nullable().optional(),
  timezone: timezone.optional(),
  currency: currency.optional(),
  language: z.enum(languages).optional(),
  billingPeriod: z.enum(billingPeriods).optional(),
  status: z.enum(statuses).optional(),
  address: address.nullable().optional(),
  bank: bank.nullable().optional(),
  accountCode: z.string().min(1).max(64).nullable().optional(),
  numbers: z.array(customerNumber).max(1000).optional(),
  invoicingSchemeId: z.string().max(100).nullable().optional(),
  billGroupId: z.string().max(100).nullable().optional(),
  metadata: metadataInput.optional(),
  activationDate: isoDate.optional(),
};

const example = {
  id: 'cus_0mx30fdw60002751ebeecfcd',
  name: 'Acme Logistics SL',
  legalName: 'Acme Logistics Sociedad Limitada',
  taxId: 'B87654321',
  kpp: null,
  email: 'ap@acme-logistics.example',
  billingEmails: ['ap@acme-logistics.example'],
  phone: null,
  timezone: 'Europe/Madrid',
  currency: 'EUR',
  language: 'en',
  billingPeriod: 'monthly',
  status: 'active',
  address: { line1: 'Gran Via 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  bank: { name: 'Banco Demo', iban: 'ES7620770024003102575766', bic: 'CVALESVVXXX' },
  accountCode: 'ACME01',
  numbers: [{ number: '34911111111', validFrom: '2024-01-01', validTo: null }],
  invoicingSchemeId: null,
  billGroupId: null,
  metadata: { crmId: 'C-1042' },
  activationDate: '2026-11-30',
  createdAt: '2026-11-30T08:32:23.562Z',
  updatedAt: '2026-11-30T08:32:23.562Z',
};

export const CustomerNumber = z
  .object({ number: z.string(), validFrom: DateString, validTo: DateString.nullable() })
  .meta({ id: 'CustomerNumber', description: 'A phone number billed to the customer, with validity dates' });

export const Customer = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    taxId: z.string().nullable(),
    kpp: z.string().nullable(),
    email: z.string().nullable(),
    billingEmails: z.array(z.string()),
    phone: z.string().nullable(),
    timezone: TimeZone,
    currency: CurrencyCode,
    language: z.string().meta({ examples: ['en'] }),
    billingPeriod: z.enum(billingPeriods),
    status: z.enum(statuses),
    address: address.nullable(),
    bank: bank.nullable().meta({ description: "The customer's bank account, printed on its documents" }),
    accountCode: z.string().nullable().meta({ description: 'Your account code; unique in the tenant' }),
    numbers: z.array(CustomerNumber),
    invoicingSchemeId: z.string().nullable(),
    billGroupId: z
      .string()
      .nullable()
      .meta({ description: "Billed in this bill group's cycles; null: calendar periods" }),
    metadata: Metadata,
    activationDate: DateString.meta({ description: 'The first billed day; defaults to the day created, tenant zone' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Customer', description: 'A customer (subscriber) of the operator', examples: [example] });

export const createCustomerSchema = {
  operationId: 'createCustomer',
  summary: 'Create a customer',
  description: 'Unset fields take the tenant defaults (time zone, currency) or empty values.',
  tags,
  headers: idempotencyHeaders,
  body: z.object(fields).strict(),
  response: { 201: json(Customer, 'The customer created'), ...problems(409, 422) },
};

export const listCustomersSchema = {
  operationId: 'listCustomers',
  summary: 'List customers',
  description: 'In creation order; q matches name, legal name, email, tax id or account code (case-insensitive).',
  tags,
  querystring: z
    .object({ status: z.enum(statuses).optional(), q: z.string().max(100).optional(), ...pageQuery })
    .strict(),
  response: { 200: json(listOf(Customer, 'CustomerList'), 'A page of customers'), ...problems() },
};

export const getCustomerSchema = {
  operationId: 'getCustomer',
  summary: 'Get a customer',
  tags,
  params: idParams,
  response: { 200: json(Customer, 'The customer'), ...problems(404) },
};

export const updateCustomerSchema = {
  operationId: 'updateCustomer',
  summary: 'Change a customer',
  description: 'Changes only the fields sent; null clears a nullable field. Numbers and metadata are replaced whole.',
  tags,
  params: idParams,
  body: z.object({ ...fields, name: fields.name.optional() }).strict(),
  response: { 200: json(Customer, 'The customer as changed'), ...problems(404, 409, 422) },
};

export const deleteCustomerSchema = {
  operationId: 'deleteCustomer',
  summary: 'Delete a customer without billing history',
  description: 'A customer with documents, usage or rate plan assignments is refused with 409; close it instead.',
  tags,
  params: idParams,
  response: { 204: noContent('Deleted'), ...problems(404, 409) },
};
