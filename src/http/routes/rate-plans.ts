import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
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
import { csvBody, cursorOf, defined } from './usage-schemas.ts';
import * as s from './rate-plans.schema.ts';

const BIG = 64 * 1024 * 1024;

export function ratePlanRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/rate-plans',
    {
      config: { role: 'accountant' },
      bodyLimit: BIG,
      schema: s.createRatePlanSchema,
    },
    async (req, reply) => reply.status(201).send(await createRatePlan(deps, callerOf(req), req.body)),
  );
  api.get('/rate-plans', { config: { role: 'viewer' }, schema: s.listRatePlansSchema }, async (req) =>
    toListResponse(
      await listRatePlans(deps, callerOf(req), { limit: req.query.limit, after: cursorOf(req.query.cursor) }),
    ),
  );
  api.get('/rate-plans/:id', { config: { role: 'viewer' }, schema: s.getRatePlanSchema }, async (req) =>
    getRatePlan(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/rate-plans/:id',
    {
      config: { role: 'accountant' },
      schema: s.updateRatePlanSchema,
    },
    async (req) => updateRatePlan(deps, callerOf(req), req.params.id, defined(req.body)),
  );

  api.get(
    '/rate-plans/:id/rates',
    {
      config: { role: 'viewer' },
      schema: s.listRatesSchema,
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
      schema: s.upsertRatesSchema,
    },
    async (req) => upsertRates(deps, callerOf(req), req.params.id, req.body.rates, req.body.replace ?? false),
  );
  api.post(
    '/rate-plans/:id/rates/import',
    {
      config: { role: 'accountant' },
      bodyLimit: BIG,
      schema: s.importRatesSchema,
    },
    async (req) => importRates(deps, callerOf(req), req.params.id, csvBody(req.body), req.query.replace ?? false),
  );
  api.delete(
    '/rate-plans/:id/rates/:prefix',
    { config: { role: 'accountant' }, schema: s.deleteRateSchema },
    async (req, reply) => {
      await deleteRate(deps, callerOf(req), req.params.id, req.params.prefix);
      return reply.status(204).send();
    },
  );

  api.post(
    '/rate-plan-assignments',
    {
      config: { role: 'accountant' },
      schema: s.createAssignmentSchema,
    },
    async (req, reply) => reply.status(201).send(await createAssignment(deps, callerOf(req), req.body)),
  );
  api.get(
    '/rate-plan-assignments',
    {
      config: { role: 'viewer' },
      schema: s.listAssignmentsSchema,
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listAssignments(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }));
    },
  );
  api.get('/rate-plan-assignments/:id', { config: { role: 'viewer' }, schema: s.getAssignmentSchema }, async (req) =>
    getAssignment(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/rate-plan-assignments/:id',
    {
      config: { role: 'accountant' },
      schema: s.updateAssignmentSchema,
    },
    async (req) => updateAssignment(deps, callerOf(req), req.params.id, req.body),
  );
  api.delete(
    '/rate-plan-assignments/:id',
    { config: { role: 'accountant' }, schema: s.deleteAssignmentSchema },
    async (req, reply) => {
      await deleteAssignment(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
