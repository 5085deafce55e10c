import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import {
  activateXlsxTemplate,
  getXlsxTemplate,
  listXlsxTemplates,
  setXlsxMapping,
  uploadXlsxTemplate,
} from '../../app/documents/xlsx-templates.ts';
import * as s from './xlsx-templates.schema.ts';

/** Uploads are capped here; the use case checks the ZIP itself (entries, expansion). */
const XLSX_UPLOAD_LIMIT = 5 * 1024 * 1024;
const XLSX_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

export function xlsxTemplateRoutes(app: FastifyInstance, { deps, outputs }: HttpServices) {
  void app.register(async (scope) => {
    scope.addContentTypeParser(XLSX_TYPES, { parseAs: 'buffer', bodyLimit: XLSX_UPLOAD_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/xlsx-templates',
        { config: { role: 'admin' }, schema: s.uploadXlsxTemplateSchema },
        async (req, reply) => {
          const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          return reply.status(201).send(await uploadXlsxTemplate(deps, outputs, callerOf(req), { ...req.query, file }));
        },
      );
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/xlsx-templates', { config: { role: 'viewer' }, schema: s.listXlsxTemplatesSchema }, async (req) => ({
    data: await listXlsxTemplates(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.get('/xlsx-templates/:id', { config: { role: 'viewer' }, schema: s.getXlsxTemplateSchema }, async (req) =>
    getXlsxTemplate(deps, callerOf(req), req.params.id),
  );
  api.put('/xlsx-templates/:id/mapping', { config: { role: 'admin' }, schema: s.setXlsxMappingSchema }, async (req) =>
    setXlsxMapping(deps, callerOf(req), req.params.id, req.body),
  );
  api.post(
    '/xlsx-templates/:id/activate',
    { config: { role: 'admin' }, schema: s.activateXlsxTemplateSchema },
    async (req) => activateXlsxTemplate(deps, callerOf(req), req.params.id, req.body?.applyToExisting ?? false),
  );
}
