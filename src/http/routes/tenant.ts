import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { getTenant, updateTenant } from '../../app/tenancy/tenant-settings.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/tenancy/api-keys.ts';
import {
  createApiKeySchema,
  getTenantSchema,
  listApiKeysSchema,
  revokeApiKeySchema,
  updateTenantSchema,
} from './tenant.schema.ts';

export function tenantRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/tenant', { config: { role: 'viewer' }, schema: getTenantSchema }, async (req) =>
    getTenant(deps, callerOf(req)),
  );
  api.patch('/tenant', { config: { role: 'admin' }, schema: updateTenantSchema }, async (req) =>
    updateTenant(deps, callerOf(req), req.body),
  );
  api.get('/api-keys', { config: { role: 'admin' }, schema: listApiKeysSchema }, async (req) => ({
    data: await listApiKeys(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.post(
    '/api-keys',
    { config: { role: 'admin', secretFields: ['key'] }, schema: createApiKeySchema },
    async (req, reply) => {
      const created = await createApiKey(deps, callerOf(req), req.body);
      return reply.status(201).send({ ...created.apiKey, key: created.key });
    },
  );
  api.post('/api-keys/:id/revoke', { config: { role: 'admin' }, schema: revokeApiKeySchema }, async (req) =>
    revokeApiKey(deps, callerOf(req), req.params.id),
  );
}
