import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from '../../app/webhooks/manage-endpoints.ts';
import { getEvent, listEndpointDeliveries, listEvents } from '../../app/webhooks/query-webhooks.ts';
import { replayEvent } from '../../app/webhooks/replay-event.ts';
import {
  createEndpointSchema,
  deleteEndpointSchema,
  getEndpointSchema,
  getEventSchema,
  listDeliveriesSchema,
  listEndpointsSchema,
  listEventsSchema,
  replayEventSchema,
  rotateSecretSchema,
  updateEndpointSchema,
} from './webhooks.schema.ts';

/** Webhook endpoints, their delivery logs, and the events they are sent (docs/webhooks.md). */
export function webhookRoutes(app: FastifyInstance, { deps, webhooks }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const admin = { role: 'admin' } as const;
  const reader = { role: 'viewer' } as const;
  api.post(
    '/webhook-endpoints',
    { config: { ...admin, secretFields: ['secret'] }, schema: createEndpointSchema },
    async (req, reply) =>
      reply.status(201).send(await createEndpoint(deps, webhooks.transport, callerOf(req), req.body)),
  );
  api.get('/webhook-endpoints', { config: reader, schema: listEndpointsSchema }, async (req) =>
    toListResponse(
      await listEndpoints(deps, callerOf(req), { limit: req.query.limit, after: decodeCursor(req.query.cursor) }),
    ),
  );
  api.get('/webhook-endpoints/:id', { config: reader, schema: getEndpointSchema }, async (req) =>
    getEndpoint(deps, callerOf(req), req.params.id),
  );
  api.patch('/webhook-endpoints/:id', { config: admin, schema: updateEndpointSchema }, async (req) =>
    updateEndpoint(deps, webhooks.transport, callerOf(req), req.params.id, req.body),
  );
  api.delete('/webhook-endpoints/:id', { config: admin, schema: deleteEndpointSchema }, async (req, reply) => {
    await deleteEndpoint(deps, callerOf(req), req.params.id);
    return reply.status(204).send();
  });
  api.post(
    '/webhook-endpoints/:id/rotate-secret',
    { config: { ...admin, secretFields: ['secret'] }, schema: rotateSecretSchema },
    async (req) => rotateSecret(deps, callerOf(req), req.params.id, req.body.graceSeconds),
  );
  api.get('/webhook-endpoints/:id/deliveries', { config: reader, schema: listDeliveriesSchema }, async (req) => {
    const { limit, cursor, status } = req.query;
    return toListResponse(
      await listEndpointDeliveries(
        deps,
        callerOf(req),
        req.params.id,
        { status },
        { limit, after: decodeCursor(cursor) },
      ),
    );
  });
  api.get('/webhook-events', { config: reader, schema: listEventsSchema }, async (req) => {
    const { limit, cursor, type } = req.query;
    return toListResponse(await listEvents(deps, callerOf(req), { type }, { limit, after: decodeCursor(cursor) }));
  });
  api.get('/webhook-events/:id', { config: reader, schema: getEventSchema }, async (req) =>
    getEvent(deps, callerOf(req), req.params.id),
  );
  api.post('/webhook-events/:id/replay', { config: admin, schema: replayEventSchema }, async (req, reply) =>
    reply.status(202).send(await replayEvent(deps, callerOf(req), req.params.id, req.body)),
  );
}
