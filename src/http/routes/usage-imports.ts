import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
import { startUsageImport } from '../../app/usage/start-usage-import.ts';
import { getUsageImport, listUsageImports, resumeUsageImport } from '../../app/usage/run-usage-import.ts';
import { listRejections } from '../../app/usage/reprocess-rejections.ts';
import type { UsageImport } from '../../app/ports/usage.ts';
import { csvBody, cursorOf } from './usage-schemas.ts';
import {
  getImportSchema,
  importRejectionsSchema,
  listImportsSchema,
  resumeImportSchema,
  uploadUsageSchema,
} from './usage-imports.schema.ts';

const UPLOAD_LIMIT = 512 * 1024 * 1024;

/** The import as polled: counts, and progress as a fraction of the rows counted at upload. */
export function present(imp: UsageImport) {
  const { tenantId: _t, options, outboundExternal, outboundInternal, inbound, ignored, ignoredReasons, ...rest } = imp;
  const progress =
    imp.status === 'completed'
      ? 1
      : imp.totalRows > 0
        ? Math.min(1, Math.floor((imp.processedRows / imp.totalRows) * 1000) / 1000)
        : 0;
  return {
    ...rest,
    timezone: options.timezone ?? null,
    encoding: options.encoding ?? 'utf-8',
    origin: options.origin ?? 'api',
    progress,
    // Rows per class: accepted records by direction and network, rows a rule ignored, unanswered attempts.
    classes: { outboundExternal, outboundInternal, inbound, ignored, skippedUnanswered: imp.skipped },
    ignoredReasons,
  };
}

export function usageImportRoutes(app: FastifyInstance, { deps }: HttpServices) {
  // Uploads are read as bytes here (the app's text/csv parser decodes UTF-8 and would hide a
  // file's real encoding), so the import can decode windows-1252 or UTF-16 and flag bad bytes.
  void app.register(async (scope) => {
    scope.removeContentTypeParser(['text/csv', 'text/plain']);
    scope.addContentTypeParser(
      ['text/csv', 'text/plain', 'application/octet-stream', 'application/xml', 'text/xml'],
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post('/usage-imports', { config: { role: 'accountant' }, schema: uploadUsageSchema }, async (req, reply) => {
        const imp = await startUsageImport(deps, callerOf(req), req.query, csvBody(req.body));
        return reply.status(202).send(present(imp));
      });
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/usage-imports', { config: { role: 'viewer' }, schema: listImportsSchema }, async (req) => {
    const page = await listUsageImports(deps, callerOf(req), {
      limit: req.query.limit,
      after: cursorOf(req.query.cursor),
    });
    return toListResponse({ data: page.data.map(present), next: page.next });
  });
  api.get('/usage-imports/:id', { config: { role: 'viewer' }, schema: getImportSchema }, async (req) =>
    present(await getUsageImport(deps, callerOf(req), req.params.id)),
  );
  api.post(
    '/usage-imports/:id/resume',
    { config: { role: 'accountant' }, schema: resumeImportSchema },
    async (req, reply) => reply.status(202).send(present(await resumeUsageImport(deps, callerOf(req), req.params.id))),
  );
  api.get(
    '/usage-imports/:id/rejections',
    { config: { role: 'viewer' }, schema: importRejectionsSchema },
    async (req) => {
      const ctx = callerOf(req);
      await getUsageImport(deps, ctx, req.params.id);
      return toListResponse(
        await listRejections(
          deps,
          ctx,
          { importId: req.params.id },
          { limit: req.query.limit, after: cursorOf(req.query.cursor) },
        ),
      );
    },
  );
}
