/** What a webhook endpoint can subscribe to. A new event type is added here and nowhere else. */
export const WEBHOOK_EVENT_TYPES = [
  'document.issued',
  'document.paid',
  'document.overdue',
  'document.sent',
  'document.delivery_failed',
  'payment.received',
  'generation_session.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** The body an endpoint receives; `id` is the event's, the same on every retry and replay. */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  tenantId: string;
  data: Record<string, unknown>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
