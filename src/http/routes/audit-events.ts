import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import { listAuditEvents } from '../../app/audit/list-audit-events.ts';
import { listAuditEventsSchema } from './audit-events.schema.ts';

export function auditRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/audit-events', { config: { role: 'viewer' }, schema: listAuditEventsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await listAuditEvents(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
  });
}
