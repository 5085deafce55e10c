import { z } from 'zod';
import { idParams, Instant, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { DOCUMENT_TYPES } from '../../core/documents/types.ts';
import { RECIPIENT_RULES } from '../../core/delivery/settings.ts';
import { DELIVERY_STATUSES } from '../../app/ports/deliveries.ts';

const tags = ['delivery'];
const email = z.string().min(3).max(254);
const TLS_MODES = ['none', 'starttls', 'implicit'] as const;

export const smtpSettingsBody = z
  .object({
    host: z.string().min(1).max(255),
    port: z.int().min(1).max(65535),
    tls: z.enum(TLS_MODES).optional().meta({
      description: 'none: plain; starttls: upgrade required (default); implicit: TLS from the first byte (port 465)',
    }),
    secure: z.boolean().optional().meta({ description: 'Shorthand: true = tls "implicit", false = tls "starttls"' }),
    user: z.string().max(255).nullable().optional(),
    password: z.string().max(1000).nullable().optional().meta({
      description: 'Stored encrypted (AES-256-GCM), never returned; omit to keep the stored one, null to remove it',
    }),
    from: email.meta({ description: 'Sender address' }),
    fromName: z.string().max(200).nullable().optional(),
    replyTo: email.nullable().optional(),
  })
  .strict();

export const SmtpSettings = z
  .object({
    host: z.string(),
    port: z.int(),
    tls: z.enum(TLS_MODES),
    secure: z.boolean(),
    user: z.string().nullable(),
    passwordSet: z.boolean().meta({ description: 'Whether a password is stored (it is never shown)' }),
    from: z.string(),
    fromName: z.string().nullable(),
    replyTo: z.string().nullable(),
    updatedAt: Instant,
  })
  .meta({ id: 'SmtpSettings', description: "The tenant's outgoing mail server" });

export const SmtpTestResult = z
  .object({
    delivered: z.boolean(),
    response: z.string().meta({ description: "The server's answer (or the connection error)" }),
    responseCode: z.int().nullable(),
    code: z.string().nullable().meta({ description: 'ECONNREFUSED, ETIMEDOUT, EAUTH, ECERT, EENVELOPE…' }),
    messageId: z.string().nullable(),
  })
  .meta({ id: 'SmtpTestResult' });

const typeFlags = z.object(
  Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, z.boolean()])) as Record<string, z.ZodBoolean>,
);
const template = z.object({ subject: z.string().max(2000), body: z.string().max(20000) }).strict();

export const deliverySettingsBody = z
  .object({
    sendIntervalMinutes: z.int().min(0).max(1440).optional().meta({
      description: 'Queued emails leave in batches every N minutes (default 10); 0 sends each at once',
    }),
    autoSend: typeFlags.partial().strict().optional().meta({
      description: 'Per document type: email it when issued (invoice, act, vat_invoice on by default)',
    }),
    recipients: z.enum(RECIPIENT_RULES).optional().meta({
      description: "customer: the customer's billing emails; staff: staffEmails; both; none",
    }),
    staffEmails: z.array(email).max(50).optional(),
    attachments: z.object({ xlsx: z.boolean().optional(), ubl: z.boolean().optional() }).strict().optional().meta({
      description: 'Outputs attached besides the PDF',
    }),
    messageTemplates: z.record(z.string().max(40), template).optional().meta({
      description:
        'Liquid subject and body per language ("en", "ru") or per type and language ("invoice.ru"); variables document.*, customer.name, sender.name',
    }),
  })
  .strict();

export const DeliverySettings = z
  .object({
    sendIntervalMinutes: z.int(),
    autoSend: typeFlags,
    recipients: z.enum(RECIPIENT_RULES),
    staffEmails: z.array(z.string()),
    attachments: z.object({ xlsx: z.boolean(), ubl: z.boolean() }),
    messageTemplates: z.record(z.string(), z.object({ subject: z.string(), body: z.string() })),
  })
  .meta({ id: 'DeliverySettings' });

export const Delivery = z
  .object({
    id: z.string(),
    documentId: z.string(),
    channel: z.enum(['email']),
    trigger: z.enum(['issue', 'request']),
    status: z
      .enum(DELIVERY_STATUSES)
      .meta({ description: 'queued → sending → sent | failed (queued again between retries)' }),
    recipients: z.array(z.string()),
    messageId: z.string().meta({ description: 'The Message-ID every attempt of this delivery carries' }),
    attempts: z.int(),
    nextAttemptAt: Instant.nullable(),
    sentAt: Instant.nullable(),
    failedAt: Instant.nullable(),
    response: z.string().nullable().meta({ description: "The SMTP server's last answer" }),
    error: z
      .object({ code: z.string(), message: z.string(), response: z.string().nullable().optional() })
      .nullable()
      .meta({ description: 'NO_RECIPIENT, INVALID_RECIPIENT, SMTP_REJECTED, SMTP_TEMPORARY, TEMPLATE_FAILED, ECERT…' }),
    events: z.array(
      z.object({
        at: Instant,
        event: z.enum(['queued', 'attempt', 'sent', 'retry_scheduled', 'interrupted', 'failed']),
        attempt: z.int().optional(),
        code: z.string().optional(),
        detail: z.string().optional(),
      }),
    ),
    createdAt: Instant,
  })
  .meta({ id: 'Delivery', description: 'One request to email a document, and its log' });

export const getSmtpSettingsSchema = {
  operationId: 'getSmtpSettings',
  summary: "The tenant's outgoing mail server (without the password)",
  tags,
  response: { 200: json(SmtpSettings, 'The settings'), ...problems(404) },
};
export const putSmtpSettingsSchema = {
  operationId: 'putSmtpSettings',
  summary: 'Set the outgoing mail server',
  description:
    'The password is encrypted with the key from TOLLBOOK_SECRET_KEY (see docs/delivery.md); 422 SECRET_KEY_MISSING when no key is configured.',
  tags,
  body: smtpSettingsBody,
  response: { 200: json(SmtpSettings, 'The settings'), ...problems(422) },
};
export const testSmtpSettingsSchema = {
  operationId: 'testSmtpSettings',
  summary: 'Send a test message and report what the server answered',
  tags,
  body: z.object({ to: email }).strict(),
  response: { 200: json(SmtpTestResult, 'What happened'), ...problems(422) },
};
export const getDeliverySettingsSchema = {
  operationId: 'getDeliverySettings',
  summary: 'How documents are emailed: interval, automatic sending, recipients',
  tags,
  response: { 200: json(DeliverySettings, 'The settings (defaults filled in)'), ...problems() },
};
export const putDeliverySettingsSchema = {
  operationId: 'putDeliverySettings',
  summary: 'Change how documents are emailed (fields left out keep their values)',
  tags,
  body: deliverySettingsBody,
  response: { 200: json(DeliverySettings, 'The settings'), ...problems() },
};
export const sendDocumentSchema = {
  operationId: 'sendDocument',
  summary: 'Queue an email of the document',
  description:
    'Answers 202 with the delivery; the queue sends it at the next interval. A customer without an address gives a failed delivery with code NO_RECIPIENT. 422 SMTP_NOT_CONFIGURED, RECIPIENTS_NONE; 409 DOCUMENT_NOT_ISSUED.',
  tags,
  headers: idempotencyHeaders,
  params: idParams,
  response: { 202: json(Delivery, 'Queued'), ...problems(404, 409, 422) },
};
export const sendDocumentsSchema = {
  operationId: 'sendDocuments',
  summary: 'Queue emails of several documents ("send selected")',
  tags,
  headers: idempotencyHeaders,
  body: z.object({ documentIds: z.array(z.string().min(1).max(100)).min(1).max(1000) }).strict(),
  response: {
    202: json(z.object({ data: z.array(Delivery) }).meta({ id: 'DeliveryBatch' }), 'Queued'),
    ...problems(404, 409, 422),
  },
};
export const listDeliveriesSchema = {
  operationId: 'listDocumentDeliveries',
  summary: 'The delivery log of a document',
  tags,
  params: idParams,
  querystring: z.object(pageQuery).strict(),
  response: { 200: json(listOf(Delivery, 'DeliveryList'), 'Deliveries, oldest first'), ...problems(404) },
};
