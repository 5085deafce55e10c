import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
import { listSources, setWatermark } from '../../app/usage/source-watermarks.ts';
import { discardRejection, listRejections, reprocessRejections } from '../../app/usage/reprocess-rejections.ts';
import { getSourceSettings, putSourceSettings } from '../../app/usage/source-settings.ts';
import { reclassifyUsage } from '../../app/usage/reclassify-usage.ts';
import { cursorOf } from './usage-schemas.ts';
import {
  discardSchema,
  getSourceSchema,
  listRejectionsSchema,
  listSourcesSchema,
  putSourceSchema,
  reclassifySchema,
  reprocessSchema,
  setWatermarkSchema,
} from './usage-sources.schema.ts';

// Sources (switches, raters) with their delivery watermarks and classification rules, and the
// rows they sent that were rejected: inspect them, re-process them after fixing a mapping, or
// discard them.

export function usageSourceRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/usage-sources', { config: { role: 'viewer' }, schema: listSourcesSchema }, async (req) => ({
    data: await listSources(deps, callerOf(req)),
  }));
  api.put(
    '/usage-sources/:source/watermark',
    { config: { role: 'accountant' }, schema: setWatermarkSchema },
    async (req) => setWatermark(deps, callerOf(req), req.params.source, req.body.watermark),
  );
  api.get('/usage-sources/:source', { config: { role: 'viewer' }, schema: getSourceSchema }, async (req) =>
    getSourceSettings(deps, callerOf(req), req.params.source),
  );
  api.put('/usage-sources/:source', { config: { role: 'accountant' }, schema: putSourceSchema }, async (req) =>
    putSourceSettings(deps, callerOf(req), req.params.source, req.body),
  );
  api.post(
    '/usage-sources/:source/reclassify',
    { config: { role: 'accountant' }, schema: reclassifySchema },
    async (req) => reclassifyUsage(deps, callerOf(req), req.params.source, req.body),
  );

  api.get('/usage-rejections', { config: { role: 'viewer' }, schema: listRejectionsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await listRejections(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }));
  });
  api.post('/usage-rejections/reprocess', { config: { role: 'accountant' }, schema: reprocessSchema }, async (req) =>
    reprocessRejections(deps, callerOf(req), req.body),
  );
  api.post(
    '/usage-rejections/:id/discard',
    { config: { role: 'accountant' }, schema: discardSchema },
    async (req, reply) => {
      await discardRejection(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
