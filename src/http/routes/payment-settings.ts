import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { idParams } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import {
  createAllocationConfiguration,
  getAllocationConfiguration,
  listAllocationConfigurations,
  updateAllocationConfiguration,
} from '../../app/payments/allocation-configurations.ts';
import { addExchangeRate, listExchangeRates } from '../../app/payments/exchange-rates.ts';
import {
  configurationBody,
  configurationListSchema,
  configurationPatch,
  configurationSchema,
  exchangeRateBody,
  exchangeRateListSchema,
  exchangeRateQuery,
  exchangeRateSchema,
} from './payments.schema.ts';

/** Allocation configurations and exchange rates: the settings payments are allocated by. */
export function paymentSettingRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];
  api.post(
    '/allocation-configurations',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'createAllocationConfiguration',
        summary: 'Add a named, ordered allocation rule set',
        tags,
        headers: idempotencyHeaders,
        body: configurationBody,
        response: { 201: json(configurationSchema, 'The configuration'), ...problems(400) },
      },
    },
    async (req, reply) => reply.status(201).send(await createAllocationConfiguration(deps, callerOf(req), req.body)),
  );
  api.get(
    '/allocation-configurations',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listAllocationConfigurations',
        summary: "The tenant's allocation configurations",
        tags,
        response: { 200: json(configurationListSchema, 'All configurations'), ...problems(400) },
      },
    },
    async (req) => ({ data: await listAllocationConfigurations(deps, callerOf(req)) }),
  );
  api.get(
    '/allocation-configurations/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getAllocationConfiguration',
        summary: 'One allocation configuration',
        tags,
        params: idParams,
        response: { 200: json(configurationSchema, 'The configuration'), ...problems(404) },
      },
    },
    async (req) => getAllocationConfiguration(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/allocation-configurations/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'updateAllocationConfiguration',
        summary: 'Change the rules of a configuration or make it the default',
        tags,
        params: idParams,
        body: configurationPatch,
        response: { 200: json(configurationSchema, 'The configuration'), ...problems(400, 404) },
      },
    },
    async (req) => updateAllocationConfiguration(deps, callerOf(req), req.params.id, req.body),
  );
  const rateTags = ['payments'];
  api.post(
    '/exchange-rates',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'createExchangeRate',
        summary: 'Add a rate valid from a date (units of the currency per unit of the base currency)',
        tags: rateTags,
        headers: idempotencyHeaders,
        body: exchangeRateBody,
        response: { 201: json(exchangeRateSchema, 'The rate'), ...problems(400, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await addExchangeRate(deps, callerOf(req), req.body)),
  );
  api.get(
    '/exchange-rates',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listExchangeRates',
        summary: 'Exchange-rate history, per currency and date',
        tags: rateTags,
        querystring: exchangeRateQuery,
        response: { 200: json(exchangeRateListSchema, 'The rates'), ...problems(400) },
      },
    },
    async (req) => ({ data: await listExchangeRates(deps, callerOf(req), req.query.currency) }),
  );
}
