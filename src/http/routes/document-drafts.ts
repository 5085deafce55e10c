import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { previewDocument } from '../../app/documents/preview-document.ts';
import { editLineDescription } from '../../app/documents/draft-lines.ts';
import { previewNextDocumentSchema, updateDocumentLineSchema } from './document-drafts.schema.ts';

/** The dry run of a customer's next document and the editing of a draft's line texts. */
export function documentDraftRoutes(app: FastifyInstance, services: HttpServices) {
  const { deps, renderer } = services;
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/customers/:id/next-document',
    { config: { role: 'viewer' }, schema: previewNextDocumentSchema },
    async (req) => previewDocument(deps, renderer, callerOf(req), { ...req.query, customerId: req.params.id }),
  );
  api.patch(
    '/documents/:id/lines/:lineId',
    { config: { role: 'accountant' }, schema: updateDocumentLineSchema },
    async (req) => editLineDescription(deps, callerOf(req), req.params.id, req.params.lineId, req.body.description),
  );
}
