import type { DocumentType } from '../documents/types.ts';
import { DOCUMENT_TYPES } from '../documents/types.ts';

/** Who receives a tenant's documents by email. */
export const RECIPIENT_RULES = ['customer', 'staff', 'both', 'none'] as const;
export type RecipientRule = (typeof RECIPIENT_RULES)[number];

/** Outputs besides the PDF that may ride along with a document's email. */
export interface DeliveryAttachments {
  xlsx: boolean;
  ubl: boolean;
}

/** One message template, Liquid source for the subject and the plain-text body. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

/** A tenant's delivery settings as every use case reads them: defaults filled in. */
export interface DeliverySettings {
  /** Queued messages leave in batches every N minutes; 0 sends each as soon as it is queued. */
  sendIntervalMinutes: number;
  /** Per document type: queue an email when a document of the type is issued. */
  autoSend: Record<DocumentType, boolean>;
  recipients: RecipientRule;
  staffEmails: string[];
  attachments: DeliveryAttachments;
  /** Operator's own subject/body per language ("en") or per type and language ("invoice.ru"). */
  messageTemplates: Record<string, MessageTemplate>;
}

// As in LanBilling: invoices, acts and VAT invoices go out on issue; proformas and the rest on request.
const AUTO_SEND_BY_DEFAULT: readonly DocumentType[] = ['invoice', 'act', 'vat_invoice'];

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  sendIntervalMinutes: 10,
  autoSend: Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, AUTO_SEND_BY_DEFAULT.includes(t)])) as Record<
    DocumentType,
    boolean
  >,
  recipients: 'customer',
  staffEmails: [],
  attachments: { xlsx: false, ubl: false },
  messageTemplates: {},
};

/** Stored settings (possibly partial, possibly from an older version) merged over the defaults. */
export function deliverySettingsOf(stored: unknown): DeliverySettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<DeliverySettings>;
  const d = DEFAULT_DELIVERY_SETTINGS;
  const interval = s.sendIntervalMinutes;
  return {
    sendIntervalMinutes: Number.isInteger(interval) && interval! >= 0 ? interval! : d.sendIntervalMinutes,
    autoSend: { ...d.autoSend, ...(s.autoSend ?? {}) },
    recipients: RECIPIENT_RULES.includes(s.recipients as RecipientRule) ? s.recipients! : d.recipients,
    staffEmails: Array.isArray(s.staffEmails) ? s.staffEmails.filter((e) => typeof e === 'string') : d.staffEmails,
    attachments: { ...d.attachments, ...(s.attachments ?? {}) },
    messageTemplates: s.messageTemplates && typeof s.messageTemplates === 'object' ? s.messageTemplates : {},
  };
}
