import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, pageQuery, toListResponse } from '../schemas/common.ts';
import { listAuditEvents } from '../../app/audit/list-audit-events.ts';

export function auditRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/audit-events',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'Append-only record of every change: who, when, what, before and after',
        querystring: z
          .object({ objectId: z.string().max(100).optional(), objectType: z.string().max(50).optional(), ...pageQuery })
          .strict(),
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listAuditEvents(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
    },
  );
}
