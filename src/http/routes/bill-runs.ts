import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import type { CallContext } from '../../app/context.ts';
import type { StartedBy } from '../../app/ports/generation-sessions.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
import { startBillRun } from '../../app/bill-runs/start-bill-run.ts';
import { getBillRun, listBillRuns } from '../../app/bill-runs/query-bill-runs.ts';
import { cursorOf } from './usage-schemas.ts';
import { getBillRunSchema, listBillRunsSchema, startBillRunSchema } from './bill-runs.schema.ts';

const startedBy = (ctx: CallContext): StartedBy => ({
  kind: ctx.actor.type === 'user' ? 'user' : ctx.actor.type === 'api_key' ? 'api_key' : 'schedule',
  id: ctx.actor.id,
});

export function billRunRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/bill-runs', { config: { role: 'accountant' }, schema: startBillRunSchema }, async (req, reply) => {
    const ctx = callerOf(req);
    const started = await startBillRun(deps, ctx, { ...req.body, startedBy: startedBy(ctx) });
    return reply.status(202).send(await getBillRun(deps, ctx, started.id));
  });
  api.get('/bill-runs', { config: { role: 'viewer' }, schema: listBillRunsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await listBillRuns(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }));
  });
  api.get('/bill-runs/:id', { config: { role: 'viewer' }, schema: getBillRunSchema }, async (req) =>
    getBillRun(deps, callerOf(req), req.params.id),
  );
}
