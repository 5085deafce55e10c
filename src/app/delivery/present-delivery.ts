import type { DeliveryRecord } from '../ports/deliveries.ts';

/** A delivery as the API shows it: its state, recipients, Message-ID, attempts, and its log. */
export interface DeliveryOut {
  id: string;
  documentId: string;
  channel: 'email';
  trigger: DeliveryRecord['trigger'];
  status: DeliveryRecord['status'];
  recipients: string[];
  messageId: string;
  attempts: number;
  nextAttemptAt: string | null;
  sentAt: string | null;
  failedAt: string | null;
  response: string | null;
  error: DeliveryRecord['error'];
  events: DeliveryRecord['events'];
  createdAt: string;
}

export const presentDelivery = (d: DeliveryRecord): DeliveryOut => ({
  id: d.id,
  documentId: d.documentId,
  channel: d.channel,
  trigger: d.trigger,
  status: d.status,
  recipients: d.recipients,
  messageId: d.messageId,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'queued' ? d.dueAt : null,
  sentAt: d.sentAt,
  failedAt: d.failedAt,
  response: d.smtpResponse,
  error: d.error,
  events: d.events,
  createdAt: d.createdAt,
});
