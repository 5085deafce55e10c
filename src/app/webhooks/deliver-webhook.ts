import type { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type {
  DeliveryAttempt,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookResponse,
} from '../ports/webhooks.ts';
import type { WebhookConfig } from './webhook-config.ts';
import { WEBHOOK_QUEUE, type DeliveryJob } from './record-event.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { isDelivered, nextRetryDelaySeconds, SIGNATURE_HEADER, signatureHeader } from '../../core/webhooks/index.ts';

/** The secrets that sign now: the current one, and the previous one while its grace period lasts. */
export function liveSecrets(endpoint: WebhookEndpointRecord, now: Temporal.Instant): string[] {
  const graceLeft =
    endpoint.previousSecret !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    now.epochMilliseconds < Date.parse(endpoint.previousSecretExpiresAt);
  return graceLeft ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/** A job for an attempt that was already made (a retried job, a crash after the outcome committed) does nothing. */
const isStale = (d: WebhookDeliveryRecord | null, job: DeliveryJob) =>
  !d || d.status !== 'pending' || d.attempts >= job.attempt;

/**
 * One attempt of one delivery (a job on WEBHOOK_QUEUE). The request is made outside any
 * transaction; its outcome is then recorded and, after a failure, the next attempt is queued with
 * exponential back-off in that same transaction, until the attempts are used up and the delivery
 * is `failed`. A failing endpoint therefore never blocks the queue: its retries wait as scheduled
 * jobs while other deliveries go on, and a hanging one is cut off by the timeout.
 *
 * Delivery is at least once: a crash between the endpoint's answer and the recorded outcome
 * sends the same event (same id) again. Receivers deduplicate by the event id.
 */
export async function deliverWebhook(deps: Deps, config: WebhookConfig, job: DeliveryJob): Promise<void> {
  const loaded = await deps.uow.run(async (s) => {
    const delivery = await s.webhooks.getDelivery(job.tenantId, job.deliveryId);
    if (isStale(delivery, job)) return null;
    const endpoint = await s.webhooks.getEndpoint(job.tenantId, delivery!.endpointId);
    const event = await s.webhooks.getEvent(job.tenantId, delivery!.eventId);
    return endpoint && event ? { delivery: delivery!, endpoint, event } : null;
  });
  if (!loaded) return;
  const { endpoint, event, delivery } = loaded;
  let response: WebhookResponse;
  if (!endpoint.enabled)
    response = { statusCode: null, error: 'ENDPOINT_DISABLED: the endpoint is disabled', durationMs: 0 };
  else {
    const body = JSON.stringify(event.payload);
    const now = deps.clock.now();
    const unix = Math.floor(now.epochMilliseconds / 1000);
    response = await config.transport.post(
      endpoint.url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'Tollbook-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(liveSecrets(endpoint, now), unix, body),
        'Tollbook-Event-Id': event.id,
        'Tollbook-Event-Type': event.type,
        'Tollbook-Delivery-Id': delivery.id,
        'Tollbook-Attempt': String(job.attempt),
      },
      config.timeoutMs,
    );
  }
  killPoint('webhook.deliver.answered');
  await recordAttempt(deps, config, job, response, !endpoint.enabled);
}

async function recordAttempt(
  deps: Deps,
  config: WebhookConfig,
  job: DeliveryJob,
  response: WebhookResponse,
  final: boolean,
): Promise<void> {
  await deps.uow.run(async (s) => {
    const d = await s.webhooks.getDelivery(job.tenantId, job.deliveryId, { forUpdate: true });
    if (isStale(d, job)) return;
    const now = deps.clock.now();
    const entry: DeliveryAttempt = {
      attempt: job.attempt,
      at: now.toString(),
      statusCode: response.statusCode,
      error: response.error,
      durationMs: response.durationMs,
    };
    const attemptLog = [...d!.attemptLog, entry];
    if (isDelivered(response.statusCode)) {
      await s.webhooks.updateDelivery(job.tenantId, job.deliveryId, {
        status: 'delivered',
        attempts: job.attempt,
        attemptLog,
        deliveredAt: now.toString(),
        nextAttemptAt: null,
        lastError: null,
      });
      return;
    }
    const lastError = response.error ?? `HTTP ${response.statusCode}: the endpoint did not answer 2xx`;
    const delay = final ? null : nextRetryDelaySeconds(config.retry, job.attempt);
    if (delay === null) {
      await s.webhooks.updateDelivery(job.tenantId, job.deliveryId, {
        status: 'failed',
        attempts: job.attempt,
        attemptLog,
        nextAttemptAt: null,
        lastError,
      });
      return;
    }
    await s.webhooks.updateDelivery(job.tenantId, job.deliveryId, {
      attempts: job.attempt,
      attemptLog,
      nextAttemptAt: now.add({ seconds: delay }).toString(),
      lastError,
    });
    const next: DeliveryJob = { ...job, attempt: job.attempt + 1 };
    await s.jobs.enqueue(WEBHOOK_QUEUE, { ...next }, delay > 0 ? { startAfterSeconds: delay } : {});
  });
}

/** The queue gave up on a job (its handler kept failing, e.g. the database was away): the delivery fails visibly. */
export async function giveUpDelivery(deps: Deps, job: DeliveryJob): Promise<void> {
  await deps.uow.run(async (s) => {
    const d = await s.webhooks.getDelivery(job.tenantId, job.deliveryId, { forUpdate: true });
    if (!d || d.status !== 'pending') return;
    await s.webhooks.updateDelivery(job.tenantId, job.deliveryId, {
      status: 'failed',
      nextAttemptAt: null,
      lastError: 'GAVE_UP: the delivery job failed repeatedly',
    });
  });
}
