import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { EndpointPatch, WebhookEndpointRecord, WebhookTransport } from '../ports/webhooks.ts';
import { notFound, refusedField } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import type { WebhookEventType } from '../../core/webhooks/index.ts';

/** An endpoint as the API shows it: never its secrets, only whether a previous one still signs. */
export interface EndpointOut {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  secretPrefix: string;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentEndpoint(e: WebhookEndpointRecord): EndpointOut {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    description: e.description,
    enabled: e.enabled,
    secretPrefix: e.secret.slice(0, 12),
    previousSecretExpiresAt: e.previousSecret ? e.previousSecretExpiresAt : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

// What the audit log keeps of an endpoint: never a secret.
const audited = (e: WebhookEndpointRecord) => presentEndpoint(e);

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

async function checkUrl(transport: WebhookTransport, url: string) {
  const refusal = await transport.checkUrl(url);
  if (refusal)
    throw refusedField(refusal.code, 'url', `${url} cannot receive webhooks: ${refusal.message}`, refusal.message);
}

export interface EndpointInput {
  url: string;
  events: WebhookEventType[];
  description?: string | null | undefined;
  enabled?: boolean | undefined;
}

/** Adds an endpoint; its signing secret is in this answer and never again. */
export async function createEndpoint(
  deps: Deps,
  transport: WebhookTransport,
  ctx: CallContext,
  input: EndpointInput,
): Promise<EndpointOut & { secret: string }> {
  await checkUrl(transport, input.url);
  return deps.uow.run(async (s) => {
    const endpoint = await s.webhooks.insertEndpoint({
      id: newId('whe'),
      tenantId: ctx.tenantId,
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      enabled: input.enabled ?? true,
      secret: newSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'webhook_endpoint',
      objectId: endpoint.id,
      action: 'created',
      after: audited(endpoint),
    });
    return { ...presentEndpoint(endpoint), secret: endpoint.secret };
  });
}

export async function loadEndpoint(deps: Deps, ctx: CallContext, id: string): Promise<WebhookEndpointRecord> {
  const endpoint = await deps.uow.run((s) => s.webhooks.getEndpoint(ctx.tenantId, id));
  if (!endpoint) throw notFound('Webhook endpoint', id);
  return endpoint;
}

export async function getEndpoint(deps: Deps, ctx: CallContext, id: string): Promise<EndpointOut> {
  return presentEndpoint(await loadEndpoint(deps, ctx, id));
}

export async function listEndpoints(deps: Deps, ctx: CallContext, page: PageRequest): Promise<Page<EndpointOut>> {
  const found = await deps.uow.run((s) => s.webhooks.listEndpoints(ctx.tenantId, page));
  return { ...found, data: found.data.map(presentEndpoint) };
}

async function changeEndpoint(
  deps: Deps,
  ctx: CallContext,
  id: string,
  action: string,
  patch: (before: WebhookEndpointRecord) => EndpointPatch,
): Promise<WebhookEndpointRecord> {
  return deps.uow.run(async (s) => {
    const before = await s.webhooks.getEndpoint(ctx.tenantId, id);
    if (!before) throw notFound('Webhook endpoint', id);
    const after = (await s.webhooks.updateEndpoint(ctx.tenantId, id, patch(before)))!;
    await recordChange(s, ctx, deps.clock, {
      objectType: 'webhook_endpoint',
      objectId: id,
      action,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

export async function updateEndpoint(
  deps: Deps,
  transport: WebhookTransport,
  ctx: CallContext,
  id: string,
  input: Partial<EndpointInput>,
): Promise<EndpointOut> {
  if (input.url !== undefined) await checkUrl(transport, input.url);
  const patch: EndpointPatch = {};
  if (input.url !== undefined) patch.url = input.url;
  if (input.events !== undefined) patch.events = [...new Set(input.events)];
  if (input.description !== undefined) patch.description = input.description;
  if (input.enabled !== undefined) patch.enabled = input.enabled;
  return presentEndpoint(await changeEndpoint(deps, ctx, id, 'updated', () => patch));
}

/** Pending deliveries of a deleted endpoint go with it; the events stay (listable, replayable elsewhere). */
export async function deleteEndpoint(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (s) => {
    const before = await s.webhooks.getEndpoint(ctx.tenantId, id);
    if (!before || !(await s.webhooks.deleteEndpoint(ctx.tenantId, id))) throw notFound('Webhook endpoint', id);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'webhook_endpoint',
      objectId: id,
      action: 'deleted',
      before: audited(before),
    });
  });
}

/** The longest grace period a rotation may give the previous secret: a week. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

/**
 * Gives the endpoint a new secret. The previous one keeps signing (a second `v1=` in the header)
 * for `graceSeconds`, so receivers can switch without losing a delivery; 0 drops it at once.
 */
export async function rotateSecret(
  deps: Deps,
  ctx: CallContext,
  id: string,
  graceSeconds: number,
): Promise<EndpointOut & { secret: string }> {
  const expires = deps.clock.now().add({ seconds: graceSeconds }).toString();
  const after = await changeEndpoint(deps, ctx, id, 'secret_rotated', (before) => ({
    secret: newSecret(),
    previousSecret: graceSeconds > 0 ? before.secret : null,
    previousSecretExpiresAt: graceSeconds > 0 ? expires : null,
  }));
  return { ...presentEndpoint(after), secret: after.secret };
}
