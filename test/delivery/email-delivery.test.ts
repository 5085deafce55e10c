import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { MailCatcher, closedPort } from './mail-catcher.ts';
import { billCustomer, deliveriesOf, emailingTenant } from './support.ts';

/**
 * Documents by email, through a real SMTP server on a loopback port (smtp-server), every message
 * read back with mailparser: who receives what, in which language, with which files, and what the
 * delivery log says when the server is away, busy, or says no.
 */
describe('Issued documents are emailed to the right people, with their files, and every attempt is logged', () => {
  let env: TestEnv;
  let catcher: MailCatcher;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T10:03:00Z' });
    catcher = await MailCatcher.start();
  }, 600_000);
  afterAll(async () => {
    await catcher?.close();
    await env?.close();
  });

  const messagesFor = (messageId: string) => catcher.messages.filter((m) => m.messageId === messageId);

  it('keeps the SMTP password encrypted and never shows it; a test message reports the server answer', async () => {
    const t = await emailingTenant(env, catcher.port);
    const got = await t.api('GET', '/api/v1/settings/smtp');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ host: '127.0.0.1', tls: 'none', user: 'billing', passwordSet: true });
    expect(got.raw).not.toContain('s3cret');
    const { rows } = await env.runtime.database.executor.executeSql(
      'select password_ciphertext from smtp_settings where tenant_id = $1',
      [t.tenantId],
    );
    const stored = (rows[0] as { password_ciphertext: string }).password_ciphertext;
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain('s3cret');
    expect(env.runtime.mail.secrets.open(stored)).toBe('s3cret-Password');

    const test = await t.api('POST', '/api/v1/settings/smtp/test', { to: 'ops@acme-telecom.example' });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ delivered: true });
    expect(test.body.response).toMatch(/^250/);
    expect(catcher.to('ops@acme-telecom.example')).toHaveLength(1);

    // DESIGN's `secure` flag is accepted too; the stored password stays when none is given.
    const secure = await t.api('PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: await closedPort(),
      secure: false,
      from: 'billing@acme-telecom.example',
    });
    expect(secure.body).toMatchObject({ tls: 'starttls', secure: false, passwordSet: true });
    const refused = await t.api('POST', '/api/v1/settings/smtp/test', { to: 'ops@acme-telecom.example' });
    expect(refused.body).toMatchObject({ delivered: false, code: 'ECONNREFUSED' });

    const bad = await t.api('PUT', '/api/v1/settings/smtp', { host: 'x', port: 25, from: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'from', code: 'INVALID_EMAIL' });
    const badTest = await t.api('POST', '/api/v1/settings/smtp/test', { to: 'nobody' });
    expect(badTest.status).toBe(400);
  });

  it('sends invoices, acts and VAT invoices on issue by default, every 10 minutes, to the billing emails', async () => {
    const t = await env.newTenant();
    const defaults = await t.api('GET', '/api/v1/settings/delivery');
    expect(defaults.body).toMatchObject({
      sendIntervalMinutes: 10,
      recipients: 'customer',
      staffEmails: [],
      autoSend: { invoice: true, act: true, vat_invoice: true, proforma: false, credit_note: false },
    });
  });

  it('emails the issued invoice to the customer with the PDF byte for byte as downloaded', async () => {
    const t = await emailingTenant(env, catcher.port);
    const { doc, customer } = await billCustomer(env, t, { billingEmails: ['a@client.example', 'b@client.example'] });
    const [delivery] = await deliveriesOf(t.api, doc.id);
    expect(delivery).toMatchObject({
      status: 'sent',
      trigger: 'issue',
      attempts: 1,
      recipients: ['a@client.example', 'b@client.example'],
    });
    expect(delivery!.response).toMatch(/^250/);
    const [message] = messagesFor(delivery!.messageId);
    expect(message).toBeDefined();
    expect(message!.subject).toBe(`Invoice ${doc.number} from Acme Telecom SL`);
    expect(message!.text).toContain(`Dear ${customer.name},`);
    expect(message!.from?.value[0]).toMatchObject({
      address: 'billing@acme-telecom.example',
      name: 'Acme Telecom billing',
    });
    expect(message!.replyTo?.value[0]?.address).toBe('accounts@acme-telecom.example');
    const pdf = await t.api('GET', `/api/v1/documents/${doc.id}/pdf`);
    expect(message!.attachments.map((a) => a.filename)).toEqual([`${doc.number}.pdf`]);
    expect(Buffer.compare(message!.attachments[0]!.content, pdf.bytes)).toBe(0);
    expect(delivery!.events.map((e: { event: string }) => e.event)).toEqual(['queued', 'attempt', 'sent']);
  });

  it('follows the recipient rule: staff, both, or nobody', async () => {
    const t = await emailingTenant(env, catcher.port, {
      recipients: 'staff',
      staffEmails: ['books@acme-telecom.example', 'boss@acme-telecom.example'],
    });
    const staff = await billCustomer(env, t, { billingEmails: ['c1@client.example'] });
    const [toStaff] = await deliveriesOf(t.api, staff.doc.id);
    expect(toStaff!.recipients).toEqual(['books@acme-telecom.example', 'boss@acme-telecom.example']);
    expect(messagesFor(toStaff!.messageId)[0]!.to).toMatchObject({
      value: [{ address: 'books@acme-telecom.example' }, { address: 'boss@acme-telecom.example' }],
    });

    await t.api('PUT', '/api/v1/settings/delivery', { recipients: 'both' });
    const both = await billCustomer(env, t, { billingEmails: ['c2@client.example'] });
    const [toBoth] = await deliveriesOf(t.api, both.doc.id);
    expect(toBoth!.recipients).toEqual([
      'c2@client.example',
      'books@acme-telecom.example',
      'boss@acme-telecom.example',
    ]);
    expect(messagesFor(toBoth!.messageId)).toHaveLength(1);

    await t.api('PUT', '/api/v1/settings/delivery', { recipients: 'none' });
    const nobody = await billCustomer(env, t, { billingEmails: ['c3@client.example'] });
    expect(await deliveriesOf(t.api, nobody.doc.id)).toEqual([]);
    const send = await t.api('POST', `/api/v1/documents/${nobody.doc.id}/send`);
    expect(send.status).toBe(422);
    expect(send.body.code).toBe('RECIPIENTS_NONE');
  });

  it('a customer without an email gets a NO_RECIPIENT delivery error on the document, not silence', async () => {
    const t = await emailingTenant(env, catcher.port);
    const { doc } = await billCustomer(env, t, { email: null, billingEmails: [] });
    const [delivery] = await deliveriesOf(t.api, doc.id);
    expect(delivery).toMatchObject({ status: 'failed', recipients: [], error: { code: 'NO_RECIPIENT' } });
  });

  it('writes to the customer in its language', async () => {
    const t = await emailingTenant(env, catcher.port);
    const { doc } = await billCustomer(env, t, { language: 'ru', name: 'ООО Клиент' });
    const [delivery] = await deliveriesOf(t.api, doc.id);
    const [message] = messagesFor(delivery!.messageId);
    expect(message!.subject).toBe(`Счёт № ${doc.number} от Acme Telecom SL`);
    expect(message!.text).toContain('Здравствуйте, ООО Клиент!');
    expect(message!.text).toContain('С уважением');
  });

  it("uses the operator's own Liquid templates, and a template that loops fails that message only", async () => {
    const t = await emailingTenant(env, catcher.port, {
      messageTemplates: {
        'invoice.en': { subject: 'Your bill {{ document.number }}', body: 'Total {{ document.total }}' },
      },
    });
    const own = await billCustomer(env, t);
    const [mine] = await deliveriesOf(t.api, own.doc.id);
    expect(messagesFor(mine!.messageId)[0]!.subject).toBe(`Your bill ${own.doc.number}`);

    const broken = await t.api('PUT', '/api/v1/settings/delivery', {
      messageTemplates: { en: { subject: '{% if %}', body: 'x' } },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toMatchObject({ field: 'messageTemplates.en.subject', code: 'TEMPLATE_INVALID' });

    const looping = '{% for a in (1..100000) %}{% for b in (1..100000) %}{{ a }}{{ b }}{% endfor %}{% endfor %}';
    await t.api('PUT', '/api/v1/settings/delivery', {
      messageTemplates: { 'invoice.en': { subject: 'Loop', body: looping } },
    });
    const started = Date.now();
    const loop = await billCustomer(env, t);
    expect(Date.now() - started).toBeLessThan(20_000);
    const [failed] = await deliveriesOf(t.api, loop.doc.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'TEMPLATE_FAILED' } });
    expect(messagesFor(failed!.messageId)).toHaveLength(0);

    await t.api('PUT', '/api/v1/settings/delivery', { messageTemplates: {} });
    const after = await billCustomer(env, t);
    expect((await deliveriesOf(t.api, after.doc.id))[0]).toMatchObject({ status: 'sent' });
  });

  it('attaches the XLSX and the UBL e-invoice when configured, byte-identical to their downloads', async () => {
    const t = await emailingTenant(env, catcher.port, { attachments: { xlsx: true, ubl: true } });
    const { sampleInvoiceTemplate } = await import('../../src/documents/xlsx/sample-template.ts');
    const { file, mapping } = await sampleInvoiceTemplate();
    const upload = await t.api('POST', `/api/v1/xlsx-templates?name=Mine&documentType=invoice`, file, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(upload.status).toBe(201);
    expect((await t.api('PUT', `/api/v1/xlsx-templates/${upload.body.id}/mapping`, mapping)).status).toBe(200);
    expect((await t.api('POST', `/api/v1/xlsx-templates/${upload.body.id}/activate`, {})).status).toBe(200);
    const { doc } = await billCustomer(env, t);
    const [delivery] = await deliveriesOf(t.api, doc.id);
    expect(delivery).toMatchObject({ status: 'sent' });
    const [message] = messagesFor(delivery!.messageId);
    const byName = new Map(message!.attachments.map((a) => [a.filename, a.content]));
    expect([...byName.keys()]).toEqual([`${doc.number}.pdf`, `${doc.number}.xlsx`, `${doc.number}.xml`]);
    for (const [ext, path] of [
      ['pdf', 'pdf'],
      ['xlsx', 'xlsx'],
      ['xml', 'ubl'],
    ] as const) {
      const download = await t.api('GET', `/api/v1/documents/${doc.id}/${path}`);
      expect(download.status).toBe(200);
      expect(Buffer.compare(byName.get(`${doc.number}.${ext}`)!, download.bytes)).toBe(0);
    }
  });

  it('sends at the next interval boundary, not before (injected clock)', async () => {
    const t = await emailingTenant(env, catcher.port, { sendIntervalMinutes: 10 });
    env.clock.set('2026-02-10T10:03:00Z');
    const { doc } = await billCustomer(env, t);
    const [queued] = await deliveriesOf(t.api, doc.id);
    expect(queued).toMatchObject({ status: 'queued', nextAttemptAt: '2026-02-10T10:10:00Z', attempts: 0 });
    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T10:09:59Z'));
    expect((await deliveriesOf(t.api, doc.id))[0]).toMatchObject({ status: 'queued' });
    expect(messagesFor(queued!.messageId)).toHaveLength(0);
    const run = await env.runtime.runDue(Temporal.Instant.from('2026-02-10T10:10:00Z'));
    expect(run.tasks.map((x) => x.name)).toContain('email.send-queue');
    expect((await deliveriesOf(t.api, doc.id))[0]).toMatchObject({ status: 'sent', sentAt: '2026-02-10T10:10:00Z' });
    expect(messagesFor(queued!.messageId)).toHaveLength(1);
  });

  it('"send selected" queues one email per document (202), and the log keeps each request', async () => {
    const t = await emailingTenant(env, catcher.port, { sendIntervalMinutes: 10, autoSend: { invoice: false } });
    const a = await billCustomer(env, t);
    const b = await billCustomer(env, t);
    expect(await deliveriesOf(t.api, a.doc.id)).toEqual([]);
    const one = await t.api('POST', `/api/v1/documents/${a.doc.id}/send`);
    expect(one.status).toBe(202);
    expect(one.body).toMatchObject({ status: 'queued', trigger: 'request', documentId: a.doc.id });
    const bulk = await t.api('POST', '/api/v1/documents/send', { documentIds: [a.doc.id, b.doc.id] });
    expect(bulk.status).toBe(202);
    expect(bulk.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([a.doc.id, b.doc.id]);
    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T10:20:00Z'));
    const log = await deliveriesOf(t.api, a.doc.id);
    expect(log.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(new Set(log.map((d) => d.messageId)).size).toBe(2);
    const draft = await billCustomer(env, t, {}, { issue: false });
    const refused = await t.api('POST', `/api/v1/documents/${draft.doc.id}/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DOCUMENT_NOT_ISSUED');
    expect((await t.api('POST', '/api/v1/documents/doc_nope/send')).status).toBe(404);
  });

  it('retries with back-off while the server refuses connections or answers 4xx, then sends', async () => {
    const port = await closedPort();
    const t = await emailingTenant(env, port);
    env.clock.set('2026-02-10T11:00:00Z');
    const { doc } = await billCustomer(env, t);
    const [first] = await deliveriesOf(t.api, doc.id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: '2026-02-10T11:01:00Z' });
    expect(first!.events.at(-1)).toMatchObject({ event: 'retry_scheduled', code: 'ECONNREFUSED' });

    await t.api('PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: catcher.port,
      tls: 'none',
      from: 'billing@acme-telecom.example',
    });
    catcher.mode = 'busy';
    try {
      await env.runtime.runDue(Temporal.Instant.from('2026-02-10T11:01:00Z'));
    } finally {
      catcher.mode = 'accept';
    }
    const [second] = await deliveriesOf(t.api, doc.id);
    expect(second).toMatchObject({ status: 'queued', attempts: 2, nextAttemptAt: '2026-02-10T11:03:00Z' });
    expect(second!.events.at(-1)).toMatchObject({ event: 'retry_scheduled', code: '451' });
    expect(second!.error.response).toContain('Try again later');

    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T11:02:00Z'));
    expect((await deliveriesOf(t.api, doc.id))[0]).toMatchObject({ status: 'queued', attempts: 2 });
    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T11:03:00Z'));
    const [done] = await deliveriesOf(t.api, doc.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(messagesFor(done!.messageId)).toHaveLength(1);
  });

  it('gives up after the last attempt against a server that never answers', async () => {
    const t = await emailingTenant(env, await closedPort());
    env.clock.set('2026-02-10T12:00:00Z');
    const { doc } = await billCustomer(env, t);
    let at = Temporal.Instant.from('2026-02-10T12:00:00Z');
    for (let i = 0; i < 8; i++) {
      at = at.add({ hours: 1 });
      await env.runtime.runDue(at);
    }
    const [delivery] = await deliveriesOf(t.api, doc.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 6, error: { code: 'ECONNREFUSED' } });
    expect(delivery!.error.message).toContain('gave up after 6 attempts');
  });

  it('a 5xx answer fails the delivery at once with the server answer; the other messages go on', async () => {
    const t = await emailingTenant(env, catcher.port);
    catcher.mode = 'reject';
    let rejected;
    try {
      rejected = await billCustomer(env, t);
    } finally {
      catcher.mode = 'accept';
    }
    const [failed] = await deliveriesOf(t.api, rejected.doc.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'SMTP_REJECTED' } });
    expect(failed!.error.response).toMatch(/^554 5\.7\.1 Message refused by policy/);
    const next = await billCustomer(env, t);
    expect((await deliveriesOf(t.api, next.doc.id))[0]).toMatchObject({ status: 'sent' });
  });

  it('an address the server does not know, or one that is not an address at all, fails with the reason', async () => {
    const t = await emailingTenant(env, catcher.port);
    const unknown = await billCustomer(env, t, { billingEmails: ['ghost@rejected.example'] });
    const [refused] = await deliveriesOf(t.api, unknown.doc.id);
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'SMTP_REJECTED' } });
    expect(refused!.error.response).toContain('user unknown');

    // An address stored before validation existed (or imported) is refused before any attempt.
    const legacy = await billCustomer(env, t, {}, { issue: false });
    await env.runtime.database.executor.executeSql(
      `update customers set billing_emails = '["not-an-address"]'::jsonb where id = $1`,
      [legacy.customer.id],
    );
    expect((await t.api('POST', `/api/v1/documents/${legacy.doc.id}/issue`)).status).toBe(200);
    await env.runtime.queue.drain();
    const [invalid] = await deliveriesOf(t.api, legacy.doc.id);
    expect(invalid).toMatchObject({ status: 'failed', attempts: 0, error: { code: 'INVALID_RECIPIENT' } });
  });

  it('a message whose worker died mid-send is resumed once, with the same Message-ID', async () => {
    const t = await emailingTenant(env, catcher.port, { sendIntervalMinutes: 10 });
    env.clock.set('2026-02-10T13:00:00Z');
    const { doc } = await billCustomer(env, t);
    // A worker claims it at 13:00 and dies before the SMTP dialog.
    const claimed = await env.runtime.deps.uow.run((s) =>
      s.deliveries.claimDue(t.tenantId, 'job-that-died', '2026-02-10T13:00:00Z', '2026-02-10T12:50:00Z', 10),
    );
    expect(claimed.map((d) => d.documentId)).toEqual([doc.id]);
    // Another worker does not touch a fresh claim…
    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T13:05:00Z'));
    expect((await deliveriesOf(t.api, doc.id))[0]).toMatchObject({ status: 'sending' });
    // …but takes over a stale one, once.
    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T13:11:00Z'));
    await env.runtime.runDue(Temporal.Instant.from('2026-02-10T13:30:00Z'));
    const [delivery] = await deliveriesOf(t.api, doc.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    expect(delivery!.events.map((e: { event: string }) => e.event)).toEqual([
      'queued',
      'interrupted',
      'attempt',
      'sent',
    ]);
    expect(messagesFor(delivery!.messageId)).toHaveLength(1);
  });
});
