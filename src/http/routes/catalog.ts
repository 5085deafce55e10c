import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { amount, idParams } from '../schemas/common.ts';
import { createSequence, getSequence, listSequences, updateSequence } from '../../app/documents/number-sequences.ts';
import { createFixedCost, getFixedCost, listFixedCosts, updateFixedCost } from '../../app/documents/fixed-costs.ts';

const documentType = z.enum(['invoice', 'proforma', 'act', 'vat_invoice', 'credit_note', 'reconciliation']);
const sequenceFields = {
  name: z.string().min(1).max(100),
  documentType,
  prefix: z.string().max(50).default(''),
  padding: z.number().int().min(0).max(20).default(0),
  increment: z.number().int().min(1).max(1000).default(1),
  start: z.number().int().min(0).max(1_000_000_000).default(1),
  reset: z.enum(['never', 'yearly', 'monthly']).default('never'),
  pattern: z.string().max(100).nullable().default(null),
};
const sequencePatch = z
  .object({
    name: sequenceFields.name.optional(),
    prefix: z.string().max(50).optional(),
    padding: z.number().int().min(0).max(20).optional(),
    increment: z.number().int().min(1).max(1000).optional(),
    start: z.number().int().min(0).max(1_000_000_000).optional(),
    reset: z.enum(['never', 'yearly', 'monthly']).optional(),
    pattern: z.string().max(100).nullable().optional(),
  })
  .strict();
const nonNegative = amount.refine((v) => !v.startsWith('-'), {
  message: 'must not be negative',
  params: { code: 'NEGATIVE' },
});

const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function catalogRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['numbering'];
  api.post(
    '/number-sequences',
    {
      config: { role: 'admin' },
      schema: {
        tags,
        summary: 'A named autonumberer; numbers are taken only when a document is issued',
        body: z.object(sequenceFields).strict(),
      },
    },
    async (req, reply) => reply.status(201).send(await createSequence(deps, callerOf(req), req.body)),
  );
  api.get(
    '/number-sequences',
    {
      config: { role: 'viewer' },
      schema: { tags, querystring: z.object({ documentType: documentType.optional() }).strict() },
    },
    async (req) => ({ data: await listSequences(deps, callerOf(req), req.query.documentType), nextCursor: null }),
  );
  api.get('/number-sequences/:id', { config: { role: 'viewer' }, schema: { tags, params: idParams } }, async (req) =>
    getSequence(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/number-sequences/:id',
    { config: { role: 'admin' }, schema: { tags, params: idParams, body: sequencePatch } },
    async (req) => updateSequence(deps, callerOf(req), req.params.id, defined(req.body)),
  );

  const fcTags = ['fixed costs'];
  const fcBody = z
    .object({
      name: z.string().min(1).max(200),
      description: z.string().max(1000).nullable().optional(),
      cost: nonNegative,
    })
    .strict();
  api.post(
    '/fixed-costs',
    { config: { role: 'accountant' }, schema: { tags: fcTags, body: fcBody } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createFixedCost(deps, callerOf(req), { ...req.body, description: req.body.description ?? null })),
  );
  api.get('/fixed-costs', { config: { role: 'viewer' }, schema: { tags: fcTags } }, async (req) => ({
    data: await listFixedCosts(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.get('/fixed-costs/:id', { config: { role: 'viewer' }, schema: { tags: fcTags, params: idParams } }, async (req) =>
    getFixedCost(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/fixed-costs/:id',
    { config: { role: 'accountant' }, schema: { tags: fcTags, params: idParams, body: fcBody.partial().strict() } },
    async (req) => updateFixedCost(deps, callerOf(req), req.params.id, defined(req.body)),
  );
}
