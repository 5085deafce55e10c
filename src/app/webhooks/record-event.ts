import type { Clock } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { NewWebhookDelivery } from '../ports/webhooks.ts';
import { newId } from '../ids.ts';
import type { WebhookEventType, WebhookPayload } from '../../core/webhooks/index.ts';

/** The job queue webhook deliveries run on: one job per attempt of one delivery. */
export const WEBHOOK_QUEUE = 'webhooks.deliver';

export interface DeliveryJob {
  tenantId: string;
  deliveryId: string;
  /** The attempt this job makes (1 for the first); a job for an attempt already made does nothing. */
  attempt: number;
}

/** Creates delivery rows for these endpoints and queues their first attempts, in the caller's transaction. */
export async function queueDeliveries(
  s: Session,
  tenantId: string,
  eventId: string,
  endpointIds: string[],
  replayOf: string | null = null,
): Promise<string[]> {
  const rows: NewWebhookDelivery[] = endpointIds.map((endpointId) => ({
    id: newId('whd'),
    tenantId,
    endpointId,
    eventId,
    status: 'pending',
    replayOf,
    nextAttemptAt: null,
  }));
  await s.webhooks.insertDeliveries(rows);
  for (const row of rows) {
    const job: DeliveryJob = { tenantId, deliveryId: row.id, attempt: 1 };
    await s.jobs.enqueue(WEBHOOK_QUEUE, { ...job });
  }
  return rows.map((r) => r.id);
}

/**
 * Records that something happened, for webhooks: the event (with its payload frozen) and one
 * delivery per subscribed endpoint, queued as jobs. Call it inside the transaction of the change
 * the event reports (pass that transaction's session): the event exists if and only if the change
 * committed, and its deliveries then run even if this process dies right after the commit.
 *
 * Any feature may call it, e.g. when a document was emailed:
 *   await recordEvent(s, deps.clock, tenantId, 'document.sent', { document: documentEventData(doc), … });
 * Returns the event id. Events are kept (listable and replayable) even when no endpoint subscribes.
 */
export async function recordEvent(
  s: Session,
  clock: Clock,
  tenantId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<string> {
  const id = newId('evt');
  const createdAt = clock.now().toString();
  const payload: WebhookPayload = { id, type, createdAt, tenantId, data };
  await s.webhooks.insertEvent({ id, tenantId, type, payload: { ...payload }, occurredAt: createdAt });
  const endpoints = await s.webhooks.subscribers(tenantId, type);
  await queueDeliveries(
    s,
    tenantId,
    id,
    endpoints.map((e) => e.id),
  );
  return id;
}

/**
 * `recordEvent` for many events of one transaction: the events in one multi-row insert, the
 * subscribers read once per type, and one delivery per subscribed endpoint and event. Events are
 * named (and listed) in the given order. Returns the event ids.
 */
export async function recordEvents(
  s: Session,
  clock: Clock,
  tenantId: string,
  events: ReadonlyArray<{ type: WebhookEventType; data: Record<string, unknown> }>,
): Promise<string[]> {
  const rows = events.map(({ type, data }) => {
    const id = newId('evt');
    const createdAt = clock.now().toString();
    const payload: WebhookPayload = { id, type, createdAt, tenantId, data };
    return { id, tenantId, type, payload: { ...payload }, occurredAt: createdAt };
  });
  await s.webhooks.insertEvents(rows);
  const endpointsOf = new Map<WebhookEventType, string[]>();
  for (const type of new Set(rows.map((r) => r.type)))
    endpointsOf.set(
      type,
      (await s.webhooks.subscribers(tenantId, type)).map((e) => e.id),
    );
  for (const row of rows) {
    const endpoints = endpointsOf.get(row.type)!;
    if (endpoints.length) await queueDeliveries(s, tenantId, row.id, endpoints);
  }
  return rows.map((r) => r.id);
}
