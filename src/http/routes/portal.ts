import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import { getPortalDocument, listPortalDocuments, portalDocumentPdf } from '../../app/portal/portal-documents.ts';
import { getPortalDocumentSchema, listPortalDocumentsSchema, portalDocumentPdfSchema } from './portal.schema.ts';

// The customer-scoped API: only customer users reach it, and only their own customer's documents.
export function portalRoutes(app: FastifyInstance, { deps, renderer }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const portal = { role: 'viewer', audience: 'customer' } as const;
  api.get('/portal/documents', { config: portal, schema: listPortalDocumentsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(
      await listPortalDocuments(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }),
    );
  });
  api.get('/portal/documents/:id', { config: portal, schema: getPortalDocumentSchema }, async (req) =>
    getPortalDocument(deps, callerOf(req), req.params.id),
  );
  api.get('/portal/documents/:id/pdf', { config: portal, schema: portalDocumentPdfSchema }, async (req, reply) => {
    const file = await portalDocumentPdf(deps, callerOf(req), req.params.id, renderer);
    const name = (file.number ?? req.params.id).replace(/[^A-Za-z0-9._-]/g, '_');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${name}.pdf"`)
      .send(file.content);
  });
}
