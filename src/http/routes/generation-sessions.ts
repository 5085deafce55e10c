import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import type { CallContext } from '../../app/context.ts';
import type { StartedBy } from '../../app/ports/generation-sessions.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
import { startGenerationSession } from '../../app/sessions/start-generation-session.ts';
import { getGenerationSession, listGenerationSessions } from '../../app/sessions/query-sessions.ts';
import { cursorOf } from './usage-schemas.ts';
import {
  getSessionSchema,
  listSessionsSchema,
  sessionBulkActionSchema,
  startSessionSchema,
} from './generation-sessions.schema.ts';
import { startSessionBulkAction } from '../../app/bulk-actions/start-bulk-action.ts';
import { presentStarted } from '../../app/bulk-actions/query-bulk-actions.ts';
import { BULK_ACTIONS } from '../../core/sessions/bulk-actions.ts';

const startedBy = (ctx: CallContext): StartedBy => ({
  kind: ctx.actor.type === 'user' ? 'user' : ctx.actor.type === 'api_key' ? 'api_key' : 'schedule',
  id: ctx.actor.id,
});

export function generationSessionRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/generation-sessions',
    { config: { role: 'accountant' }, schema: startSessionSchema },
    async (req, reply) => {
      const ctx = callerOf(req);
      const { documentType, periodStart, periodEnd, ...scope } = req.body;
      const started = await startGenerationSession(deps, ctx, {
        documentType,
        periodStart,
        periodEnd,
        scope,
        startedBy: startedBy(ctx),
      });
      return reply.status(202).send(await getGenerationSession(deps, ctx, started.id));
    },
  );
  api.get('/generation-sessions', { config: { role: 'viewer' }, schema: listSessionsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(
      await listGenerationSessions(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }),
    );
  });
  api.get('/generation-sessions/:id', { config: { role: 'viewer' }, schema: getSessionSchema }, async (req) =>
    getGenerationSession(deps, callerOf(req), req.params.id),
  );
  for (const action of BULK_ACTIONS)
    api.post(
      `/generation-sessions/:id/${action}`,
      { config: { role: 'accountant' }, schema: sessionBulkActionSchema(action) },
      async (req, reply) =>
        reply
          .status(202)
          .send(
            presentStarted(
              await startSessionBulkAction(deps, callerOf(req), req.params.id, { action, ...(req.body ?? {}) }),
            ),
          ),
    );
}
