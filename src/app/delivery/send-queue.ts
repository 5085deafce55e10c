import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { DueTask } from '../scheduling/run-due.ts';
import type { OutputWriters } from '../ports/outputs.ts';
import type { DeliveryEvent, DeliveryPatch, DeliveryRecord } from '../ports/deliveries.ts';
import type { MailServices, MailSession, SendOutcome } from '../ports/mail.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { AppError } from '../errors.ts';
import { classifySmtpFailure, MAX_SEND_ATTEMPTS, retryDelayMinutes } from '../../core/delivery/index.ts';
import { composeEmail } from './compose-email.ts';
import { smtpServerOf } from './smtp-settings.ts';
import { EMAIL_QUEUE, type EmailBatchJob } from './queue-email.ts';
import { raiseDeliveryEvent } from './delivery-events.ts';

/** Messages claimed and sent per round of a batch job. */
export const EMAIL_BATCH_SIZE = 50;
/** A claim older than this belongs to a worker that is gone: its message is tried again. */
export const STALE_CLAIM_MINUTES = 10;
/** A message whose PDF is still being rendered waits this long before it is looked at again. */
const RENDER_WAIT_MINUTES = 1;

const staleBefore = (asOf: Temporal.Instant) => asOf.subtract({ minutes: STALE_CLAIM_MINUTES }).toString();

export interface EmailWorker {
  deps: Deps;
  mail: MailServices;
  outputs: OutputWriters;
}

/**
 * The batch job: sends every message of a tenant that is due as of `asOf`. For each one the
 * claim (status `sending`, attempt counted, this job's id) commits before the SMTP dialog starts,
 * and the outcome commits after it, so a crash leaves a visible claim that the same job — retried
 * by the queue — or, later, any worker resumes with the same Message-ID (docs/adr/0011).
 */
export async function sendDueEmails(
  worker: EmailWorker,
  job: EmailBatchJob,
  jobId: string,
): Promise<{ sent: number; failed: number; retrying: number; waiting: number }> {
  const { deps, mail } = worker;
  const asOf = Temporal.Instant.from(job.asOf);
  const counts = { sent: 0, failed: 0, retrying: 0, waiting: 0 };
  const smtp = await deps.uow.run((s) => s.deliveries.getSmtp(job.tenantId));
  if (!smtp) return counts;
  let session: MailSession | null = null;
  try {
    for (;;) {
      const claimed = await deps.uow.run((s) =>
        s.deliveries.claimDue(job.tenantId, jobId, asOf.toString(), staleBefore(asOf), EMAIL_BATCH_SIZE),
      );
      if (claimed.length === 0) break;
      killPoint('email.claimed');
      for (const delivery of claimed) {
        const events: DeliveryEvent[] = [];
        if (delivery.resumed)
          events.push({
            at: asOf.toString(),
            event: 'interrupted',
            attempt: delivery.attempts - 1,
            detail: 'the worker stopped during this attempt; the message is sent again with the same Message-ID',
          });
        const composed = await composeEmail(deps, worker.outputs, mail.messages, delivery);
        if (!composed.ok && composed.wait) {
          await record(
            deps,
            delivery,
            {
              status: 'queued',
              attempts: delivery.attempts - 1,
              dueAt: asOf.add({ minutes: RENDER_WAIT_MINUTES }).toString(),
              claimedBy: null,
            },
            events,
          );
          counts.waiting += 1;
          continue;
        }
        if (!composed.ok) {
          await fail(deps, delivery, asOf, { code: composed.code, message: composed.message }, events);
          counts.failed += 1;
          continue;
        }
        events.push({ at: asOf.toString(), event: 'attempt', attempt: delivery.attempts });
        let outcome: SendOutcome;
        try {
          session ??= mail.transport.open(smtpServerOf(mail, smtp));
          outcome = await session.send(composed.message);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcome = { ok: false, responseCode: null, code: error.code, response: error.detail };
        }
        if (outcome.ok) {
          killPoint('email.sent-not-recorded');
          const rejected = outcome.rejected.length ? `; refused: ${outcome.rejected.join(', ')}` : '';
          events.push({
            at: asOf.toString(),
            event: 'sent',
            attempt: delivery.attempts,
            detail: outcome.response + rejected,
          });
          await record(
            deps,
            delivery,
            {
              status: 'sent',
              sentAt: asOf.toString(),
              smtpResponse: outcome.response,
              claimedBy: null,
              error: null,
            },
            events,
          );
          counts.sent += 1;
        } else if (
          outcome.code === 'SECRET_KEY_MISSING' ||
          outcome.code === 'SECRET_KEY_MISMATCH' ||
          classifySmtpFailure(outcome) === 'permanent' ||
          delivery.attempts >= MAX_SEND_ATTEMPTS
        ) {
          await fail(
            deps,
            delivery,
            asOf,
            {
              code: outcome.responseCode ? 'SMTP_REJECTED' : (outcome.code ?? 'SMTP_FAILED'),
              message:
                delivery.attempts >= MAX_SEND_ATTEMPTS && classifySmtpFailure(outcome) === 'temporary'
                  ? `gave up after ${delivery.attempts} attempts: ${outcome.response}`
                  : outcome.response,
              response: outcome.response,
            },
            events,
          );
          counts.failed += 1;
        } else {
          const next = asOf.add({ minutes: retryDelayMinutes(delivery.attempts) }).toString();
          events.push({
            at: asOf.toString(),
            event: 'retry_scheduled',
            attempt: delivery.attempts,
            code: outcome.responseCode ? String(outcome.responseCode) : (outcome.code ?? 'SMTP_FAILED'),
            detail: `${outcome.response}; next attempt at ${next}`,
          });
          await record(
            deps,
            delivery,
            {
              status: 'queued',
              dueAt: next,
              claimedBy: null,
              smtpResponse: outcome.response,
              error: { code: 'SMTP_TEMPORARY', message: outcome.response, response: outcome.response },
            },
            events,
          );
          counts.retrying += 1;
        }
      }
    }
  } finally {
    session?.close();
  }
  return counts;
}

/** Writes an attempt's outcome; a final one (sent, failed) raises its webhook event with it. */
const record = (deps: Deps, delivery: DeliveryRecord, patch: DeliveryPatch, events: DeliveryEvent[]) =>
  deps.uow.run(async (s) => {
    const after = await s.deliveries.update(delivery.tenantId, delivery.id, patch, events);
    if (patch.status === 'sent' || patch.status === 'failed') await raiseDeliveryEvent(s, deps.clock, after);
    return after;
  });

const fail = (
  deps: Deps,
  delivery: DeliveryRecord,
  asOf: Temporal.Instant,
  error: { code: string; message: string; response?: string },
  events: DeliveryEvent[],
) =>
  record(
    deps,
    delivery,
    {
      status: 'failed',
      failedAt: asOf.toString(),
      claimedBy: null,
      error: { code: error.code, message: error.message, response: error.response ?? null },
      smtpResponse: error.response ?? null,
    },
    [
      ...events,
      { at: asOf.toString(), event: 'failed', attempt: delivery.attempts, code: error.code, detail: error.message },
    ],
  );

/** The scheduler's part: one batch job per tenant with messages due (or stranded by a dead worker). */
export async function dispatchDueEmails(deps: Deps, asOf: Temporal.Instant): Promise<{ tenants: number }> {
  const tenantIds = await deps.uow.run((s) => s.deliveries.tenantsWithDue(asOf.toString(), staleBefore(asOf)));
  for (const tenantId of tenantIds)
    await deps.uow.run((s) =>
      s.jobs.enqueue(EMAIL_QUEUE, { tenantId, asOf: asOf.toString() } satisfies EmailBatchJob as never),
    );
  return { tenants: tenantIds.length };
}

export const emailQueueTask = (deps: Deps): DueTask => ({
  name: 'email.send-queue',
  run: (asOf) => dispatchDueEmails(deps, asOf),
});

/** The job handler the queue registers for EMAIL_QUEUE. */
export const emailBatchJob = (worker: EmailWorker) => async (data: Record<string, unknown>, job: { id: string }) => {
  await sendDueEmails(worker, data as unknown as EmailBatchJob, job.id);
};
