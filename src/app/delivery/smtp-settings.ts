import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { SmtpSettingsRecord } from '../ports/deliveries.ts';
import type { MailServices, SendOutcome, SmtpServer } from '../ports/mail.ts';
import { invalid, refused, refusedField, type FieldError } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { isEmailAddress } from '../../core/delivery/recipients.ts';

export type TlsMode = SmtpSettingsRecord['tls'];

export interface SmtpSettingsInput {
  host: string;
  port: number;
  /** none | starttls | implicit; DESIGN's `secure` boolean means implicit (true) or STARTTLS when offered (false). */
  tls?: TlsMode | undefined;
  secure?: boolean | undefined;
  user?: string | null | undefined;
  /** Omitted: keep the stored password; null: remove it. */
  password?: string | null | undefined;
  from: string;
  fromName?: string | null | undefined;
  replyTo?: string | null | undefined;
}

/** What the API shows: never the password, only whether one is stored. */
export interface SmtpSettingsOut {
  host: string;
  port: number;
  tls: TlsMode;
  secure: boolean;
  user: string | null;
  passwordSet: boolean;
  from: string;
  fromName: string | null;
  replyTo: string | null;
  updatedAt: string;
}

const present = (r: SmtpSettingsRecord): SmtpSettingsOut => ({
  host: r.host,
  port: r.port,
  tls: r.tls,
  secure: r.tls === 'implicit',
  user: r.user,
  passwordSet: r.passwordCiphertext !== null,
  from: r.fromAddress,
  fromName: r.fromName,
  replyTo: r.replyTo,
  updatedAt: r.updatedAt,
});

export async function getSmtpSettings(deps: Deps, ctx: CallContext): Promise<SmtpSettingsOut | null> {
  const row = await deps.uow.run((s) => s.deliveries.getSmtp(ctx.tenantId));
  return row ? present(row) : null;
}

export async function putSmtpSettings(
  deps: Deps,
  mail: MailServices,
  ctx: CallContext,
  input: SmtpSettingsInput,
): Promise<SmtpSettingsOut> {
  const errors: FieldError[] = [];
  if (!isEmailAddress(input.from))
    errors.push({ field: 'from', code: 'INVALID_EMAIL', message: `${input.from} is not an email address` });
  if (input.replyTo && !isEmailAddress(input.replyTo))
    errors.push({ field: 'replyTo', code: 'INVALID_EMAIL', message: `${input.replyTo} is not an email address` });
  if (errors.length) throw invalid(errors);
  const tls: TlsMode =
    input.tls ?? (input.secure === true ? 'implicit' : input.secure === false ? 'starttls' : 'starttls');
  if (input.password && !mail.secrets.available)
    throw refusedField(
      'SECRET_KEY_MISSING',
      'password',
      'no encryption key is configured, so the password cannot be stored: set TOLLBOOK_SECRET_KEY (see docs/delivery.md)',
      'set TOLLBOOK_SECRET_KEY first',
    );
  return deps.uow.run(async (s) => {
    const before = await s.deliveries.getSmtp(ctx.tenantId);
    const passwordCiphertext =
      input.password === undefined
        ? (before?.passwordCiphertext ?? null)
        : input.password === null || input.password === ''
          ? null
          : mail.secrets.seal(input.password);
    const after = await s.deliveries.putSmtp({
      tenantId: ctx.tenantId,
      host: input.host,
      port: input.port,
      tls,
      user: input.user ?? null,
      passwordCiphertext,
      fromAddress: input.from,
      fromName: input.fromName ?? null,
      replyTo: input.replyTo ?? null,
    });
    // The audit trail shows what changed, never the secret itself.
    await recordChange(s, ctx, deps.clock, {
      objectType: 'smtp_settings',
      objectId: ctx.tenantId,
      action: before ? 'updated' : 'created',
      before: before ? present(before) : null,
      after: present(after),
    });
    return present(after);
  });
}

/** The stored settings with the password decrypted, for one send or test. */
export function smtpServerOf(mail: MailServices, row: SmtpSettingsRecord): SmtpServer {
  let password: string | null = null;
  if (row.passwordCiphertext) {
    if (!mail.secrets.available)
      throw refused('SECRET_KEY_MISSING', 'the SMTP password is stored encrypted and no key is configured to read it');
    try {
      password = mail.secrets.open(row.passwordCiphertext);
    } catch {
      throw refused(
        'SECRET_KEY_MISMATCH',
        'the stored SMTP password cannot be decrypted with the configured key: enter the password again',
      );
    }
  }
  const { tenantId: _t, passwordCiphertext: _p, updatedAt: _u, ...rest } = row;
  return { ...rest, password };
}

export interface SmtpTestOut {
  delivered: boolean;
  /** The server's last answer (or the transport's error). */
  response: string;
  responseCode: number | null;
  code: string | null;
  messageId: string | null;
}

/** Sends a short message through the stored settings and reports what the server answered. */
export async function testSmtpSettings(
  deps: Deps,
  mail: MailServices,
  ctx: CallContext,
  to: string,
): Promise<SmtpTestOut> {
  if (!isEmailAddress(to))
    throw invalid([{ field: 'to', code: 'INVALID_EMAIL', message: `${to} is not an email address` }]);
  const row = await deps.uow.run((s) => s.deliveries.getSmtp(ctx.tenantId));
  if (!row) throw refused('SMTP_NOT_CONFIGURED', 'there are no SMTP settings yet: PUT /api/v1/settings/smtp first');
  const outcome: SendOutcome = await mail.transport.test(smtpServerOf(mail, row), to);
  return outcome.ok
    ? { delivered: true, response: outcome.response, responseCode: null, code: null, messageId: outcome.messageId }
    : {
        delivered: false,
        response: outcome.response,
        responseCode: outcome.responseCode,
        code: outcome.code,
        messageId: null,
      };
}
