import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { MailSession, MailTransport, OutgoingMessage, SendOutcome, SmtpServer } from '../app/ports/mail.ts';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

// A server that hangs must not hold a batch for long: every phase of the dialog has a deadline,
// and a timeout counts as a temporary failure (retried with back-off).
const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 30_000 };

function optionsFor(server: SmtpServer, timeouts: SmtpTimeouts, pool: boolean): SMTPTransport.Options {
  return {
    host: server.host,
    port: server.port,
    secure: server.tls === 'implicit',
    requireTLS: server.tls === 'starttls',
    ignoreTLS: server.tls === 'none',
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    ...(pool ? { pool: true, maxConnections: 1, maxMessages: 100 } : {}),
  } as SMTPTransport.Options;
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** A nodemailer error as the delivery log keeps it: reply code, error code, and the server's words. */
function failureOf(error: unknown): SendOutcome {
  const e = error as NodemailerError;
  const certificate = /certificate|self[- ]signed|CERT_/i.test(`${e.code ?? ''} ${e.message}`);
  // nodemailer reports network errors as ESOCKET; the system's own code is more telling.
  const network = /\b(ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/.exec(
    e.message,
  )?.[1];
  return {
    ok: false,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
    code: certificate ? 'ECERT' : (network ?? e.code ?? null),
    response: (e.response ?? e.message).trim(),
  };
}

function mailOf(server: SmtpServer, message: OutgoingMessage) {
  return {
    from: server.fromName ? { name: server.fromName, address: server.fromAddress } : server.fromAddress,
    ...(server.replyTo ? { replyTo: server.replyTo } : {}),
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}

async function sendWith(
  transport: Transporter<SMTPTransport.SentMessageInfo>,
  server: SmtpServer,
  message: OutgoingMessage,
): Promise<SendOutcome> {
  try {
    const info = await transport.sendMail(mailOf(server, message));
    return {
      ok: true,
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    };
  } catch (error) {
    return failureOf(error);
  }
}

/** Email through nodemailer: one pooled connection per batch, closed when the batch ends. */
export function smtpTransport(timeouts: Partial<SmtpTimeouts> = {}): MailTransport {
  const limits = { ...DEFAULT_TIMEOUTS, ...timeouts };
  return {
    open(server): MailSession {
      const transport = nodemailer.createTransport(optionsFor(server, limits, true));
      return {
        send: (message) => sendWith(transport, server, message),
        close: () => transport.close(),
      };
    },
    async test(server, to) {
      const transport = nodemailer.createTransport(optionsFor(server, limits, false));
      try {
        return await sendWith(transport, server, {
          messageId: `<test-${Date.now().toString(36)}@${server.fromAddress.split('@')[1] ?? 'tollbook.invalid'}>`,
          to: [to],
          subject: 'Tollbook: test message',
          text: 'This message confirms that Tollbook can send email through these SMTP settings.',
          attachments: [],
        });
      } finally {
        transport.close();
      }
    },
  };
}
