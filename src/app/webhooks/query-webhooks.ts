import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { WebhookDeliveryRecord, WebhookEventRecord } from '../ports/webhooks.ts';
import { notFound } from '../errors.ts';
import type { DeliveryStatus, WebhookEventType } from '../../core/webhooks/index.ts';

export type DeliveryOut = Omit<WebhookDeliveryRecord, 'tenantId'>;
export interface EventOut {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  /** The body every endpoint receives, byte for byte as JSON. */
  payload: Record<string, unknown>;
}

const presentDelivery = ({ tenantId: _t, ...d }: WebhookDeliveryRecord): DeliveryOut => d;
const presentEvent = (e: WebhookEventRecord): EventOut => ({
  id: e.id,
  type: e.type,
  occurredAt: e.occurredAt,
  payload: e.payload,
});

export async function listEvents(
  deps: Deps,
  ctx: CallContext,
  filter: { type?: WebhookEventType | undefined },
  page: PageRequest,
): Promise<Page<EventOut>> {
  const found = await deps.uow.run((s) =>
    s.webhooks.listEvents(ctx.tenantId, filter.type ? { type: filter.type } : {}, page),
  );
  return { ...found, data: found.data.map(presentEvent) };
}

/** One event and every delivery made of it (first sends and replays). */
export async function getEvent(
  deps: Deps,
  ctx: CallContext,
  id: string,
): Promise<EventOut & { deliveries: DeliveryOut[] }> {
  return deps.uow.run(async (s) => {
    const event = await s.webhooks.getEvent(ctx.tenantId, id);
    if (!event) throw notFound('Webhook event', id);
    const deliveries = await s.webhooks.listDeliveries(ctx.tenantId, { eventId: id }, { limit: 500 });
    return { ...presentEvent(event), deliveries: deliveries.data.map(presentDelivery) };
  });
}

/** The delivery log of one endpoint, oldest first; filter by status to see what failed. */
export async function listEndpointDeliveries(
  deps: Deps,
  ctx: CallContext,
  endpointId: string,
  filter: { status?: DeliveryStatus | undefined },
  page: PageRequest,
): Promise<Page<DeliveryOut>> {
  return deps.uow.run(async (s) => {
    if (!(await s.webhooks.getEndpoint(ctx.tenantId, endpointId))) throw notFound('Webhook endpoint', endpointId);
    const found = await s.webhooks.listDeliveries(
      ctx.tenantId,
      { endpointId, ...(filter.status ? { status: filter.status } : {}) },
      page,
    );
    return { ...found, data: found.data.map(presentDelivery) };
  });
}
