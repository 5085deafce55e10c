import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { notFound, refusedField } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { queueDeliveries } from './record-event.ts';

/**
 * Sends a recorded event again, with the same payload and event id: to one endpoint, or to every
 * enabled endpoint that subscribes to its type now (so an endpoint added later can catch up).
 * Each replay is a new delivery with its own attempts, marked as a replay of the event.
 */
export async function replayEvent(
  deps: Deps,
  ctx: CallContext,
  eventId: string,
  input: { endpointId?: string | undefined },
): Promise<{ eventId: string; deliveryIds: string[] }> {
  return deps.uow.run(async (s) => {
    const event = await s.webhooks.getEvent(ctx.tenantId, eventId);
    if (!event) throw notFound('Webhook event', eventId);
    let endpointIds: string[];
    if (input.endpointId) {
      const endpoint = await s.webhooks.getEndpoint(ctx.tenantId, input.endpointId);
      if (!endpoint)
        throw refusedField(
          'UNKNOWN_ENDPOINT',
          'endpointId',
          `webhook endpoint ${input.endpointId} does not exist`,
          'no such endpoint',
        );
      endpointIds = [endpoint.id];
    } else {
      endpointIds = (await s.webhooks.subscribers(ctx.tenantId, event.type)).map((e) => e.id);
      if (endpointIds.length === 0)
        throw refusedField(
          'NO_SUBSCRIBED_ENDPOINT',
          'endpointId',
          `no enabled endpoint subscribes to ${event.type}; name one with endpointId`,
          'name an endpoint',
        );
    }
    const deliveryIds = await queueDeliveries(s, ctx.tenantId, eventId, endpointIds, eventId);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'webhook_event',
      objectId: eventId,
      action: 'replayed',
      after: { endpointIds, deliveryIds },
    });
    return { eventId, deliveryIds };
  });
}
