import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { pageQuery, toListResponse } from '../schemas/common.ts';
import { MAX_BATCH_RECORDS, ingestUsageRecords } from '../../app/usage/ingest-usage-records.ts';
import { getUsageRecord, listUsage, unratedCounts, usageTotals } from '../../app/usage/query-usage.ts';
import { rerateUsage } from '../../app/usage/rerate-usage.ts';
import { cursorOf, instant, presentRecord, safeId, text, usageFilterQuery } from './usage-schemas.ts';

const tags = ['usage'];

export function usageRecordRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Records are validated one by one by the use case, so that one bad record is a per-row
  // rejection and the good ones are kept, instead of a 400 for the whole batch.
  api.post(
    '/usage-records',
    {
      config: { role: 'accountant', rowsCheckedByUseCase: true },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags,
        summary: `Ingest a batch of up to ${MAX_BATCH_RECORDS} usage records (CDRs)`,
        description:
          'Answers accepted / duplicates counts and every rejected record with its index, code and detail. Re-sending a record (same source and externalId) is a duplicate, never a second record.',
        body: z.object({ records: z.array(z.unknown()).min(1).max(MAX_BATCH_RECORDS) }).strict(),
      },
    },
    async (req) => ingestUsageRecords(deps, callerOf(req), req.body.records),
  );

  api.get(
    '/usage-records',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Usage records in start-time order, filtered',
        querystring: z.object({ ...usageFilterQuery, ...pageQuery }).strict(),
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      const page = await listUsage(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) });
      return toListResponse({ data: page.data.map(presentRecord), next: page.next });
    },
  );

  api.get(
    '/usage-records/totals',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Calls, seconds and amount per destination',
        querystring: z.object(usageFilterQuery).strict(),
      },
    },
    async (req) => usageTotals(deps, callerOf(req), req.query),
  );

  api.get(
    '/usage-records/unrated',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Unrated records per customer, with their reasons',
        querystring: z.object(usageFilterQuery).strict(),
      },
    },
    async (req) => ({ data: await unratedCounts(deps, callerOf(req), req.query) }),
  );

  api.post(
    '/usage-records/rerate',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        summary: "Re-rate a customer's usage of a period (optionally one destination pattern) with the current rates",
        description:
          'Refused with 409 RERATE_ISSUED_DOCUMENTS (and documentIds) when records sit on issued documents; drafts holding changed records are marked for regeneration.',
        body: z.object({ customerId: safeId, from: instant, to: instant, destination: text(40).optional() }).strict(),
      },
    },
    async (req) => rerateUsage(deps, callerOf(req), req.body),
  );

  api.get(
    '/usage-records/:id',
    {
      config: { role: 'viewer' },
      schema: { tags, params: z.object({ id: text(40) }).strict() },
    },
    async (req) => presentRecord(await getUsageRecord(deps, callerOf(req), req.params.id)),
  );
}
