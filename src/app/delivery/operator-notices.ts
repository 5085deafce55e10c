import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { DeliveryError, OperatorNoticeRecord } from '../ports/deliveries.ts';
import type { MailServices } from '../ports/mail.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { classifySmtpFailure, deliverySettingsOf, isEmailAddress } from '../../core/delivery/index.ts';
import { smtpServerOf } from './smtp-settings.ts';

export const OPERATOR_NOTICE_QUEUE = 'operator-notice.send';

export interface OperatorNoticeJob {
  tenantId: string;
  noticeId: string;
}

export interface NoticeRequest {
  tenantId: string;
  subjectType: OperatorNoticeRecord['subjectType'];
  subjectId: string;
  event: OperatorNoticeRecord['event'];
  subject: string;
  body: string;
}

/**
 * Queues an email to the tenant's staff (delivery settings `staffEmails`) in the caller's
 * transaction, so the notice exists exactly when the work it reports on committed. Without SMTP
 * settings or staff addresses the notice is stored `skipped` with the reason, for the operator
 * who wonders why no email came. Once per subject and event: a retried job queues nothing new.
 */
export async function queueOperatorNotice(s: Session, req: NoticeRequest): Promise<void> {
  const tenant = await s.tenancy.getTenant(req.tenantId);
  const recipients = deliverySettingsOf(tenant?.settings.delivery).staffEmails;
  const smtp = await s.deliveries.getSmtp(req.tenantId);
  const bad = recipients.filter((r) => !isEmailAddress(r));
  const skip: DeliveryError | null = !smtp
    ? { code: 'SMTP_NOT_CONFIGURED', message: 'the tenant has no SMTP settings' }
    : recipients.length === 0
      ? { code: 'NO_STAFF_EMAIL', message: 'the delivery settings name no staff addresses (staffEmails)' }
      : bad.length > 0
        ? { code: 'INVALID_RECIPIENT', message: `not an email address: ${bad.join(', ')}` }
        : null;
  const id = newId('ntc');
  const notice = await s.deliveries.insertNotice({
    id,
    tenantId: req.tenantId,
    subjectType: req.subjectType,
    subjectId: req.subjectId,
    event: req.event,
    status: skip ? 'skipped' : 'queued',
    recipients,
    messageId: `<${id}@${smtp?.fromAddress.split('@')[1] ?? 'tollbook.invalid'}>`,
    subject: req.subject,
    body: req.body,
    error: skip,
  });
  if (notice?.status === 'queued')
    await s.jobs.enqueue(OPERATOR_NOTICE_QUEUE, { tenantId: req.tenantId, noticeId: id } satisfies OperatorNoticeJob, {
      singletonKey: id,
    });
}

/**
 * The job: sends one queued notice. A temporary SMTP failure throws, so the queue tries again
 * later; a permanent one, or settings that cannot be read, are recorded on the notice. A crash
 * after the server accepted and before the outcome is recorded sends it again with the same
 * Message-ID (at least once, never lost).
 */
export async function sendOperatorNotice(deps: Deps, mail: MailServices, job: OperatorNoticeJob): Promise<void> {
  const found = await deps.uow.run(async (s) => {
    const notice = await s.deliveries.getNotice(job.tenantId, job.noticeId);
    return notice?.status === 'queued' ? { notice, smtp: await s.deliveries.getSmtp(job.tenantId) } : null;
  });
  if (!found) return;
  const { notice, smtp } = found;
  const fail = (error: DeliveryError) =>
    deps.uow.run((s) =>
      s.deliveries.finishNotice(job.tenantId, notice.id, { status: 'failed', sentAt: null, smtpResponse: null, error }),
    );
  if (!smtp) return void (await fail({ code: 'SMTP_NOT_CONFIGURED', message: 'the SMTP settings were removed' }));
  let server;
  try {
    server = smtpServerOf(mail, smtp);
  } catch (error) {
    if (error instanceof AppError) return void (await fail({ code: error.code, message: error.detail }));
    throw error;
  }
  const session = mail.transport.open(server);
  let outcome;
  try {
    outcome = await session.send({
      messageId: notice.messageId,
      to: notice.recipients,
      subject: notice.subject,
      text: notice.body,
      attachments: [],
    });
  } finally {
    session.close();
  }
  killPoint('operator-notice.sent-not-recorded');
  if (outcome.ok) {
    await deps.uow.run((s) =>
      s.deliveries.finishNotice(job.tenantId, notice.id, {
        status: 'sent',
        sentAt: deps.clock.now().toString(),
        smtpResponse: outcome.response,
        error: null,
      }),
    );
    return;
  }
  if (classifySmtpFailure(outcome) === 'temporary')
    throw new Error(`operator notice ${notice.id}: temporary SMTP failure: ${outcome.response}`);
  await deps.uow.run((s) =>
    s.deliveries.finishNotice(job.tenantId, notice.id, {
      status: 'failed',
      sentAt: null,
      smtpResponse: outcome.response,
      error: { code: 'SMTP_REJECTED', message: outcome.response, response: outcome.response },
    }),
  );
}

/** After the last attempt of a notice that kept failing for a temporary reason. */
export async function giveUpOperatorNotice(deps: Deps, job: OperatorNoticeJob): Promise<void> {
  await deps.uow.run((s) =>
    s.deliveries.finishNotice(job.tenantId, job.noticeId, {
      status: 'failed',
      sentAt: null,
      smtpResponse: null,
      error: { code: 'SMTP_UNAVAILABLE', message: 'the SMTP server could not be reached on any attempt' },
    }),
  );
}
