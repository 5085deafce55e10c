import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { browserSession, tokenOf } from '../support/browser-session.ts';
import { MailCatcher } from '../delivery/mail-catcher.ts';

// Staff sign in to the web app with a password; the session cookie carries the same roles as API
// keys, unsafe requests need the session's CSRF token, and every change names the user.

describe('Staff users: invitation, sign-in, sessions and roles', () => {
  let env: TestEnv;
  let admin: ApiClient;
  let catcher: MailCatcher;
  const site = 'http://127.0.0.1:3000';

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-11-30T09:00:00Z' });
    admin = (await env.newTenant()).api;
    // Links go out by email through a real SMTP server on loopback.
    catcher = await MailCatcher.start();
    env.runtime.publicAddress.url = site;
    const smtp = await admin('PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: catcher.port,
      tls: 'none',
      from: 'billing@costa.example',
    });
    expect(smtp.status, smtp.raw).toBe(200);
  });
  afterAll(async () => {
    await env.close();
    await catcher.close();
  });

  /** The paths of the links emailed to an address, oldest first. */
  const linksTo = (address: string, kind: 'accept-invitation' | 'reset-password') =>
    catcher
      .to(address)
      .map((m) => new RegExp(`${site}(/#/${kind}\\?token=\\S+)`).exec(m.text ?? '')?.[1])
      .filter((path): path is string => path !== undefined);

  async function invite(email: string, role: string, password = 'correct horse battery') {
    const invited = await admin('POST', '/api/v1/users', { email, name: `User ${email}`, role });
    expect(invited.status, invited.raw).toBe(201);
    const browser = browserSession(env.http);
    const accepted = await browser.accept(invited.body.invitation.path, password);
    expect(accepted.status).toBe(200);
    return { browser, user: invited.body.user, invitation: invited.body.invitation };
  }

  it('invites a user, hands the link to the admin and emails it, then signs the user in on acceptance', async () => {
    const { browser, user, invitation } = await invite('Ana@Costa.example', 'accountant');
    expect(user).toMatchObject({ email: 'ana@costa.example', status: 'invited', role: 'accountant', kind: 'staff' });
    expect(invitation.path).toMatch(/^\/#\/accept-invitation\?token=/);
    expect(invitation.emailed).toBe(true);
    expect(linksTo('ana@costa.example', 'accept-invitation')).toEqual([invitation.path]);
    const me = await browser.call('GET', '/api/v1/auth/session');
    expect(me.body.user).toMatchObject({ id: user.id, status: 'active' });
    // The link was used up.
    const again = await browserSession(env.http).accept(invitation.path, 'another password 1');
    expect(again).toMatchObject({ status: 422, body: { code: 'LINK_INVALID' } });
  });

  it('sets an HttpOnly, SameSite cookie, Secure everywhere but loopback', async () => {
    await invite('cookie@costa.example', 'viewer', 'cookie password 1');
    const res = await env.http.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: '10.9.9.9',
      headers: { host: 'billing.costa.example' },
      payload: { email: 'cookie@costa.example', password: 'cookie password 1' },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const local = await browserSession(env.http).signIn('cookie@costa.example', 'cookie password 1');
    expect(String(local.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('applies the same role checks as API keys and names the user in the audit trail', async () => {
    const { browser: accountant, user } = await invite('acc@costa.example', 'accountant');
    const created = await accountant.call('POST', '/api/v1/customers', { name: 'Made by a person SL' });
    expect(created.status).toBe(201);
    const events = await admin('GET', `/api/v1/audit-events?objectId=${created.body.id}`);
    expect(events.body.data[0]).toMatchObject({ actorType: 'user', actorId: user.id, action: 'created' });
    const { browser: viewer } = await invite('viewer@costa.example', 'viewer');
    expect((await viewer.call('GET', '/api/v1/customers')).status).toBe(200);
    const refused = await viewer.call('POST', '/api/v1/customers', { name: 'Nope' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await accountant.call('GET', '/api/v1/users')).status).toBe(403);
  });

  it('refuses a cookie-authenticated change without the CSRF token or with another session’s', async () => {
    const { browser: a } = await invite('csrf-a@costa.example', 'accountant');
    const { browser: b } = await invite('csrf-b@costa.example', 'accountant');
    const missing = await a.call('POST', '/api/v1/customers', { name: 'X' }, { 'x-csrf-token': '' });
    expect(missing).toMatchObject({ status: 403, body: { code: 'CSRF_TOKEN_INVALID' } });
    const foreign = await a.call('POST', '/api/v1/customers', { name: 'X' }, { 'x-csrf-token': b.state.csrf! });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'CSRF_TOKEN_INVALID' } });
    // Reads need no token.
    expect((await a.call('GET', '/api/v1/customers')).status).toBe(200);
  });

  it('answers wrong emails and wrong passwords alike, then locks the account after five failures', async () => {
    await invite('lock@costa.example', 'viewer', 'right password 1');
    const browser = browserSession(env.http);
    const unknown = await browser.signIn('nobody@costa.example', 'whatever pass');
    const wrong = await browser.signIn('lock@costa.example', 'wrong password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.detail).toBe(unknown.body.detail);
    for (let i = 0; i < 4; i++) await browser.signIn('lock@costa.example', 'wrong password');
    const locked = await browser.signIn('lock@costa.example', 'right password 1');
    expect(locked).toMatchObject({ status: 429, body: { code: 'SIGN_IN_LOCKED' } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    env.clock.set('2026-11-30T09:16:00Z');
    expect((await browserSession(env.http).signIn('lock@costa.example', 'right password 1')).status).toBe(200);
    env.clock.set('2026-11-30T09:00:00Z');
  });

  it('limits sign-in attempts per client address', async () => {
    const browser = browserSession(env.http);
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await browser.signIn(`x${i}@nowhere.example`, 'guess guess')).status);
    expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true);
    const last = await browser.signIn('x@nowhere.example', 'guess guess');
    expect(last).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS' } });
  });

  it('resets a password by emailed link, ending every session; used and expired links are refused', async () => {
    const { browser: old } = await invite('reset@costa.example', 'viewer', 'first password 1');
    const anon = browserSession(env.http);
    expect((await anon.call('POST', '/api/v1/auth/password-reset', { email: 'reset@costa.example' })).status).toBe(204);
    expect((await anon.call('POST', '/api/v1/auth/password-reset', { email: 'ghost@costa.example' })).status).toBe(204);
    expect(linksTo('ghost@costa.example', 'reset-password')).toEqual([]);
    const sent = linksTo('reset@costa.example', 'reset-password');
    expect(sent).toHaveLength(1);
    const token = tokenOf(sent[0]!);
    const confirm = (password: string) => anon.call('POST', '/api/v1/auth/password-reset/confirm', { token, password });
    expect((await confirm('second password 2')).status).toBe(204);
    expect((await old.call('GET', '/api/v1/auth/session')).body.code).toBe('SESSION_EXPIRED');
    expect(await confirm('third password 3')).toMatchObject({ status: 422, body: { code: 'LINK_INVALID' } });
    expect((await anon.signIn('reset@costa.example', 'first password 1')).status).toBe(401);
    expect((await anon.signIn('reset@costa.example', 'second password 2')).status).toBe(200);

    const users = (await admin('GET', '/api/v1/users')).body.data as Array<{ id: string; email: string }>;
    const id = users.find((u) => u.email === 'reset@costa.example')!.id;
    const link = await admin('POST', `/api/v1/users/${id}/password-reset`);
    expect(link.status).toBe(200);
    env.clock.set('2026-11-30T10:01:00Z');
    const late = await anon.call('POST', '/api/v1/auth/password-reset/confirm', {
      token: link.body.token,
      password: 'fourth password 4',
    });
    expect(late).toMatchObject({ status: 422, body: { code: 'LINK_INVALID' } });
    env.clock.set('2026-11-30T09:00:00Z');
  });

  it('signs out of this browser, or of every browser at once; a disabled user is out at once', async () => {
    const { browser: one, user } = await invite('everywhere@costa.example', 'viewer', 'everywhere pass 1');
    const two = browserSession(env.http);
    await two.signIn('everywhere@costa.example', 'everywhere pass 1');
    const three = browserSession(env.http);
    await three.signIn('everywhere@costa.example', 'everywhere pass 1');
    expect((await three.call('POST', '/api/v1/auth/sign-out')).status).toBe(204);
    expect((await three.call('GET', '/api/v1/customers')).status).toBe(401);
    expect((await two.call('GET', '/api/v1/customers')).status).toBe(200);
    expect((await one.call('POST', '/api/v1/auth/sign-out-everywhere')).status).toBe(204);
    expect((await two.call('GET', '/api/v1/customers')).body.code).toBe('SESSION_EXPIRED');
    const four = browserSession(env.http);
    await four.signIn('everywhere@costa.example', 'everywhere pass 1');
    expect((await admin('PATCH', `/api/v1/users/${user.id}`, { status: 'disabled' })).status).toBe(200);
    expect((await four.call('GET', '/api/v1/customers')).status).toBe(401);
    expect((await four.signIn('everywhere@costa.example', 'everywhere pass 1')).status).toBe(401);
  });

  it('refuses a second user with the same email, short passwords, and users of another tenant', async () => {
    await invite('dup@costa.example', 'viewer');
    const dup = await admin('POST', '/api/v1/users', { email: 'DUP@costa.example', name: 'Dup', role: 'viewer' });
    expect(dup).toMatchObject({ status: 409, body: { code: 'EMAIL_TAKEN' } });
    const invited = await admin('POST', '/api/v1/users', { email: 'short@costa.example', name: 'S', role: 'viewer' });
    const short = await browserSession(env.http).accept(invited.body.invitation.path, 'short');
    expect(short.status).toBe(400);
    const other = (await env.newTenant()).api;
    expect((await other('GET', `/api/v1/users/${invited.body.user.id}`)).status).toBe(404);
    expect((await other('GET', '/api/v1/users')).body.data).toEqual([]);
  });
});
