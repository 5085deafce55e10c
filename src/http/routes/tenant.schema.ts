import { z } from 'zod';
import { currency, CurrencyCode, Instant, listOf, TimeZone, timezone } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';

const tags = ['tenant'];
const roles = ['admin', 'accountant', 'viewer'] as const;
const roundingModes = ['half_up', 'half_even', 'down', 'up'] as const;

const settingsInput = z
  .object({
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
    roundingMode: z.enum(roundingModes).optional(),
    skipMissingInvoices: z
      .boolean()
      .optional()
      .meta({ description: 'Periodic generation bills only the latest closed period, never missed ones' }),
    overdueGraceDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .optional()
      .meta({ description: 'Days after the due date before an unpaid document becomes overdue (default 0)' }),
  })
  .strict();

export const Tenant = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: TimeZone,
    currency: CurrencyCode,
    locale: z.string(),
    settings: z
      .looseObject({
        paymentTermsDays: z.int().optional(),
        roundingMode: z.enum(roundingModes).optional(),
        overdueGraceDays: z.int().optional(),
      })
      .meta({ description: 'Defaults for documents; other keys may appear' }),
    createdAt: Instant,
  })
  .meta({
    id: 'Tenant',
    description: 'The operator the API key belongs to',
    examples: [
      {
        id: 'ten_0mx30fdv10007158f1977263',
        name: 'Costa Telecom',
        timezone: 'Europe/Madrid',
        currency: 'EUR',
        locale: 'en',
        settings: { paymentTermsDays: 15, roundingMode: 'half_up' },
        createdAt: '2026-11-30T08:32:23.530Z',
      },
    ],
  });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(roles),
    keyPrefix: z.string().meta({ description: 'The first characters of the key, to recognise it' }),
    createdAt: Instant,
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'ApiKey', description: 'A staff API key (the key itself is shown only once)' });

export const getTenantSchema = {
  operationId: 'getTenant',
  summary: "Get the caller's tenant",
  tags,
  response: { 200: json(Tenant, 'The tenant'), ...problems() },
};
export const updateTenantSchema = {
  operationId: 'updateTenant',
  summary: "Change the tenant's name, zone, currency, locale or settings",
  tags,
  body: z
    .object({
      name: z.string().min(1).max(200).optional(),
      timezone: timezone.optional(),
      currency: currency.optional(),
      locale: z.enum(['en', 'ru']).optional(),
      settings: settingsInput.optional(),
    })
    .strict(),
  response: { 200: json(Tenant, 'The tenant as changed'), ...problems(422) },
};
export const listApiKeysSchema = {
  operationId: 'listApiKeys',
  summary: 'List API keys',
  tags,
  response: { 200: json(listOf(ApiKey, 'ApiKeyList'), 'Every key (one page)'), ...problems() },
};
export const createApiKeySchema = {
  operationId: 'createApiKey',
  summary: 'Create a staff API key',
  description: 'The key is in the answer once; an idempotent replay answers without it.',
  tags,
  headers: idempotencyHeaders,
  body: z.object({ name: z.string().min(1).max(100), role: z.enum(roles) }).strict(),
  response: {
    201: json(
      ApiKey.extend({ key: z.string().optional().meta({ description: 'The secret; store it now' }) }).meta({
        id: 'ApiKeyCreated',
      }),
      'The key created, with the secret',
    ),
    ...problems(),
  },
};
export const revokeApiKeySchema = {
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key',
  tags,
  params: z.object({ id: z.string().max(100) }).strict(),
  response: { 200: json(ApiKey, 'The key, revoked'), ...problems(404, 409) },
};
