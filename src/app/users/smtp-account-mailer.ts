import type { Deps } from '../deps.ts';
import type { AccountMailer, AccountMessage } from '../ports/account-mail.ts';
import type { MailServices } from '../ports/mail.ts';
import { newId } from '../ids.ts';
import { smtpServerOf } from '../delivery/smtp-settings.ts';

/** Where the emailed links point: set once serving starts, or fixed by TOLLBOOK_PUBLIC_URL. */
export interface PublicAddress {
  url: string | null;
}

type Words = Record<AccountMessage['kind'], { subject: (tenant: string) => string; body: string }>;

const words: Record<'en' | 'ru', Words & { expires: string; hello: string }> = {
  en: {
    hello: 'Hello',
    expires: 'The link works once, until',
    invitation: {
      subject: (tenant) => `You are invited to ${tenant} billing`,
      body: 'You have been invited to Tollbook. Open this link to choose your password:',
    },
    password_reset: {
      subject: (tenant) => `Reset your ${tenant} billing password`,
      body: 'Someone asked to reset your password. If it was you, open this link to choose a new one; if not, ignore this message:',
    },
  },
  ru: {
    hello: 'Здравствуйте',
    expires: 'Ссылка действует один раз, до',
    invitation: {
      subject: (tenant) => `Приглашение в биллинг ${tenant}`,
      body: 'Вас пригласили в Tollbook. Откройте ссылку, чтобы задать пароль:',
    },
    password_reset: {
      subject: (tenant) => `Сброс пароля в биллинге ${tenant}`,
      body: 'Запрошен сброс вашего пароля. Если это были вы, откройте ссылку и задайте новый; если нет, проигнорируйте это письмо:',
    },
  },
};

/**
 * Emails invitation and password-reset links through the tenant's own SMTP settings, at once and
 * not through the send queue: the link holds a secret that is stored only as a hash, so it must
 * not wait in a job's data. A tenant without SMTP settings, a server that refuses, or no known
 * public address answers `false`, and the admin hands the link out instead (it is in the answer).
 */
export function smtpAccountMailer(deps: Deps, mail: MailServices, address: PublicAddress): AccountMailer {
  return {
    async send(message) {
      if (!address.url) return false;
      const found = await deps.uow.run(async (s) => ({
        smtp: await s.deliveries.getSmtp(message.tenantId),
        tenant: await s.tenancy.getTenant(message.tenantId),
      }));
      if (!found.smtp || !found.tenant) return false;
      let server;
      try {
        server = smtpServerOf(mail, found.smtp);
      } catch {
        return false;
      }
      const w = words[found.tenant.locale === 'ru' ? 'ru' : 'en'];
      const link = `${address.url.replace(/\/+$/, '')}${message.path}`;
      const session = mail.transport.open(server);
      try {
        const outcome = await session.send({
          messageId: `<${newId('acm')}@${found.smtp.fromAddress.split('@')[1] ?? 'tollbook.invalid'}>`,
          to: [message.to],
          subject: w[message.kind].subject(found.tenant.name),
          text: `${w.hello}, ${message.name}!\n\n${w[message.kind].body}\n\n${link}\n\n${w.expires} ${message.expiresAt}.\n`,
          attachments: [],
        });
        return outcome.ok;
      } finally {
        session.close();
      }
    },
  };
}
