import type { Clock } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { DeliveryRecord } from '../ports/deliveries.ts';
import { recordEvent } from '../webhooks/record-event.ts';
import { documentEventData } from '../webhooks/event-data.ts';

/**
 * Raises `document.sent` or `document.delivery_failed` for a delivery that just reached one of
 * those states, in the transaction that records the state: the event exists exactly when the
 * delivery log says so, once per delivery (a retry after a crash records the outcome once).
 */
export async function raiseDeliveryEvent(s: Session, clock: Clock, delivery: DeliveryRecord): Promise<void> {
  if (delivery.status !== 'sent' && delivery.status !== 'failed') return;
  const doc = await s.documents.getDocument(delivery.tenantId, delivery.documentId);
  if (!doc) return;
  await recordEvent(
    s,
    clock,
    delivery.tenantId,
    delivery.status === 'sent' ? 'document.sent' : 'document.delivery_failed',
    {
      ...documentEventData(doc),
      delivery: {
        id: delivery.id,
        channel: delivery.channel,
        trigger: delivery.trigger,
        status: delivery.status,
        recipients: delivery.recipients,
        messageId: delivery.messageId,
        attempts: delivery.attempts,
        sentAt: delivery.sentAt,
        failedAt: delivery.failedAt,
        error: delivery.error,
      },
    },
  );
}
