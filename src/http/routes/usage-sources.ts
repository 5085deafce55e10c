import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { pageQuery, toListResponse } from '../schemas/common.ts';
import { listSources, setWatermark } from '../../app/usage/source-watermarks.ts';
import { discardRejection, listRejections, reprocessRejections } from '../../app/usage/reprocess-rejections.ts';
import { cursorOf, instant, safeId, safeIdParams, text } from './usage-schemas.ts';
import { getSourceSettings, putSourceSettings } from '../../app/usage/source-settings.ts';
import { reclassifyUsage } from '../../app/usage/reclassify-usage.ts';
import { getSourceSchema, putSourceSchema, reclassifySchema } from './usage-sources.schema.ts';

// Sources (switches, raters) with their delivery watermarks and classification rules, and the
// rows they sent that were rejected: inspect them, re-process them after fixing a mapping, or
// discard them.

export function usageSourceRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/usage-sources',
    { config: { role: 'viewer' }, schema: { tags: ['usage'], summary: 'Sources of usage and their watermarks' } },
    async (req) => ({ data: await listSources(deps, callerOf(req)) }),
  );
  api.put(
    '/usage-sources/:source/watermark',
    {
      config: { role: 'accountant' },
      schema: {
        tags: ['usage'],
        summary: 'Declare that every record of the source up to this instant has been delivered',
        description: 'Invoicing refuses periods that end after the watermark of a source that keeps one.',
        params: z.object({ source: text(255) }).strict(),
        body: z.object({ watermark: instant }).strict(),
      },
    },
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

  const rejectionFilter = {
    status: z.enum(['open', 'resolved', 'discarded']).optional(),
    importId: safeId.optional(),
    source: text(255).optional(),
    code: text(64).optional(),
  };
  api.get(
    '/usage-rejections',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['usage'],
        summary: 'Rejected usage rows, kept for inspection and re-processing',
        querystring: z.object({ ...rejectionFilter, ...pageQuery }).strict(),
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listRejections(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }));
    },
  );
  api.post(
    '/usage-rejections/reprocess',
    {
      config: { role: 'accountant' },
      schema: {
        tags: ['usage'],
        summary: 'Run open rejections through ingestion again (after fixing a customer mapping, say)',
        body: z
          .object({
            ids: z.array(text(40)).max(10_000).optional(),
            importId: safeId.optional(),
            source: text(255).optional(),
            code: text(64).optional(),
          })
          .strict(),
      },
    },
    async (req) => reprocessRejections(deps, callerOf(req), req.body),
  );
  api.post(
    '/usage-rejections/:id/discard',
    {
      config: { role: 'accountant' },
      schema: { tags: ['usage'], summary: 'Close a rejection that will never be billed', params: safeIdParams },
    },
    async (req, reply) => {
      await discardRejection(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
