import type { SmtpFailure } from '../../core/delivery/smtp-failure.ts';
import type { SmtpSettingsRecord } from './deliveries.ts';

/** The server to send through, password in clear: built for one batch, never stored or logged. */
export type SmtpServer = Omit<SmtpSettingsRecord, 'passwordCiphertext' | 'updatedAt' | 'tenantId'> & {
  password: string | null;
};

export interface OutgoingMessage {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export type SendOutcome =
  | { ok: true; messageId: string; accepted: string[]; rejected: string[]; response: string }
  | ({ ok: false } & SmtpFailure);

/** A connection (pool) to one SMTP server, open for a batch of messages. */
export interface MailSession {
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close(): void;
}

export interface MailTransport {
  open(server: SmtpServer): MailSession;
  /** Connects, greets and authenticates, then sends a short test message. */
  test(server: SmtpServer, to: string): Promise<SendOutcome>;
}

/** Encrypts secrets kept at rest (the SMTP password); null when no key is configured. */
export interface SecretBox {
  readonly available: boolean;
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Subject and body of a document email, rendered from Liquid in a bounded sandbox. */
export interface MessageRenderer {
  /** Checks a template at save time: the first problem, or null. */
  check(source: string): string | null;
  render(
    template: { subject: string; body: string },
    values: Record<string, unknown>,
  ): Promise<{ subject: string; text: string }>;
  /** The built-in template of a language (en, ru), for document types without their own. */
  builtin(language: 'en' | 'ru'): { subject: string; body: string };
}

/** Everything email delivery needs besides the database; wired in main.ts. */
export interface MailServices {
  transport: MailTransport;
  secrets: SecretBox;
  messages: MessageRenderer;
}
