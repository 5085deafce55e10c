import type { Page, PageRequest } from './audit.ts';
import type { DeliveryStatus, WebhookEventType } from '../../core/webhooks/index.ts';

export interface WebhookEndpointRecord {
  id: string;
  tenantId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEventRecord {
  id: string;
  tenantId: string;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** One try at one delivery, as kept in its log. */
export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryRecord {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  status: DeliveryStatus;
  attempts: number;
  attemptLog: DeliveryAttempt[];
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: string;
}

export type NewWebhookDelivery = Pick<
  WebhookDeliveryRecord,
  'id' | 'tenantId' | 'endpointId' | 'eventId' | 'status' | 'replayOf' | 'nextAttemptAt'
>;

export type EndpointPatch = Partial<
  Pick<
    WebhookEndpointRecord,
    'url' | 'events' | 'description' | 'enabled' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'
  >
>;

export type DeliveryPatch = Partial<
  Pick<WebhookDeliveryRecord, 'status' | 'attempts' | 'attemptLog' | 'nextAttemptAt' | 'deliveredAt' | 'lastError'>
>;

export interface WebhooksRepo {
  insertEndpoint(row: Omit<WebhookEndpointRecord, 'createdAt' | 'updatedAt'>): Promise<WebhookEndpointRecord>;
  getEndpoint(tenantId: string, id: string): Promise<WebhookEndpointRecord | null>;
  listEndpoints(tenantId: string, page: PageRequest): Promise<Page<WebhookEndpointRecord>>;
  /** Enabled endpoints of the tenant that subscribe to this event type. */
  subscribers(tenantId: string, type: WebhookEventType): Promise<WebhookEndpointRecord[]>;
  updateEndpoint(tenantId: string, id: string, patch: EndpointPatch): Promise<WebhookEndpointRecord | null>;
  deleteEndpoint(tenantId: string, id: string): Promise<boolean>;

  insertEvent(row: WebhookEventRecord): Promise<void>;
  insertEvents(rows: readonly WebhookEventRecord[]): Promise<void>;
  getEvent(tenantId: string, id: string): Promise<WebhookEventRecord | null>;
  listEvents(
    tenantId: string,
    filter: { type?: WebhookEventType },
    page: PageRequest,
  ): Promise<Page<WebhookEventRecord>>;

  insertDeliveries(rows: NewWebhookDelivery[]): Promise<void>;
  getDelivery(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<WebhookDeliveryRecord | null>;
  updateDelivery(tenantId: string, id: string, patch: DeliveryPatch): Promise<void>;
  listDeliveries(
    tenantId: string,
    filter: { endpointId?: string; eventId?: string; status?: DeliveryStatus },
    page: PageRequest,
  ): Promise<Page<WebhookDeliveryRecord>>;
}

/** The answer of one POST to an endpoint: a status code, or the reason there was none. */
export interface WebhookResponse {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends webhook requests and decides which URLs may be called: the scheme, and every address the
 * host resolves to (private and loopback networks are refused unless configured otherwise).
 */
export interface WebhookTransport {
  /** Null when the URL may be called; otherwise a stable code and why. */
  checkUrl(url: string): Promise<{ code: string; message: string } | null>;
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WebhookResponse>;
}
