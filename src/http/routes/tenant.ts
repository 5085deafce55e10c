import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { currency, timezone } from '../schemas/common.ts';
import { getTenant, updateTenant } from '../../app/tenancy/tenant-settings.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/tenancy/api-keys.ts';

const settings = z
  .object({
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
    roundingMode: z.enum(['half_up', 'half_even', 'down', 'up']).optional(),
  })
  .strict();

export function tenantRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/tenant',
    { config: { role: 'viewer' }, schema: { tags: ['tenant'], summary: "The caller's tenant (operator)" } },
    async (req) => getTenant(deps, callerOf(req)),
  );
  api.patch(
    '/tenant',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tenant'],
        body: z
          .object({
            name: z.string().min(1).max(200).optional(),
            timezone: timezone.optional(),
            currency: currency.optional(),
            locale: z.enum(['en', 'ru']).optional(),
            settings: settings.optional(),
          })
          .strict(),
      },
    },
    async (req) => updateTenant(deps, callerOf(req), req.body),
  );

  api.get('/api-keys', { config: { role: 'admin' }, schema: { tags: ['tenant'] } }, async (req) => ({
    data: await listApiKeys(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.post(
    '/api-keys',
    {
      config: { role: 'admin', secretFields: ['key'] },
      schema: {
        tags: ['tenant'],
        summary: 'Creates a staff API key; the key is shown once',
        body: z.object({ name: z.string().min(1).max(100), role: z.enum(['admin', 'accountant', 'viewer']) }).strict(),
      },
    },
    async (req, reply) => {
      const created = await createApiKey(deps, callerOf(req), req.body);
      return reply.status(201).send({ ...created.apiKey, key: created.key });
    },
  );
  api.post(
    '/api-keys/:id/revoke',
    { config: { role: 'admin' }, schema: { tags: ['tenant'], params: z.object({ id: z.string().max(100) }).strict() } },
    async (req) => revokeApiKey(deps, callerOf(req), req.params.id),
  );
}
