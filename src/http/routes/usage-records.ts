import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
import { ingestUsageRecords } from '../../app/usage/ingest-usage-records.ts';
import { getUsageRecord, listUsage, unratedCounts, usageTotals } from '../../app/usage/query-usage.ts';
import { rerateUsage } from '../../app/usage/rerate-usage.ts';
import { cursorOf, presentRecord } from './usage-schemas.ts';
import {
  getUsageSchema,
  ingestUsageSchema,
  listUsageSchema,
  rerateSchema,
  unratedCountsSchema,
  usageTotalsSchema,
} from './usage-records.schema.ts';

export function usageRecordRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Records are validated one by one by the use case, so that one bad record is a per-row
  // rejection and the good ones are kept, instead of a 400 for the whole batch.
  api.post(
    '/usage-records',
    {
      config: { role: 'accountant', rowsCheckedByUseCase: true },
      bodyLimit: 64 * 1024 * 1024,
      schema: ingestUsageSchema,
    },
    async (req) => ingestUsageRecords(deps, callerOf(req), req.body.records),
  );
  api.get('/usage-records', { config: { role: 'viewer' }, schema: listUsageSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    const page = await listUsage(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) });
    return toListResponse({ data: page.data.map(presentRecord), next: page.next });
  });
  api.get('/usage-records/totals', { config: { role: 'viewer' }, schema: usageTotalsSchema }, async (req) =>
    usageTotals(deps, callerOf(req), req.query),
  );
  api.get('/usage-records/unrated', { config: { role: 'viewer' }, schema: unratedCountsSchema }, async (req) => ({
    data: await unratedCounts(deps, callerOf(req), req.query),
  }));
  api.post('/usage-records/rerate', { config: { role: 'accountant' }, schema: rerateSchema }, async (req) =>
    rerateUsage(deps, callerOf(req), req.body),
  );
  api.get('/usage-records/:id', { config: { role: 'viewer' }, schema: getUsageSchema }, async (req) =>
    presentRecord(await getUsageRecord(deps, callerOf(req), req.params.id)),
  );
}
