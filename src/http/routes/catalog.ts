import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import * as s from './catalog.schema.ts';
import { createSequence, getSequence, listSequences, updateSequence } from '../../app/documents/number-sequences.ts';
import { createFixedCost, getFixedCost, listFixedCosts, updateFixedCost } from '../../app/documents/fixed-costs.ts';

const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function catalogRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/number-sequences',
    {
      config: { role: 'admin' },
      schema: s.createSequenceSchema,
    },
    async (req, reply) => reply.status(201).send(await createSequence(deps, callerOf(req), req.body)),
  );
  api.get(
    '/number-sequences',
    {
      config: { role: 'viewer' },
      schema: s.listSequencesSchema,
    },
    async (req) => ({ data: await listSequences(deps, callerOf(req), req.query.documentType), nextCursor: null }),
  );
  api.get('/number-sequences/:id', { config: { role: 'viewer' }, schema: s.getSequenceSchema }, async (req) =>
    getSequence(deps, callerOf(req), req.params.id),
  );
  api.patch('/number-sequences/:id', { config: { role: 'admin' }, schema: s.updateSequenceSchema }, async (req) =>
    updateSequence(deps, callerOf(req), req.params.id, defined(req.body)),
  );

  api.post('/fixed-costs', { config: { role: 'accountant' }, schema: s.createFixedCostSchema }, async (req, reply) =>
    reply
      .status(201)
      .send(await createFixedCost(deps, callerOf(req), { ...req.body, description: req.body.description ?? null })),
  );
  api.get('/fixed-costs', { config: { role: 'viewer' }, schema: s.listFixedCostsSchema }, async (req) => ({
    data: await listFixedCosts(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.get('/fixed-costs/:id', { config: { role: 'viewer' }, schema: s.getFixedCostSchema }, async (req) =>
    getFixedCost(deps, callerOf(req), req.params.id),
  );
  api.patch('/fixed-costs/:id', { config: { role: 'accountant' }, schema: s.updateFixedCostSchema }, async (req) =>
    updateFixedCost(deps, callerOf(req), req.params.id, defined(req.body)),
  );
}
