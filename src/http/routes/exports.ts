import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import {
  exportDocumentLines,
  exportDocuments,
  exportPayments,
  exportUsage,
  type TableExport,
} from '../../app/exports/list-exports.ts';
import { defined } from './usage-schemas.ts';
import { accountingBatch } from '../../app/exports/accounting.ts';
import {
  exportAccountingSchema,
  exportDocumentLinesSchema,
  exportDocumentsSchema,
  exportPaymentsSchema,
  exportUsageSchema,
} from './exports.schema.ts';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Reads the first page before answering, so that a refused filter is a problem response rather
 * than a broken download; the rest streams.
 */
async function primed(table: TableExport): Promise<TableExport> {
  const iterator = table.pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    ...table,
    pages: (async function* () {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })(),
  };
}

/** List exports: documents, document lines, payments and usage records, as CSV or XLSX, with the lists' filters. */
export function exportRoutes(app: FastifyInstance, { deps, outputs }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const send = async (reply: FastifyReply, format: 'csv' | 'xlsx', make: () => TableExport) => {
    const table = await primed(make());
    return reply
      .type(TYPES[format])
      .header('content-disposition', `attachment; filename="${table.name}.${format}"`)
      .send(outputs.table(format, table));
  };
  api.get('/exports/documents', { config: { role: 'viewer' }, schema: exportDocumentsSchema }, async (req, reply) => {
    const { format, ...filter } = req.query;
    return send(reply, format, () => exportDocuments(deps, callerOf(req), filter));
  });
  api.get(
    '/exports/document-lines',
    { config: { role: 'viewer' }, schema: exportDocumentLinesSchema },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      return send(reply, format, () => exportDocumentLines(deps, callerOf(req), filter));
    },
  );
  api.get('/exports/usage-records', { config: { role: 'viewer' }, schema: exportUsageSchema }, async (req, reply) => {
    const { format, ...filter } = req.query;
    return send(reply, format, () => exportUsage(deps, callerOf(req), defined(filter)));
  });
  api.get('/exports/payments', { config: { role: 'viewer' }, schema: exportPaymentsSchema }, async (req, reply) => {
    const { format, unmatched, ...filter } = req.query;
    return send(reply, format, () =>
      exportPayments(deps, callerOf(req), {
        ...filter,
        unmatched: unmatched === undefined ? undefined : unmatched === 'true',
      }),
    );
  });
  api.get('/exports/accounting', { config: { role: 'viewer' }, schema: exportAccountingSchema }, async (req, reply) => {
    const { format, batch } = await accountingBatch(deps, callerOf(req), req.query);
    const text = outputs.accounting(format, batch, deps.clock.now().toString().slice(0, 19));
    return reply
      .type(format === 'csv' ? TYPES.csv : 'application/xml; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="accounting-${batch.from}-${batch.to}.${format === 'csv' ? 'csv' : 'xml'}"`,
      )
      .send(text);
  });
}
