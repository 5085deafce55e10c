import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { addCharge } from '../../app/charges/add-charge.ts';
import { deleteCharge } from '../../app/charges/delete-charge.ts';
import { produceCharges } from '../../app/charges/produce-charges.ts';
import { getCharge, listCharges } from '../../app/charges/query-charges.ts';
import {
  chargeCreateBody,
  chargeListQuery,
  chargeListSchema,
  chargeSchema,
  produceBody,
  produceResultSchema,
} from './charges.schema.ts';

const tags = ['charges'];

export function chargeRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/charges',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'createCharge',
        summary: 'Add an unscheduled charge: a one-off sale, a usage quantity or an adjustment',
        tags,
        headers: idempotencyHeaders,
        body: chargeCreateBody,
        response: { 201: json(chargeSchema, 'The charge'), ...problems(400, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await addCharge(deps, callerOf(req), req.body)),
  );
  api.post(
    '/charges/produce',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'produceCharges',
        summary: 'Produce the scheduled charges of recurring subscriptions due for a billing period',
        description:
          'Idempotent: a subscription is charged once per product period, so a repeated call creates nothing.',
        tags,
        headers: idempotencyHeaders,
        body: produceBody,
        response: { 200: json(produceResultSchema, 'What was produced'), ...problems(400, 404) },
      },
    },
    async (req) => ({
      periodStart: req.body.periodStart,
      periodEnd: req.body.periodEnd,
      ...(await produceCharges(deps, callerOf(req), req.body)),
    }),
  );
  api.get(
    '/charges',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listCharges',
        summary: 'The charge log, by customer, contract, subscription, kind, billing period or document',
        tags,
        querystring: chargeListQuery,
        response: { 200: json(chargeListSchema, 'A page of charges'), ...problems(400) },
      },
    },
    async (req) => {
      const { limit, cursor, periodStart, periodEnd, unbilled, ...filter } = req.query;
      const period =
        periodStart || periodEnd ? { start: periodStart ?? '0001-01-01', end: periodEnd ?? '9999-12-31' } : undefined;
      const page = await listCharges(
        deps,
        callerOf(req),
        { ...filter, period, unbilled: unbilled === undefined ? undefined : unbilled === 'true' },
        { limit, after: decodeCursor(cursor) },
      );
      return toListResponse(page);
    },
  );
  api.get(
    '/charges/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getCharge',
        summary: 'One charge',
        tags,
        params: idParams,
        response: { 200: json(chargeSchema, 'The charge'), ...problems(404) },
      },
    },
    async (req) => getCharge(deps, callerOf(req), req.params.id),
  );
  api.delete(
    '/charges/:id',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'deleteCharge',
        summary: 'Delete an unscheduled charge that is on no document',
        tags,
        params: idParams,
        response: { 204: noContent('Deleted'), ...problems(404, 409) },
      },
    },
    async (req, reply) => {
      await deleteCharge(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
