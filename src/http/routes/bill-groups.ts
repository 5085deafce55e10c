import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import type { BillGroupTerms } from '../../core/bill-groups/terms.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import {
  createBillGroup,
  deleteBillGroup,
  getBillGroup,
  listBillGroups,
  updateBillGroup,
} from '../../app/bill-groups/manage-bill-groups.ts';
import {
  billGroupCreateBody,
  billGroupListQuery,
  billGroupListSchema,
  billGroupPatchBody,
  billGroupSchema,
  billGroupView,
  definedOnly,
} from './bill-groups.schema.ts';

const tags = ['bill groups'];

export function billGroupRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/bill-groups',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'createBillGroup',
        summary: 'Add a bill group (bill day, invoice close type, run options)',
        tags,
        headers: idempotencyHeaders,
        body: billGroupCreateBody,
        response: { 201: json(billGroupSchema, 'The bill group'), ...problems(400, 422) },
      },
    },
    async (req, reply) => {
      const body = definedOnly(req.body) as Partial<BillGroupTerms> & Pick<BillGroupTerms, 'name' | 'billDay'>;
      return reply.status(201).send(billGroupView(await createBillGroup(deps, callerOf(req), body)));
    },
  );
  api.get(
    '/bill-groups',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listBillGroups',
        summary: 'List bill groups',
        tags,
        querystring: billGroupListQuery,
        response: { 200: json(billGroupListSchema, 'A page of bill groups'), ...problems(400) },
      },
    },
    async (req) => {
      const page = await listBillGroups(deps, callerOf(req), {
        limit: req.query.limit,
        after: decodeCursor(req.query.cursor),
      });
      return toListResponse({ data: page.data.map(billGroupView), next: page.next });
    },
  );
  api.get(
    '/bill-groups/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getBillGroup',
        summary: 'One bill group',
        tags,
        params: idParams,
        response: { 200: json(billGroupSchema, 'The bill group'), ...problems(404) },
      },
    },
    async (req) => billGroupView(await getBillGroup(deps, callerOf(req), req.params.id)),
  );
  api.patch(
    '/bill-groups/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'updateBillGroup',
        summary: "Change a bill group's terms (from its next run)",
        tags,
        params: idParams,
        body: billGroupPatchBody,
        response: { 200: json(billGroupSchema, 'The bill group'), ...problems(400, 404, 422) },
      },
    },
    async (req) =>
      billGroupView(
        await updateBillGroup(deps, callerOf(req), req.params.id, definedOnly(req.body) as Partial<BillGroupTerms>),
      ),
  );
  api.delete(
    '/bill-groups/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'deleteBillGroup',
        summary: 'Remove a bill group no customer belongs to',
        tags,
        params: idParams,
        response: { 204: noContent('Deleted'), ...problems(404, 409) },
      },
    },
    async (req, reply) => {
      await deleteBillGroup(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
