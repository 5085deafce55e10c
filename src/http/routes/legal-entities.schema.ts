import { z } from 'zod';
import { address, idParams, Instant, listOf } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';

const tags = ['legal entities'];

export const bank = z
  .object({
    name: z.string().max(200).optional(),
    iban: z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'must be an IBAN without spaces')
      .optional(),
    bic: z
      .string()
      .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be a BIC')
      .optional(),
    account: z.string().max(40).optional(),
    correspondentAccount: z.string().max(40).optional(),
    bik: z.string().max(20).optional(),
  })
  .strict()
  .meta({ id: 'BankDetails' });

const fields = {
  name: z.string().min(1).max(300),
  taxId: z.string().max(50).nullable().optional(),
  kpp: z.string().max(20).nullable().optional(),
  address: address.nullable().optional(),
  bank: bank.nullable().optional(),
  email: z.email().nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  isDefault: z.boolean().optional(),
};

export const LegalEntity = z
  .object({
    id: z.string(),
    name: z.string(),
    taxId: z.string().nullable(),
    kpp: z.string().nullable(),
    address: address.nullable(),
    bank: bank.nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    isDefault: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({
    id: 'LegalEntity',
    description: 'An invoice sender',
    examples: [
      {
        id: 'le_0mx30fdvp000daa5f9f28bfc',
        name: 'Costa Telecom SL',
        taxId: 'ESB12345674',
        kpp: null,
        address: { line1: 'Calle de Alcalá 120', city: 'Madrid', postalCode: '28009', country: 'ES' },
        bank: { name: 'Banco Demo', iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' },
        email: 'billing@costa-telecom.example',
        phone: '+34 910 000 000',
        isDefault: true,
        createdAt: '2026-11-30T08:32:23.553Z',
        updatedAt: '2026-11-30T08:32:23.553Z',
      },
    ],
  });

export const createLegalEntitySchema = {
  operationId: 'createLegalEntity',
  summary: 'Create a legal entity (invoice sender)',
  description: 'The first one becomes the default sender.',
  tags,
  headers: idempotencyHeaders,
  body: z.object(fields).strict(),
  response: { 201: json(LegalEntity, 'The legal entity created'), ...problems() },
};
export const listLegalEntitiesSchema = {
  operationId: 'listLegalEntities',
  summary: 'List legal entities',
  tags,
  response: { 200: json(listOf(LegalEntity, 'LegalEntityList'), 'Every legal entity (one page)'), ...problems() },
};
export const getLegalEntitySchema = {
  operationId: 'getLegalEntity',
  summary: 'Get a legal entity',
  tags,
  params: idParams,
  response: { 200: json(LegalEntity, 'The legal entity'), ...problems(404) },
};
export const updateLegalEntitySchema = {
  operationId: 'updateLegalEntity',
  summary: 'Change a legal entity',
  description: 'Documents already made keep the details they were made with.',
  tags,
  params: idParams,
  body: z.object({ ...fields, name: fields.name.optional() }).strict(),
  response: { 200: json(LegalEntity, 'The legal entity as changed'), ...problems(404) },
};
