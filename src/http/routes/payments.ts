import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { getPayment, matchPayment, recordPayment } from '../../app/payments/record-payment.ts';
import { listPayments } from '../../app/payments/list-payments.ts';
import { bindPayment, reversePayment, unbindPayment } from '../../app/payments/manage-allocations.ts';
import {
  allocationParams,
  bindBody,
  matchBody,
  paymentCreateBody,
  paymentListQuery,
  paymentListSchema,
  paymentSchema,
  reverseBody,
} from './payments.schema.ts';

const tags = ['payments'];

export function paymentRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/payments',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'createPayment',
        summary: 'Record a payment; it is allocated at once when it names a customer',
        description:
          'The same externalId from the same source is the same payment: an identical repeat answers 200 with the stored payment, a different one 409 DUPLICATE_PAYMENT_REFERENCE.',
        tags,
        headers: idempotencyHeaders,
        body: paymentCreateBody,
        response: {
          201: json(paymentSchema, 'The payment and its allocations'),
          200: json(paymentSchema, 'The payment already stored under this external id'),
          ...problems(400, 409, 422),
        },
      },
    },
    async (req, reply) => {
      const { payment, created } = await recordPayment(deps, callerOf(req), req.body);
      return reply.status(created ? 201 : 200).send(payment);
    },
  );
  api.get(
    '/payments',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listPayments',
        summary: 'List payments, e.g. the unmatched ones',
        tags,
        querystring: paymentListQuery,
        response: { 200: json(paymentListSchema, 'A page of payments'), ...problems(400) },
      },
    },
    async (req) => {
      const { limit, cursor, unmatched, ...filter } = req.query;
      return toListResponse(
        await listPayments(
          deps,
          callerOf(req),
          { ...filter, unmatched: unmatched === undefined ? undefined : unmatched === 'true' },
          { limit, after: decodeCursor(cursor) },
        ),
      );
    },
  );
  api.get(
    '/payments/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getPayment',
        summary: 'One payment with its allocation ledger',
        tags,
        params: idParams,
        response: { 200: json(paymentSchema, 'The payment'), ...problems(404) },
      },
    },
    async (req) => getPayment(deps, callerOf(req), req.params.id),
  );
  api.post(
    '/payments/:id/match',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'matchPayment',
        summary: 'Give an unmatched payment its customer; it is then allocated',
        tags,
        params: idParams,
        body: matchBody,
        response: { 200: json(paymentSchema, 'The payment'), ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => matchPayment(deps, callerOf(req), req.params.id, req.body.customerId),
  );
  api.post(
    '/payments/:id/allocations',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'bindPayment',
        summary: 'Bind part of a payment to an issued invoice of the same customer by hand',
        tags,
        headers: idempotencyHeaders,
        params: idParams,
        body: bindBody,
        response: { 201: json(paymentSchema, 'The payment with the new allocation'), ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await bindPayment(deps, callerOf(req), req.params.id, req.body)),
  );
  api.delete(
    '/payments/:id/allocations/:allocationId',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'unbindPayment',
        summary: 'Unbind an allocation: appends a negative entry, the money returns to credit',
        tags,
        params: allocationParams,
        response: { 200: json(paymentSchema, 'The payment with the unbinding entry'), ...problems(404, 409) },
      },
    },
    async (req) => unbindPayment(deps, callerOf(req), req.params.id, req.params.allocationId),
  );
  api.post(
    '/payments/:id/reverse',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'reversePayment',
        summary: 'Reverse a payment: appends a reversal and undoes its allocations',
        tags,
        params: idParams,
        body: reverseBody,
        response: { 200: json(paymentSchema, 'The reversed payment'), ...problems(400, 404, 409) },
      },
    },
    async (req) => reversePayment(deps, callerOf(req), req.params.id, req.body?.reason),
  );
}
