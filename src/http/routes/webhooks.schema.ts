import { z } from 'zod';
import { id, idParams, Instant, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/index.ts';
import { MAX_GRACE_SECONDS } from '../../app/webhooks/manage-endpoints.ts';

const tags = ['webhooks'];

export const WebhookEventType = z
  .enum(WEBHOOK_EVENT_TYPES)
  .meta({ id: 'WebhookEventType', description: 'What happened; endpoints subscribe by type' });

const url = z
  .string()
  .min(1)
  .max(2000)
  .meta({ description: 'http or https URL; its host must resolve to an address the server may call' });

export const endpointBody = z
  .object({
    url,
    events: z
      .array(WebhookEventType)
      .min(1)
      .max(WEBHOOK_EVENT_TYPES.length * 2),
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export const endpointPatch = endpointBody.partial().strict();

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEventType),
    description: z.string().nullable(),
    enabled: z.boolean(),
    secretPrefix: z.string().meta({ description: 'The first characters of the current secret, to tell secrets apart' }),
    previousSecretExpiresAt: Instant.nullable().meta({
      description: 'While set, the previous secret still signs (a second v1= in Tollbook-Signature) until this instant',
    }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'WebhookEndpoint', description: 'Where events are posted; the secret is never shown again' });

const WithSecret = WebhookEndpoint.extend({
  secret: z.string().meta({ description: 'The signing secret: shown in this answer only; store it now' }),
}).meta({ id: 'WebhookEndpointWithSecret', description: 'An endpoint with its new signing secret' });

const DeliveryAttempt = z
  .object({
    attempt: z.int(),
    at: Instant,
    statusCode: z.int().nullable(),
    error: z.string().nullable(),
    durationMs: z.int(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const WebhookDelivery = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.int(),
    attemptLog: z.array(DeliveryAttempt),
    nextAttemptAt: Instant.nullable().meta({ description: 'When a pending delivery is tried again' }),
    deliveredAt: Instant.nullable(),
    lastError: z.string().nullable(),
    replayOf: z.string().nullable().meta({ description: 'The event id, when this delivery is a replay' }),
    createdAt: Instant,
  })
  .meta({ id: 'WebhookDelivery', description: 'One event sent to one endpoint, with every attempt' });

export const WebhookEvent = z
  .object({
    id: z.string(),
    type: WebhookEventType,
    occurredAt: Instant,
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The JSON body endpoints receive: {id, type, createdAt, tenantId, data}' }),
  })
  .meta({ id: 'WebhookEvent', description: 'Something that happened, kept for listing and replay' });

const endpointParams = idParams;

export const createEndpointSchema = {
  operationId: 'createWebhookEndpoint',
  summary: 'Add a webhook endpoint; the answer carries its signing secret, once',
  tags,
  headers: idempotencyHeaders,
  body: endpointBody,
  response: { 201: json(WithSecret, 'The endpoint and its secret'), ...problems(422) },
};
export const listEndpointsSchema = {
  operationId: 'listWebhookEndpoints',
  summary: "The tenant's webhook endpoints",
  tags,
  querystring: z.object(pageQuery).strict(),
  response: { 200: json(listOf(WebhookEndpoint, 'WebhookEndpointList'), 'A page of endpoints'), ...problems() },
};
export const getEndpointSchema = {
  operationId: 'getWebhookEndpoint',
  summary: 'One webhook endpoint',
  tags,
  params: endpointParams,
  response: { 200: json(WebhookEndpoint, 'The endpoint'), ...problems(404) },
};
export const updateEndpointSchema = {
  operationId: 'updateWebhookEndpoint',
  summary: 'Change the URL, the events, the description, or enable/disable an endpoint',
  tags,
  params: endpointParams,
  body: endpointPatch,
  response: { 200: json(WebhookEndpoint, 'The endpoint'), ...problems(404, 422) },
};
export const deleteEndpointSchema = {
  operationId: 'deleteWebhookEndpoint',
  summary: 'Remove an endpoint and its delivery log',
  tags,
  params: endpointParams,
  response: { 204: noContent('Deleted'), ...problems(404) },
};
export const rotateSecretSchema = {
  operationId: 'rotateWebhookSecret',
  summary: 'Give an endpoint a new secret; the previous one keeps signing for a grace period',
  tags,
  params: endpointParams,
  body: z
    .object({
      graceSeconds: z
        .int()
        .min(0)
        .max(MAX_GRACE_SECONDS)
        .default(86400)
        .meta({ description: 'How long the previous secret also signs (default one day, at most a week)' }),
    })
    .strict()
    .default({ graceSeconds: 86400 }),
  response: { 200: json(WithSecret, 'The endpoint and its new secret'), ...problems(404) },
};
export const listDeliveriesSchema = {
  operationId: 'listWebhookDeliveries',
  summary: 'The delivery log of one endpoint',
  tags,
  params: endpointParams,
  querystring: z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional(), ...pageQuery }).strict(),
  response: { 200: json(listOf(WebhookDelivery, 'WebhookDeliveryList'), 'A page of deliveries'), ...problems(404) },
};
export const listEventsSchema = {
  operationId: 'listWebhookEvents',
  summary: 'Recorded events, oldest first',
  tags,
  querystring: z.object({ type: WebhookEventType.optional(), ...pageQuery }).strict(),
  response: { 200: json(listOf(WebhookEvent, 'WebhookEventList'), 'A page of events'), ...problems() },
};
export const getEventSchema = {
  operationId: 'getWebhookEvent',
  summary: 'One event with all its deliveries',
  tags,
  params: idParams,
  response: {
    200: json(
      WebhookEvent.extend({ deliveries: z.array(WebhookDelivery) }).meta({ id: 'WebhookEventWithDeliveries' }),
      'The event',
    ),
    ...problems(404),
  },
};
export const replayEventSchema = {
  operationId: 'replayWebhookEvent',
  summary: 'Send an event again (same id and body) to one endpoint or to every subscribed one',
  tags,
  headers: idempotencyHeaders,
  params: idParams,
  body: z.object({ endpointId: id.optional() }).strict().default({}),
  response: {
    202: json(
      z.object({ eventId: z.string(), deliveryIds: z.array(z.string()) }).meta({ id: 'WebhookReplay' }),
      'Queued: follow the deliveries in the endpoint log',
    ),
    ...problems(404, 422),
  },
};
