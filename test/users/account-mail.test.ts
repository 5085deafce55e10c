import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { browserSession } from '../support/browser-session.ts';
import { closedPort, MailCatcher } from '../delivery/mail-catcher.ts';

// Invitations and password-reset links go out by email through the tenant's own SMTP server, as
// a full address people can open; without SMTP settings, or with a server that is down, the
// admin still gets the link in the answer and is told it was not emailed.

describe('Account links emailed through the tenant’s SMTP server', () => {
  let env: TestEnv;
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    env = await startTestEnv({ clock: '2026-11-30T09:00:00Z' });
    env.runtime.publicAddress.url = 'https://billing.acme-telecom.example/';
  });
  afterAll(async () => {
    await env.close();
    await catcher.close();
  });

  async function tenantSending(port: number | null) {
    const t = await env.newTenant({ name: 'Acme Telecom' });
    if (port !== null) {
      const smtp = await t.api('PUT', '/api/v1/settings/smtp', {
        host: '127.0.0.1',
        port,
        tls: 'none',
        from: 'billing@acme-telecom.example',
        fromName: 'Acme Telecom billing',
      });
      expect(smtp.status, smtp.raw).toBe(200);
    }
    return t;
  }

  /** The link in the one message sent to the address, and the token it carries. */
  function linkSentTo(address: string) {
    const sent = catcher.to(address);
    expect(sent).toHaveLength(1);
    const link = /https:\/\/billing\.acme-telecom\.example\/\S+/.exec(sent[0]!.text ?? '')?.[0];
    expect(link, sent[0]!.text).toBeDefined();
    return { message: sent[0]!, link: link!, path: link!.slice('https://billing.acme-telecom.example'.length) };
  }

  it('emails the invitation with a link that accepts it, and a reset link that sets a new password', async () => {
    const t = await tenantSending(catcher.port);
    const invited = await t.api('POST', '/api/v1/users', { email: 'ana@client.example', name: 'Ana', role: 'viewer' });
    expect(invited.status, invited.raw).toBe(201);
    expect(invited.body.invitation.emailed).toBe(true);
    const invitation = linkSentTo('ana@client.example');
    expect(invitation.message.subject).toBe('You are invited to Acme Telecom billing');
    expect(invitation.path).toBe(invited.body.invitation.path);
    const browser = browserSession(env.http);
    expect((await browser.accept(invitation.path, 'first password 1')).status).toBe(200);

    const anon = browserSession(env.http);
    expect((await anon.call('POST', '/api/v1/auth/password-reset', { email: 'ana@client.example' })).status).toBe(204);
    const reset = catcher.to('ana@client.example').find((m) => m.subject?.startsWith('Reset'));
    expect(reset?.text).toMatch(/https:\/\/billing\.acme-telecom\.example\/#\/reset-password\?token=/);
    const token = /token=([^\s&]+)/.exec(reset!.text!)![1]!;
    const confirmed = await anon.call('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'second password 2',
    });
    expect(confirmed.status).toBe(204);
    expect((await anon.signIn('ana@client.example', 'second password 2')).status).toBe(200);
  });

  it('writes in the tenant’s language', async () => {
    const t = await tenantSending(catcher.port);
    expect((await t.api('PATCH', '/api/v1/tenant', { locale: 'ru' })).status).toBe(200);
    const invited = await t.api('POST', '/api/v1/users', {
      email: 'ivan@client.example',
      name: 'Иван',
      role: 'viewer',
    });
    expect(invited.body.invitation.emailed).toBe(true);
    const { message } = linkSentTo('ivan@client.example');
    expect(message.subject).toBe('Приглашение в биллинг Acme Telecom');
    expect(message.text).toContain('Здравствуйте, Иван!');
  });

  it('hands the link to the admin, not emailed, without SMTP settings or when the server is down', async () => {
    for (const port of [null, await closedPort()]) {
      const t = await tenantSending(port);
      const email = `nobody-${port ?? 'none'}@client.example`;
      const invited = await t.api('POST', '/api/v1/users', { email, name: 'Nobody', role: 'viewer' });
      expect(invited.status, invited.raw).toBe(201);
      expect(invited.body.invitation).toMatchObject({
        emailed: false,
        path: expect.stringMatching(/accept-invitation/),
      });
      expect(catcher.to(email)).toHaveLength(0);
    }
  });
});
