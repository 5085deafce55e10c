import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, idParams, toListResponse } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { createSubscription } from '../../app/subscriptions/create-subscription.ts';
import { updateSubscription } from '../../app/subscriptions/update-subscription.ts';
import { deleteSubscription } from '../../app/subscriptions/delete-subscription.ts';
import { resumeSubscription, suspendSubscription } from '../../app/subscriptions/suspend-subscription.ts';
import { getSubscription, listSubscriptions } from '../../app/subscriptions/query-subscriptions.ts';
import { resolveSubscriptionScheme } from '../../app/catalog/resolve-invoicing-scheme.ts';
import { schemeView } from './invoicing-schemes.schema.ts';
import {
  resumeBody,
  subscriptionCreateBody,
  subscriptionListQuery,
  subscriptionListSchema,
  subscriptionPatchBody,
  subscriptionSchema,
  subscriptionSchemeSchema,
  suspendBody,
} from './subscriptions.schema.ts';

const tags = ['subscriptions'];
const one = json(subscriptionSchema, 'The subscription');

export function subscriptionRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/subscriptions',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'createSubscription',
        summary: 'Subscribe a customer contract to a recurring product',
        description: 'Refused with 422 OVERLAPPING_SUBSCRIPTION when the product forbids overlapping subscriptions.',
        tags,
        headers: idempotencyHeaders,
        body: subscriptionCreateBody,
        response: { 201: one, ...problems(400, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createSubscription(deps, callerOf(req), req.body)),
  );
  api.get(
    '/subscriptions',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listSubscriptions',
        summary: 'List subscriptions by customer, contract, product or the days they run',
        tags,
        querystring: subscriptionListQuery,
        response: { 200: json(subscriptionListSchema, 'A page of subscriptions'), ...problems(400) },
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(
        await listSubscriptions(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }),
      );
    },
  );
  api.get(
    '/subscriptions/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getSubscription',
        summary: 'One subscription with its suspensions',
        tags,
        params: idParams,
        response: { 200: one, ...problems(404) },
      },
    },
    async (req) => getSubscription(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/subscriptions/:id',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'updateSubscription',
        summary: 'Change quantity, price, end date, billing or scheme',
        tags,
        params: idParams,
        body: subscriptionPatchBody,
        response: { 200: one, ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => updateSubscription(deps, callerOf(req), req.params.id, req.body),
  );
  api.delete(
    '/subscriptions/:id',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'deleteSubscription',
        summary: 'Delete a subscription that has no charges (end one that has by its endDate)',
        tags,
        params: idParams,
        response: { 204: noContent('Deleted'), ...problems(404, 409) },
      },
    },
    async (req, reply) => {
      await deleteSubscription(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  api.post(
    '/subscriptions/:id/suspend',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'suspendSubscription',
        summary: 'Stop charging a subscription from a day (until a day, or until resumed)',
        tags,
        params: idParams,
        body: suspendBody,
        response: { 200: one, ...problems(400, 404, 409) },
      },
    },
    async (req) => suspendSubscription(deps, callerOf(req), req.params.id, req.body),
  );
  api.post(
    '/subscriptions/:id/resume',
    {
      config: { role: 'accountant' },
      schema: {
        operationId: 'resumeSubscription',
        summary: 'Charge a suspended subscription again from a day',
        tags,
        params: idParams,
        body: resumeBody,
        response: { 200: one, ...problems(400, 404, 409) },
      },
    },
    async (req) => resumeSubscription(deps, callerOf(req), req.params.id, req.body),
  );
  api.get(
    '/subscriptions/:id/invoicing-scheme',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getSubscriptionInvoicingScheme',
        summary: 'The scheme that applies to a subscription and the level it came from',
        tags,
        params: idParams,
        response: { 200: json(subscriptionSchemeSchema, 'The effective scheme and its level'), ...problems(404) },
      },
    },
    async (req) => {
      const effective = await resolveSubscriptionScheme(deps, callerOf(req), req.params.id);
      return { ...effective, scheme: effective.scheme ? schemeView(effective.scheme) : null };
    },
  );
}
