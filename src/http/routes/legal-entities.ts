import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import {
  createLegalEntity,
  getLegalEntity,
  listLegalEntities,
  updateLegalEntity,
} from '../../app/tenancy/legal-entities.ts';
import {
  createLegalEntitySchema,
  getLegalEntitySchema,
  listLegalEntitiesSchema,
  updateLegalEntitySchema,
} from './legal-entities.schema.ts';

export function legalEntityRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/legal-entities', { config: { role: 'admin' }, schema: createLegalEntitySchema }, async (req, reply) => {
    const b = req.body;
    const entity = await createLegalEntity(deps, callerOf(req), {
      name: b.name,
      taxId: b.taxId ?? null,
      kpp: b.kpp ?? null,
      address: b.address ?? null,
      bank: (b.bank as Record<string, string> | null | undefined) ?? null,
      email: b.email ?? null,
      phone: b.phone ?? null,
      isDefault: b.isDefault ?? false,
    });
    return reply.status(201).send(entity);
  });
  api.get('/legal-entities', { config: { role: 'viewer' }, schema: listLegalEntitiesSchema }, async (req) => ({
    data: await listLegalEntities(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.get('/legal-entities/:id', { config: { role: 'viewer' }, schema: getLegalEntitySchema }, async (req) =>
    getLegalEntity(deps, callerOf(req), req.params.id),
  );
  api.patch('/legal-entities/:id', { config: { role: 'admin' }, schema: updateLegalEntitySchema }, async (req) => {
    const patch = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
    return updateLegalEntity(deps, callerOf(req), req.params.id, patch);
  });
}
