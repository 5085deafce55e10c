import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import { startBulkAction } from '../../app/bulk-actions/start-bulk-action.ts';
import { getBulkAction, listBulkActions, presentStarted } from '../../app/bulk-actions/query-bulk-actions.ts';
import { getBulkActionSchema, listBulkActionsSchema, startBulkActionSchema } from './bulk-actions.schema.ts';

export function bulkActionRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/bulk-actions', { config: { role: 'accountant' }, schema: startBulkActionSchema }, async (req, reply) =>
    reply.status(202).send(presentStarted(await startBulkAction(deps, callerOf(req), req.body))),
  );
  api.get('/bulk-actions', { config: { role: 'viewer' }, schema: listBulkActionsSchema }, async (req) =>
    toListResponse(
      await listBulkActions(deps, callerOf(req), { limit: req.query.limit, after: decodeCursor(req.query.cursor) }),
    ),
  );
  api.get('/bulk-actions/:id', { config: { role: 'viewer' }, schema: getBulkActionSchema }, async (req) =>
    getBulkAction(deps, callerOf(req), req.params.id),
  );
}
