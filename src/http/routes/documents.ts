import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { amount, decimal, decodeCursor, idParams, isoDate, pageQuery, toListResponse } from '../schemas/common.ts';
import { createInvoice } from '../../app/documents/create-invoice.ts';
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
import { documentDetails, documentPdf, getDocument, listDocuments } from '../../app/documents/queries.ts';
import { documentCallRoutes } from './document-calls.ts';
import { parseDecimal } from '../../core/money/decimal.ts';

const percent = decimal.refine(
  (v) => {
    const d = parseDecimal(v);
    return d !== null && d.gte(0) && d.lte(100);
  },
  { message: 'must be between 0 and 100', params: { code: 'OUT_OF_RANGE' } },
);
const createBody = z
  .object({
    type: z.literal('invoice').default('invoice'),
    customerId: z.string().min(1).max(100),
    periodStart: isoDate,
    periodEnd: isoDate,
    numberSequenceId: z.string().min(1).max(100).optional(),
    number: z.string().min(1).max(64).optional(),
    templateId: z.string().min(1).max(100).optional(),
    legalEntityId: z.string().min(1).max(100).optional(),
    taxRate: percent.optional(),
    callDiscountPercent: percent.optional(),
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
  })
  .strict();
const patchBody = z
  .object({
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    numberSequenceId: z.string().min(1).max(100).nullable().optional(),
    number: z.string().min(1).max(64).nullable().optional(),
    templateId: z.string().min(1).max(100).optional(),
    taxRate: percent.optional(),
    callDiscountPercent: percent.optional(),
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
  })
  .strict();
const listQuery = z
  .object({
    type: z.enum(['invoice', 'proforma', 'act', 'vat_invoice', 'credit_note', 'reconciliation']).optional(),
    status: z.enum(['draft', 'issued', 'cancelled']).optional(),
    customerId: z.string().max(100).optional(),
    ...pageQuery,
  })
  .strict();
const positiveQuantity = amount.refine((v) => !v.startsWith('-') && /[1-9]/.test(v), {
  message: 'must be greater than zero',
  params: { code: 'NOT_POSITIVE' },
});

export function documentRoutes(app: FastifyInstance, services: HttpServices) {
  const { deps, renderer } = services;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  for (const base of ['/documents', '/invoices']) {
    const invoicesOnly = base === '/invoices';
    api.post(
      base,
      {
        config: { role: 'accountant' },
        schema: {
          tags,
          summary:
            'Creates a draft invoice for a customer and period (422 with FUTURE_PERIOD, INVALID_PERIOD, UNRATED_USAGE, OVERLAPPING_DOCUMENT or DATA_INCONSISTENT)',
          body: createBody,
        },
      },
      async (req, reply) => {
        const { type: _type, number, ...rest } = req.body;
        return reply.status(201).send(await createInvoice(deps, renderer, callerOf(req), { ...rest, number }));
      },
    );
    api.get(base, { config: { role: 'viewer' }, schema: { tags, querystring: listQuery } }, async (req) => {
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
  api.get('/documents/:id', { config: { role: 'viewer' }, schema: { tags, params: idParams } }, async (req) =>
    getDocument(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/documents/:id',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        summary: 'Changes a draft; its render goes blank until generated again',
        params: idParams,
        body: patchBody,
      },
    },
    async (req) => updateDraft(deps, renderer, callerOf(req), req.params.id, req.body),
  );
  api.delete(
    '/documents/:id',
    {
      config: { role: 'accountant' },
      schema: { tags, summary: 'Deletes a draft and releases its usage', params: idParams },
    },
    async (req, reply) => {
      await deleteDraft(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  api.post(
    '/documents/:id/generate',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        summary: 'Queues generation: render status waiting → processing → created | failed',
        params: idParams,
      },
    },
    async (req, reply) => reply.status(202).send(await requestGeneration(deps, callerOf(req), req.params.id)),
  );
  api.post(
    '/documents/:id/issue',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        summary: 'Issues a generated draft: takes its number, sets issue and due dates',
        params: idParams,
      },
    },
    async (req) => issueDocument(deps, callerOf(req), req.params.id),
  );
  api.post(
    '/documents/:id/cancel',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        params: idParams,
        body: z
          .object({ reason: z.string().max(500).optional() })
          .strict()
          .nullish(),
      },
    },
    async (req) => cancelDocument(deps, callerOf(req), req.params.id, req.body?.reason),
  );
  api.post(
    '/documents/:id/render',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        summary: 'Renders an issued or cancelled document again (after a failed render); drafts use generate',
        params: idParams,
      },
    },
    async (req, reply) => reply.status(202).send(await requestRender(deps, callerOf(req), req.params.id)),
  );
  api.get(
    '/documents/:id/fixed-costs',
    { config: { role: 'viewer' }, schema: { tags, params: idParams } },
    async (req) => ({ data: await listFixedCostLines(deps, callerOf(req), req.params.id), nextCursor: null }),
  );
  api.post(
    '/documents/:id/fixed-costs',
    {
      config: { role: 'accountant' },
      schema: {
        tags,
        params: idParams,
        body: z
          .object({
            fixedCostId: z.string().min(1).max(100),
            quantity: z.union([z.number().int().positive().max(1_000_000_000), positiveQuantity]),
          })
          .strict(),
      },
    },
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
    {
      config: { role: 'accountant' },
      schema: { tags, params: z.object({ id: z.string().max(100), lineId: z.string().max(100) }).strict() },
    },
    async (req) => removeFixedCost(deps, callerOf(req), req.params.id, req.params.lineId),
  );
  api.get(
    '/documents/:id/details',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Per destination: prefix, name, rate, calls, minutes, price; prefix accepts % wildcards',
        params: idParams,
        querystring: z.object({ prefix: z.string().max(40).optional() }).strict(),
      },
    },
    async (req) => ({ data: await documentDetails(deps, callerOf(req), req.params.id, req.query.prefix) }),
  );
  api.get(
    '/documents/:id/pdf',
    { config: { role: 'viewer' }, schema: { tags, params: idParams } },
    async (req, reply) => {
      const file = await documentPdf(deps, callerOf(req), req.params.id);
      const name = (file.number ?? `draft-${req.params.id}`).replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .send(file.content);
    },
  );
  documentCallRoutes(api as unknown as FastifyInstance, services);
}
