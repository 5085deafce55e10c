import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { createInvoicingScheme } from '../../app/catalog/create-invoicing-scheme.ts';
import { updateInvoicingScheme } from '../../app/catalog/update-invoicing-scheme.ts';
import { deleteInvoicingScheme } from '../../app/catalog/delete-invoicing-scheme.ts';
import { getInvoicingScheme, listInvoicingSchemes } from '../../app/catalog/query-invoicing-schemes.ts';
import {
  schemeCreateBody,
  schemeInput,
  schemeListQuery,
  schemeListSchema,
  schemePatchBody,
  schemeSchema,
  schemeView,
} from './invoicing-schemes.schema.ts';

const tags = ['invoicing schemes'];

export function invoicingSchemeRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/invoicing-schemes',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'createInvoicingScheme',
        summary: 'Add an invoicing scheme; the first one is the tenant default',
        tags,
        headers: idempotencyHeaders,
        body: schemeCreateBody,
        response: { 201: json(schemeSchema, 'The invoicing scheme'), ...problems(400, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(schemeView(await createInvoicingScheme(deps, callerOf(req), schemeInput(req.body)))),
  );
  api.get(
    '/invoicing-schemes',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listInvoicingSchemes',
        summary: 'List invoicing schemes',
        tags,
        querystring: schemeListQuery,
        response: { 200: json(schemeListSchema, 'A page of invoicing schemes'), ...problems(400) },
      },
    },
    async (req) => {
      const page = await listInvoicingSchemes(deps, callerOf(req), {
        limit: req.query.limit,
        after: decodeCursor(req.query.cursor),
      });
      return toListResponse({ data: page.data.map(schemeView), next: page.next });
    },
  );
  api.get(
    '/invoicing-schemes/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getInvoicingScheme',
        summary: 'One invoicing scheme',
        tags,
        params: idParams,
        response: { 200: json(schemeSchema, 'The invoicing scheme'), ...problems(404) },
      },
    },
    async (req) => schemeView(await getInvoicingScheme(deps, callerOf(req), req.params.id)),
  );
  api.patch(
    '/invoicing-schemes/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'updateInvoicingScheme',
        summary: 'Change an invoicing scheme',
        tags,
        params: idParams,
        body: schemePatchBody,
        response: { 200: json(schemeSchema, 'The invoicing scheme'), ...problems(400, 404, 422) },
      },
    },
    async (req) => schemeView(await updateInvoicingScheme(deps, callerOf(req), req.params.id, schemeInput(req.body))),
  );
  api.delete(
    '/invoicing-schemes/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'deleteInvoicingScheme',
        summary: 'Remove a scheme nothing refers to',
        tags,
        params: idParams,
        response: { 204: noContent('Deleted'), ...problems(404, 409) },
      },
    },
    async (req, reply) => {
      await deleteInvoicingScheme(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
