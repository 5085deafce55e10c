import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { createContract } from '../../app/catalog/create-contract.ts';
import { updateContract } from '../../app/catalog/update-contract.ts';
import { getContract, listContracts } from '../../app/catalog/query-contracts.ts';
import {
  contractCreateBody,
  contractListQuery,
  contractListSchema,
  contractPatchBody,
  contractSchema,
} from './contracts.schema.ts';

const tags = ['contracts'];

export function contractRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/contracts',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'createContract',
        summary: 'Add a basic contract, or a customer contract made from one',
        tags,
        headers: idempotencyHeaders,
        body: contractCreateBody,
        response: { 201: json(contractSchema, 'The contract'), ...problems(400, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createContract(deps, callerOf(req), req.body)),
  );
  api.get(
    '/contracts',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listContracts',
        summary: 'List contracts, e.g. the contracts of a customer',
        tags,
        querystring: contractListQuery,
        response: { 200: json(contractListSchema, 'A page of contracts'), ...problems(400) },
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listContracts(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
    },
  );
  api.get(
    '/contracts/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getContract',
        summary: 'One contract',
        tags,
        params: idParams,
        response: { 200: json(contractSchema, 'The contract'), ...problems(404) },
      },
    },
    async (req) => getContract(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/contracts/:id',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'updateContract',
        summary: 'Rename, renumber, close or re-scheme a contract',
        tags,
        params: idParams,
        body: contractPatchBody,
        response: { 200: json(contractSchema, 'The contract'), ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => updateContract(deps, callerOf(req), req.params.id, req.body),
  );
}
