import type { Deps } from '../deps.ts';
import type { CallContext, Clock } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DeliveryRecord } from '../ports/deliveries.ts';
import { conflict, invalid, notFound, refused } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { deliverySettingsOf, isEmailAddress, recipientsFor, sendSlotAfter } from '../../core/delivery/index.ts';
import { presentDelivery, type DeliveryOut } from './present-delivery.ts';
import { raiseDeliveryEvent } from './delivery-events.ts';

export const EMAIL_QUEUE = 'email.send';

/** A batch job: send what is due for one tenant as of an instant. */
export interface EmailBatchJob {
  tenantId: string;
  asOf: string;
}

/**
 * Queues one email of a document in the caller's transaction: the delivery row (with its
 * Message-ID), and — when the tenant sends at once — the job that sends it. A customer without
 * an address, or with one that is not an address, gets a `failed` delivery saying so: the
 * operator sees it on the document instead of a message that silently never left.
 */
export async function queueDocumentEmail(
  s: Session,
  clock: Clock,
  doc: DocumentRecord,
  trigger: DeliveryRecord['trigger'],
): Promise<DeliveryRecord> {
  const tenant = await s.tenancy.getTenant(doc.tenantId);
  const settings = deliverySettingsOf(tenant?.settings.delivery);
  const smtp = await s.deliveries.getSmtp(doc.tenantId);
  const customer = await s.customers.get(doc.tenantId, doc.customerId);
  const recipients = recipientsFor(
    settings.recipients,
    { email: customer?.email ?? null, billingEmails: customer?.billingEmails ?? [] },
    settings.staffEmails,
  );
  const now = clock.now();
  const id = newId('dlv');
  const domain = smtp?.fromAddress.split('@')[1] ?? 'tollbook.invalid';
  const bad = recipients.filter((r) => !isEmailAddress(r));
  const error =
    recipients.length === 0
      ? {
          code: 'NO_RECIPIENT',
          message: `customer ${doc.customerId} has no billing email and the recipient rule is "${settings.recipients}"`,
        }
      : bad.length > 0
        ? { code: 'INVALID_RECIPIENT', message: `not an email address: ${bad.join(', ')}` }
        : null;
  const at = now.toString();
  const dueAt = sendSlotAfter(now, settings.sendIntervalMinutes).toString();
  const delivery = await s.deliveries.insert({
    id,
    tenantId: doc.tenantId,
    documentId: doc.id,
    trigger,
    status: error ? 'failed' : 'queued',
    recipients,
    messageId: `<${id}@${domain}>`,
    dueAt,
    error,
    failedAt: error ? at : null,
    events: error
      ? [{ at, event: 'failed', code: error.code, detail: error.message }]
      : [{ at, event: 'queued', detail: `leaves at ${dueAt}` }],
  });
  if (error) await raiseDeliveryEvent(s, clock, delivery);
  if (!error && settings.sendIntervalMinutes === 0)
    await s.jobs.enqueue(EMAIL_QUEUE, { tenantId: doc.tenantId, asOf: dueAt } satisfies EmailBatchJob as never);
  return delivery;
}

/**
 * Called by the issue use case in its transaction: queues the document's email when the tenant
 * sends email (it has SMTP settings), sends this type automatically, and has recipients at all.
 */
export async function queueEmailOnIssue(s: Session, deps: Deps, doc: DocumentRecord): Promise<void> {
  if (!(await sendsOnIssue(s, doc.tenantId, doc.type))) return;
  await queueDocumentEmail(s, deps.clock, doc, 'issue');
}

/** Whether the tenant emails documents of the type when they are issued (and can: SMTP is set). */
export async function sendsOnIssue(s: Session, tenantId: string, type: DocumentRecord['type']): Promise<boolean> {
  const tenant = await s.tenancy.getTenant(tenantId);
  const settings = deliverySettingsOf(tenant?.settings.delivery);
  if (!settings.autoSend[type] || settings.recipients === 'none') return false;
  return (await s.deliveries.getSmtp(tenantId)) !== null;
}

/** "Send selected": queues one email per document (issued or cancelled, never a draft). */
export async function sendDocuments(deps: Deps, ctx: CallContext, documentIds: string[]): Promise<DeliveryOut[]> {
  if (documentIds.length === 0)
    throw invalid([{ field: 'documentIds', code: 'REQUIRED', message: 'name at least one document' }]);
  return deps.uow.run(async (s) => {
    if (!(await s.deliveries.getSmtp(ctx.tenantId)))
      throw refused('SMTP_NOT_CONFIGURED', 'there are no SMTP settings yet: PUT /api/v1/settings/smtp first');
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (deliverySettingsOf(tenant?.settings.delivery).recipients === 'none')
      throw refused('RECIPIENTS_NONE', 'the delivery settings send documents to nobody (recipients "none")');
    const out: DeliveryOut[] = [];
    for (const id of [...new Set(documentIds)]) {
      const doc = await s.documents.getDocument(ctx.tenantId, id);
      if (!doc) throw notFound('Document', id);
      if (doc.status === 'draft')
        throw conflict('DOCUMENT_NOT_ISSUED', `document ${id} is a draft: issue it before sending`, { documentId: id });
      const delivery = await queueDocumentEmail(s, deps.clock, doc, 'request');
      await recordChange(s, ctx, deps.clock, {
        objectType: 'document',
        objectId: id,
        action: 'send_requested',
        after: { deliveryId: delivery.id, status: delivery.status },
      });
      out.push(presentDelivery(delivery));
    }
    return out;
  });
}
