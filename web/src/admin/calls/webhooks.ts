import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, type ResourceApi } from './common.ts';

export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookDelivery = Schemas['WebhookDelivery'];

export const webhookEndpoints: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/webhook-endpoints')),
  one: (id) => unwrap(api.GET('/api/v1/webhook-endpoints/{id}', byId(id))),
  // The answer carries the signing secret, this once: the screen shows it to be stored.
  create: (body: Schemas['WebhookEndpoint']) => unwrap(api.POST('/api/v1/webhook-endpoints', { body: body as never })),
  update: (id, body: Partial<Schemas['WebhookEndpoint']>) =>
    unwrap(api.PATCH('/api/v1/webhook-endpoints/{id}', { ...byId(id), body: body as never })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/webhook-endpoints/{id}', byId(id)));
  },
};

export const webhookActions = {
  rotate: (id: string) => unwrap(api.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', { ...byId(id), body: {} })),
  deliveries: async (id: string) =>
    (await unwrap(api.GET('/api/v1/webhook-endpoints/{id}/deliveries', byId(id)))).data as WebhookDelivery[],
};
