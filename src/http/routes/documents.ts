import type { FastifyInstance } from 'fastify';
import { invalid } from '../../app/errors.ts';
import { issueCreditNote } from '../../app/payments/issue-credit-note.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import { createDocument } from '../../app/documents/create-document.ts';
import {
  addFixedCost,
  deleteDraft,
  listFixedCostLines,
  removeFixedCost,
  updateDraft,
} from '../../app/documents/edit-draft.ts';
import { requestGeneration } from '../../app/documents/generate-document.ts';
import { cancelDocument, issueDocument } from '../../app/documents/issue-document.ts';
import { requestRender } from '../../app/documents/request-render.ts';
import { convertProforma } from '../../app/documents/convert-proforma.ts';
import { documentDetails, documentPdf, getDocument, listDocuments } from '../../app/documents/queries.ts';
import { documentDraftRoutes } from './document-drafts.ts';
import { documentCallRoutes } from './document-calls.ts';
import {
  cancelDocumentSchema,
  convertDocumentSchema,
  collectionSchemas,
  deleteDocumentSchema,
  documentPdfSchema,
  generateDocumentSchema,
  renderDocumentSchema,
  getDocumentSchema,
  issueDocumentSchema,
  updateDocumentSchema,
} from './documents.schema.ts';
import {
  addDocumentFixedCostSchema,
  listDocumentFixedCostsSchema,
  removeDocumentFixedCostSchema,
} from './document-fixed-costs.schema.ts';
import { documentDetailsSchema } from './document-usage.schema.ts';

/** Fields a document type needs that the schema cannot require for every type. */
function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalid([{ field, code: 'REQUIRED', message: `${field} is required for this type` }]);
  return value;
}

export function documentRoutes(app: FastifyInstance, services: HttpServices) {
  const { deps, renderer } = services;
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const base of ['/documents', '/invoices'] as const) {
    const invoicesOnly = base === '/invoices';
    const schemas = collectionSchemas(base);
    api.post(base, { config: { role: 'accountant' }, schema: schemas.create }, async (req, reply) => {
      const { type, number, creditedDocumentId, lines, amount, reason, customerId, periodStart, periodEnd, ...rest } =
        req.body;
      if (!invoicesOnly && type === 'credit_note')
        return reply.status(201).send(
          await issueCreditNote(deps, callerOf(req), {
            creditedDocumentId: required(creditedDocumentId, 'creditedDocumentId'),
            lines,
            amount,
            reason,
            number,
            numberSequenceId: rest.numberSequenceId,
          }),
        );
      return reply.status(201).send(
        await createDocument(deps, renderer, callerOf(req), {
          ...rest,
          customerId: required(customerId, 'customerId'),
          periodStart: required(periodStart, 'periodStart'),
          periodEnd: required(periodEnd, 'periodEnd'),
          number,
          type: invoicesOnly ? 'invoice' : type,
        }),
      );
    });
    api.get(base, { config: { role: 'viewer' }, schema: schemas.list }, async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(
        await listDocuments(
          deps,
          callerOf(req),
          { ...filter, type: invoicesOnly ? 'invoice' : filter.type },
          { limit, after: decodeCursor(cursor) },
        ),
      );
    });
  }
  api.get('/documents/:id', { config: { role: 'viewer' }, schema: getDocumentSchema }, async (req) =>
    getDocument(deps, callerOf(req), req.params.id),
  );
  api.patch('/documents/:id', { config: { role: 'accountant' }, schema: updateDocumentSchema }, async (req) =>
    updateDraft(deps, renderer, callerOf(req), req.params.id, req.body),
  );
  api.delete('/documents/:id', { config: { role: 'accountant' }, schema: deleteDocumentSchema }, async (req, reply) => {
    await deleteDraft(deps, callerOf(req), req.params.id);
    return reply.status(204).send();
  });
  api.post(
    '/documents/:id/generate',
    { config: { role: 'accountant' }, schema: generateDocumentSchema },
    async (req, reply) => reply.status(202).send(await requestGeneration(deps, callerOf(req), req.params.id)),
  );
  api.post('/documents/:id/issue', { config: { role: 'accountant' }, schema: issueDocumentSchema }, async (req) =>
    issueDocument(deps, callerOf(req), req.params.id),
  );
  api.post('/documents/:id/cancel', { config: { role: 'accountant' }, schema: cancelDocumentSchema }, async (req) =>
    cancelDocument(deps, callerOf(req), req.params.id, req.body?.reason),
  );
  api.post(
    '/documents/:id/convert',
    { config: { role: 'accountant' }, schema: convertDocumentSchema },
    async (req, reply) => reply.status(201).send(await convertProforma(deps, callerOf(req), req.params.id)),
  );
  api.post(
    '/documents/:id/render',
    { config: { role: 'accountant' }, schema: renderDocumentSchema },
    async (req, reply) => reply.status(202).send(await requestRender(deps, callerOf(req), req.params.id)),
  );
  api.get(
    '/documents/:id/fixed-costs',
    { config: { role: 'viewer' }, schema: listDocumentFixedCostsSchema },
    async (req) => ({ data: await listFixedCostLines(deps, callerOf(req), req.params.id), nextCursor: null }),
  );
  api.post(
    '/documents/:id/fixed-costs',
    { config: { role: 'accountant' }, schema: addDocumentFixedCostSchema },
    async (req, reply) =>
      reply.status(201).send(
        await addFixedCost(deps, callerOf(req), req.params.id, {
          fixedCostId: req.body.fixedCostId,
          quantity: String(req.body.quantity),
        }),
      ),
  );
  api.delete(
    '/documents/:id/fixed-costs/:lineId',
    { config: { role: 'accountant' }, schema: removeDocumentFixedCostSchema },
    async (req) => removeFixedCost(deps, callerOf(req), req.params.id, req.params.lineId),
  );
  api.get('/documents/:id/details', { config: { role: 'viewer' }, schema: documentDetailsSchema }, async (req) => ({
    data: await documentDetails(deps, callerOf(req), req.params.id, req.query.prefix),
  }));
  api.get('/documents/:id/pdf', { config: { role: 'viewer' }, schema: documentPdfSchema }, async (req, reply) => {
    const file = await documentPdf(deps, callerOf(req), req.params.id, renderer);
    const name = (file.number ?? `draft-${req.params.id}`).replace(/[^A-Za-z0-9._-]/g, '_');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${name}.pdf"`)
      .send(file.content);
  });
  documentCallRoutes(api as unknown as FastifyInstance, services);
  documentDraftRoutes(api as unknown as FastifyInstance, services);
}
