import type { Page, PageRequest } from './audit.ts';

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One step in a delivery's life, kept in order on the delivery (its log). */
export interface DeliveryEvent {
  at: string;
  event: 'queued' | 'attempt' | 'sent' | 'retry_scheduled' | 'interrupted' | 'failed';
  attempt?: number;
  code?: string;
  detail?: string;
}

export interface DeliveryError {
  code: string;
  message: string;
  /** The SMTP server's reply, when it gave one. */
  response?: string | null;
}

/**
 * One request to email one document: made when the document is issued (autoSend) or when someone
 * asks for it. Its Message-ID is fixed when it is queued, so every attempt — including one after
 * a crash — carries the same id, and receivers can tell a repeat from a new message.
 */
export interface DeliveryRecord {
  id: string;
  tenantId: string;
  documentId: string;
  channel: 'email';
  trigger: 'issue' | 'request';
  status: DeliveryStatus;
  recipients: string[];
  messageId: string;
  attempts: number;
  dueAt: string;
  /** The job that holds the claim while status is `sending`; a later run of that same job resumes it. */
  claimedBy: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  failedAt: string | null;
  smtpResponse: string | null;
  error: DeliveryError | null;
  events: DeliveryEvent[];
  createdAt: string;
  updatedAt: string;
}

export type NewDelivery = Pick<
  DeliveryRecord,
  'id' | 'tenantId' | 'documentId' | 'trigger' | 'status' | 'recipients' | 'messageId' | 'dueAt' | 'error' | 'events'
> & { failedAt: string | null };

export type DeliveryPatch = Partial<
  Pick<
    DeliveryRecord,
    | 'status'
    | 'attempts'
    | 'dueAt'
    | 'claimedBy'
    | 'claimedAt'
    | 'sentAt'
    | 'failedAt'
    | 'smtpResponse'
    | 'error'
    | 'recipients'
  >
>;

/** A tenant's outgoing mail server; the password only ever as ciphertext. */
export interface SmtpSettingsRecord {
  tenantId: string;
  host: string;
  port: number;
  tls: 'none' | 'starttls' | 'implicit';
  user: string | null;
  passwordCiphertext: string | null;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
  updatedAt: string;
}

export const OPERATOR_NOTICE_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type OperatorNoticeStatus = (typeof OPERATOR_NOTICE_STATUSES)[number];

/**
 * An email to the operator's staff about long work, such as a bill run that started or ended:
 * one per subject and event. `skipped` says why nothing was sent (no SMTP settings, no staff
 * address), so the operator reading the run knows the silence is not a lost message.
 */
export interface OperatorNoticeRecord {
  id: string;
  tenantId: string;
  subjectType: 'bill_run';
  subjectId: string;
  event: 'started' | 'finished';
  status: OperatorNoticeStatus;
  recipients: string[];
  messageId: string;
  subject: string;
  body: string;
  sentAt: string | null;
  smtpResponse: string | null;
  error: DeliveryError | null;
  createdAt: string;
}

export type NewOperatorNotice = Omit<OperatorNoticeRecord, 'sentAt' | 'smtpResponse' | 'createdAt'>;

export interface DeliveriesRepo {
  insert(delivery: NewDelivery): Promise<DeliveryRecord>;
  get(tenantId: string, id: string): Promise<DeliveryRecord | null>;
  listForDocument(tenantId: string, documentId: string, page: PageRequest): Promise<Page<DeliveryRecord>>;
  /**
   * Takes up to `limit` deliveries that may be sent now, marking them `sending` for `jobId`:
   * queued ones due by `asOf`, ones this same job claimed on an earlier run (it died meanwhile),
   * and ones whose claim is older than `staleBefore`. Claimed rows are skipped by other workers.
   */
  claimDue(
    tenantId: string,
    jobId: string,
    asOf: string,
    staleBefore: string,
    limit: number,
  ): Promise<Array<DeliveryRecord & { resumed: boolean }>>;
  /** Updates a delivery and appends events to its log. */
  update(tenantId: string, id: string, patch: DeliveryPatch, events?: DeliveryEvent[]): Promise<DeliveryRecord>;
  /** Tenants having a delivery to send by `asOf` (queued and due, or claimed before `staleBefore`). */
  tenantsWithDue(asOf: string, staleBefore: string): Promise<string[]>;
  getSmtp(tenantId: string): Promise<SmtpSettingsRecord | null>;
  /** Stores a notice once per subject and event: null when that notice exists already. */
  insertNotice(notice: NewOperatorNotice): Promise<OperatorNoticeRecord | null>;
  getNotice(tenantId: string, id: string): Promise<OperatorNoticeRecord | null>;
  /** Records how sending ended, for a notice still `queued`; false when it was not queued. */
  finishNotice(
    tenantId: string,
    id: string,
    outcome: Pick<OperatorNoticeRecord, 'status' | 'sentAt' | 'smtpResponse' | 'error'>,
  ): Promise<boolean>;
  noticesOf(tenantId: string, subjectId: string): Promise<OperatorNoticeRecord[]>;
  putSmtp(settings: Omit<SmtpSettingsRecord, 'updatedAt'>): Promise<SmtpSettingsRecord>;
}
