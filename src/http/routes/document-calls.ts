import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import { documentCalls, type CallOut } from '../../app/documents/queries.ts';
import { toCsv } from '../csv.ts';
import { documentCallsCsvSchema, documentCallsSchema } from './document-usage.schema.ts';

const csvHeader = [
  'id',
  'externalId',
  'startedAt',
  'localStartedAt',
  'timezone',
  'durationSeconds',
  'billableSeconds',
  'caller',
  'callee',
  'destinationPrefix',
  'destination',
  'price',
  'currency',
];
const csvRow = (c: CallOut) => [
  c.id,
  c.externalId,
  c.startedAt,
  c.localStartedAt,
  c.timezone,
  c.durationSeconds,
  c.billableSeconds,
  c.caller,
  c.callee,
  c.destinationPrefix,
  c.destination,
  c.price,
  c.currency,
];

/** The call list of a document: JSON pages, or the whole list as CSV (`Accept: text/csv` or `.csv`). */
export function documentCallRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const csv = async (req: FastifyRequest, reply: FastifyReply) => {
    const { id } = req.params as { id: string };
    const rows: unknown[][] = [];
    let after: string | undefined;
    do {
      const page = await documentCalls(deps, callerOf(req), id, { limit: 5000, after });
      rows.push(...page.data.map(csvRow));
      after = page.next ?? undefined;
    } while (after);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="calls-${id}.csv"`)
      .send(toCsv(csvHeader, rows));
  };
  api.get('/documents/:id/usage-records.csv', { config: { role: 'viewer' }, schema: documentCallsCsvSchema }, csv);
  api.get(
    '/documents/:id/usage-records',
    { config: { role: 'viewer' }, schema: documentCallsSchema },
    async (req, reply) => {
      if ((req.headers.accept ?? '').includes('text/csv')) return csv(req as unknown as FastifyRequest, reply);
      return toListResponse(
        await documentCalls(deps, callerOf(req), req.params.id, {
          limit: req.query.limit,
          after: decodeCursor(req.query.cursor),
        }),
      );
    },
  );
}
