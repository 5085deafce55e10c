import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { currency, pageQuery, toListResponse } from '../schemas/common.ts';
import {
  createRatePlan,
  getRatePlan,
  listRatePlans,
  listRates,
  updateRatePlan,
} from '../../app/usage/manage-rate-plans.ts';
import { deleteRate, importRates, upsertRates } from '../../app/usage/update-catalog.ts';
import {
  createAssignment,
  deleteAssignment,
  getAssignment,
  listAssignments,
  updateAssignment,
} from '../../app/usage/manage-assignments.ts';
import { csvBody, cursorOf, defined, flag, optionalDate, safeId, safeIdParams, text } from './usage-schemas.ts';

const tags = ['rate plans'];
const BIG = 64 * 1024 * 1024;

// Amounts are decimal strings (never JSON numbers: they may already be inexact floats); the use
// case checks them with core/rating's rules and reports rates[i].field.
const rate = z
  .object({
    prefix: text(40),
    pricePerMinute: text(40),
    connectionFee: text(40).optional(),
    minimumSeconds: z.number().int().optional(),
    incrementSeconds: z.number().int().optional(),
  })
  .strict();

const planFields = { name: text(200), validFrom: optionalDate, validTo: optionalDate };

export function ratePlanRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/rate-plans',
    {
      config: { role: 'accountant' },
      bodyLimit: BIG,
      schema: {
        tags,
        summary: 'A rate plan: per prefix a price per minute, connection fee, minimum and increment',
        body: z.object({ ...planFields, currency, rates: z.array(rate).max(200_000).optional() }).strict(),
      },
    },
    async (req, reply) => reply.status(201).send(await createRatePlan(deps, callerOf(req), req.body)),
  );
  api.get(
    '/rate-plans',
    { config: { role: 'viewer' }, schema: { tags, querystring: z.object(pageQuery).strict() } },
    async (req) =>
      toListResponse(
        await listRatePlans(deps, callerOf(req), { limit: req.query.limit, after: cursorOf(req.query.cursor) }),
      ),
  );
  api.get(
    '/rate-plans/:id',
    { config: { role: 'viewer' }, schema: { tags, summary: 'A plan with all its rates', params: safeIdParams } },
    async (req) => getRatePlan(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/rate-plans/:id',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        params: safeIdParams,
        body: z.object({ name: planFields.name.optional(), validFrom: optionalDate, validTo: optionalDate }).strict(),
      },
    },
    async (req) => updateRatePlan(deps, callerOf(req), req.params.id, defined(req.body)),
  );

  api.get(
    '/rate-plans/:id/rates',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Rates of a plan by prefix (35%, %67 …), paged',
        params: safeIdParams,
        querystring: z.object({ prefix: text(40).optional(), ...pageQuery }).strict(),
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(
        await listRates(deps, callerOf(req), req.params.id, filter, { limit, after: cursorOf(cursor) }),
      );
    },
  );
  api.post(
    '/rate-plans/:id/rates',
    {
      config: { role: 'accountant' },
      bodyLimit: BIG,
      schema: {
        tags,
        summary: 'Add or change rates by prefix; replace=true leaves exactly these',
        params: safeIdParams,
        body: z.object({ rates: z.array(rate).max(200_000), replace: z.boolean().optional() }).strict(),
      },
    },
    async (req) => upsertRates(deps, callerOf(req), req.params.id, req.body.rates, req.body.replace ?? false),
  );
  api.post(
    '/rate-plans/:id/rates/import',
    {
      config: { role: 'accountant' },
      bodyLimit: BIG,
      schema: {
        tags,
        summary:
          'Import a rate sheet from CSV (prefix, pricePerMinute, connectionFee, minimumSeconds, incrementSeconds, name)',
        description:
          'Send the CSV as the body (text/csv). Names create or rename destinations. replace=true removes prefixes absent from a sheet without bad rows.',
        params: safeIdParams,
        querystring: z.object({ replace: flag.optional() }).strict(),
      },
    },
    async (req) => importRates(deps, callerOf(req), req.params.id, csvBody(req.body), req.query.replace ?? false),
  );
  api.delete(
    '/rate-plans/:id/rates/:prefix',
    { config: { role: 'accountant' }, schema: { tags, params: z.object({ id: safeId, prefix: text(40) }).strict() } },
    async (req, reply) => {
      await deleteRate(deps, callerOf(req), req.params.id, req.params.prefix);
      return reply.status(204).send();
    },
  );

  const assignmentTags = ['rate plans'];
  api.post(
    '/rate-plan-assignments',
    {
      config: { role: 'accountant' },
      schema: {
        tags: assignmentTags,
        summary: 'Rate a customer with a plan from a date (to an exclusive end date)',
        body: z.object({ customerId: safeId, ratePlanId: safeId, validFrom: text(10), validTo: optionalDate }).strict(),
      },
    },
    async (req, reply) => reply.status(201).send(await createAssignment(deps, callerOf(req), req.body)),
  );
  api.get(
    '/rate-plan-assignments',
    {
      config: { role: 'viewer' },
      schema: {
        tags: assignmentTags,
        querystring: z.object({ customerId: safeId.optional(), ratePlanId: safeId.optional(), ...pageQuery }).strict(),
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listAssignments(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }));
    },
  );
  api.get(
    '/rate-plan-assignments/:id',
    { config: { role: 'viewer' }, schema: { tags: assignmentTags, params: safeIdParams } },
    async (req) => getAssignment(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/rate-plan-assignments/:id',
    {
      config: { role: 'accountant' },
      schema: {
        tags: assignmentTags,
        params: safeIdParams,
        body: z.object({ validFrom: text(10).optional(), validTo: optionalDate }).strict(),
      },
    },
    async (req) => updateAssignment(deps, callerOf(req), req.params.id, req.body),
  );
  api.delete(
    '/rate-plan-assignments/:id',
    { config: { role: 'accountant' }, schema: { tags: assignmentTags, params: safeIdParams } },
    async (req, reply) => {
      await deleteAssignment(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
