import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { OutputWriters } from '../ports/outputs.ts';
import type { DeliveryRecord } from '../ports/deliveries.ts';
import type { MessageRenderer, OutgoingMessage } from '../ports/mail.ts';
import { AppError } from '../errors.ts';
import { systemActor } from '../context.ts';
import { documentPdf } from '../documents/queries.ts';
import { renderWaitingForView } from '../documents/render-document.ts';
import { documentXlsx } from '../documents/document-xlsx.ts';
import { documentEInvoice } from '../documents/einvoice.ts';
import { deliverySettingsOf } from '../../core/delivery/index.ts';
import { attachmentName, messageLanguageOf, typeNameOf } from './document-email.ts';

/** Why a message could not be put together: `wait` when the PDF is still being rendered. */
export type ComposeResult =
  | { ok: true; message: OutgoingMessage }
  | { ok: false; wait: true }
  | { ok: false; wait: false; code: string; message: string };

/**
 * The message of one delivery: subject and body in the customer's language from the tenant's
 * templates (or the built-in ones), and the attachments taken from the very functions that serve
 * the downloads, so that they are byte for byte what GET /documents/{id}/pdf|xlsx|ubl returns.
 */
export async function composeEmail(
  deps: Deps,
  outputs: OutputWriters,
  messages: MessageRenderer,
  delivery: DeliveryRecord,
): Promise<ComposeResult> {
  const ctx: CallContext = { tenantId: delivery.tenantId, actor: systemActor, role: 'admin' };
  const facts = await deps.uow.run(async (s) => ({
    doc: await s.documents.getDocument(delivery.tenantId, delivery.documentId),
    tenant: await s.tenancy.getTenant(delivery.tenantId),
  }));
  const { doc, tenant } = facts;
  if (!doc) return { ok: false, wait: false, code: 'DOCUMENT_MISSING', message: 'the document no longer exists' };
  if (doc.renderStatus === 'failed')
    return { ok: false, wait: false, code: 'PDF_UNAVAILABLE', message: `the PDF failed to render: ${doc.renderError}` };
  if (doc.renderStatus === 'on_view') {
    // Sending is the document's first view: its PDF is rendered now and the message waits for it.
    await renderWaitingForView(deps, doc.tenantId, doc.id);
    return { ok: false, wait: true };
  }
  const settings = deliverySettingsOf(tenant?.settings.delivery);
  const attachments: OutgoingMessage['attachments'] = [];
  try {
    const pdf = await documentPdf(deps, ctx, doc.id);
    attachments.push({
      filename: attachmentName(doc.number, doc.id, 'pdf'),
      contentType: 'application/pdf',
      content: pdf.content,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PDF_NOT_READY') return { ok: false, wait: true };
    throw error;
  }
  try {
    if (settings.attachments.xlsx) {
      const xlsx = await documentXlsx(deps, outputs, ctx, doc.id);
      attachments.push({
        filename: attachmentName(doc.number, doc.id, 'xlsx'),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: xlsx.content,
      });
    }
    if (settings.attachments.ubl && (doc.type === 'invoice' || doc.type === 'credit_note')) {
      const { document, profile } = await documentEInvoice(deps, ctx, doc.id, 'auto');
      attachments.push({
        filename: attachmentName(doc.number, doc.id, 'xml'),
        contentType: 'application/xml',
        content: Buffer.from(outputs.ubl(document, profile), 'utf8'),
      });
    }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, wait: false, code: error.code, message: error.detail };
    throw error;
  }
  const customer = await deps.uow.run((s) => s.customers.get(doc.tenantId, doc.customerId));
  const language = messageLanguageOf(customer?.language);
  const template =
    settings.messageTemplates[`${doc.type}.${language}`] ??
    settings.messageTemplates[language] ??
    messages.builtin(language);
  const values = {
    document: {
      id: doc.id,
      type: doc.type,
      typeName: typeNameOf(doc.type, language),
      number: doc.number,
      status: doc.status,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      periodStart: doc.periodStart,
      periodEnd: doc.periodEnd,
      currency: doc.currency,
      total: doc.total,
    },
    customer: { name: doc.recipient?.name ?? customer?.name ?? '', language },
    sender: { name: doc.sender?.name ?? tenant?.name ?? '' },
    language,
  };
  try {
    const { subject, text } = await messages.render(template, values);
    return {
      ok: true,
      message: { messageId: delivery.messageId, to: delivery.recipients, subject, text, attachments },
    };
  } catch (error) {
    return { ok: false, wait: false, code: 'TEMPLATE_FAILED', message: (error as Error).message };
  }
}
