import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, TollbookServer, type Store } from './harness/processes.ts';
import { MailCatcher } from '../delivery/mail-catcher.ts';

/**
 * The email queue under SIGKILL. A real `tollbook serve` on an embedded data directory sends
 * through a real SMTP server on loopback and is killed at the email kill points: once it has
 * claimed a message but not sent it, and once the server has accepted a message it has not yet
 * recorded. Restarted on the same directory, it finishes by itself: no message is lost, each
 * delivery ends `sent` once, and a repeat can only be the same message (same Message-ID) — the
 * one window docs/adr/0011 describes.
 */
describe('Killed while emailing, Tollbook loses no message and sends none as a new one', () => {
  let dir: string;
  let store: Store;
  let catcher: MailCatcher;
  let apiKey: string;
  let server: TollbookServer | null = null;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server!.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const start = async (killAt: string | null) => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const candidate = await TollbookServer.start(store, killAt);
      if (await candidate.ready()) return candidate;
      await sleep(500);
    }
    throw new Error('the embedded server did not start');
  };
  const until = async <T>(what: string, probe: () => Promise<T | null>, ms = 300_000): Promise<T> => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const value = await probe().catch(() => null);
      if (value !== null) return value;
      await sleep(250);
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delivery-kill-'));
    store = { dataDir: join(dir, 'data') };
    catcher = await MailCatcher.start();
    const created = await runCli(
      store,
      ['tenant', 'create', '--name', 'Mail', '--timezone', 'UTC', '--currency', 'EUR', '--json'],
      null,
      600_000,
    );
    apiKey = (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
  }, 600_000);
  afterAll(async () => {
    await server?.kill();
    await catcher.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Bills a new customer for January and issues the invoice; the server emails it on issue. */
  const issueInvoice = async (n: number) => {
    const customer = (
      await call('POST', '/api/v1/customers', {
        name: `Kill customer ${n}`,
        currency: 'EUR',
        billingEmails: [`kill${n}@client.example`],
      })
    ).body;
    await call('POST', '/api/v1/usage-records', {
      records: [
        {
          externalId: `mail-${n}`,
          customerId: customer.id,
          startedAt: '2026-01-05T10:00:00Z',
          durationSeconds: 90,
          direction: 'outbound',
          external: true,
          caller: '34911000000',
          callee: '34600000001',
          price: '1.5000',
        },
      ],
    });
    const draft = (
      await call('POST', '/api/v1/documents', {
        type: 'invoice',
        customerId: customer.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
      })
    ).body;
    await call('POST', `/api/v1/documents/${draft.id}/generate`);
    await until('the draft PDF', async () =>
      (await call('GET', `/api/v1/documents/${draft.id}`)).body.renderStatus === 'created' ? true : null,
    );
    // The process may die as soon as the issue commits (its email job runs right away).
    await call('POST', `/api/v1/documents/${draft.id}/issue`).catch(() => null);
    return draft.id as string;
  };

  it('killed after claiming, and killed after the server accepted: each message arrives, each delivery is sent once', async () => {
    server = await start(null);
    expect(
      (
        await call('PUT', '/api/v1/settings/smtp', {
          host: '127.0.0.1',
          port: catcher.port,
          tls: 'none',
          from: 'billing@kill.example',
        })
      ).status,
    ).toBe(200);
    expect((await call('PUT', '/api/v1/settings/delivery', { sendIntervalMinutes: 0 })).status).toBe(200);
    await call('POST', '/api/v1/legal-entities', { name: 'Kill Telecom SL', taxId: 'ESB00000009' });
    await call('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'KM',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    await server.kill();

    const outcomes: Array<{ point: string; documentId: string; received: number }> = [];
    for (const [n, point] of [
      [1, 'email.claimed'],
      [2, 'email.sent-not-recorded'],
    ] as const) {
      server = await start(`${point}:1`);
      const documentId = await issueInvoice(n);
      await until('the kill point', async () => (server!.alive ? null : true));
      expect(server.killPointReached).toBe(point);
      const received = catcher.to(`kill${n}@client.example`).length;
      server = await start(null);
      const delivery = await until('the delivery to be sent', async () => {
        const [d] = (await call('GET', `/api/v1/documents/${documentId}/deliveries`)).body.data;
        return d?.status === 'sent' ? d : null;
      });
      expect(delivery.attempts).toBe(2);
      expect(delivery.events.map((e: { event: string }) => e.event)).toContain('interrupted');
      const messages = catcher.to(`kill${n}@client.example`);
      // Nothing lost: the message is there; nothing new: every copy is the same message.
      expect(messages.length).toBeGreaterThanOrEqual(1);
      expect(new Set(messages.map((m) => m.messageId))).toEqual(new Set([delivery.messageId]));
      const log = (await call('GET', `/api/v1/documents/${documentId}/deliveries`)).body.data;
      expect(log).toHaveLength(1);
      // The webhook event is written with the outcome: one `document.sent`, however many attempts.
      const events = (await call('GET', '/api/v1/webhook-events?type=document.sent&limit=100')).body.data;
      expect(
        events.filter(
          (e: { payload: { data: { document: { id: string } } } }) => e.payload.data.document.id === documentId,
        ),
      ).toHaveLength(1);
      outcomes.push({ point, documentId, received });
      await server.kill();
    }
    // Killed before the dialog: the server had nothing, and got the message exactly once.
    expect(outcomes[0]!.received).toBe(0);
    expect(catcher.to('kill1@client.example')).toHaveLength(1);
    // Killed after the server accepted: it had the message already; the resumed attempt repeats
    // the very same message (same Message-ID), which the receiving mailbox folds into one.
    expect(outcomes[1]!.received).toBe(1);
    expect(catcher.to('kill2@client.example')).toHaveLength(2);

    // A notice to the staff, accepted by the server and not recorded: after the restart the run
    // shows both notices sent. The run may finish before the first notice goes out, so the notice
    // killed is the started or the finished one, whichever the queue took first; either way each
    // notice arrives, its repeat is the same message, and only the interrupted one repeats.
    server = await start('operator-notice.sent-not-recorded:1');
    expect(
      (await call('PUT', '/api/v1/settings/delivery', { sendIntervalMinutes: 0, staffEmails: ['staff@kill.example'] }))
        .status,
    ).toBe(200);
    const group = (await call('POST', '/api/v1/bill-groups', { name: 'First', billDay: 1 })).body;
    const run = (await call('POST', '/api/v1/bill-runs', { billGroupId: group.id }).catch(() => null))?.body;
    await until('the kill point', async () => (server!.alive ? null : true));
    expect(server.killPointReached).toBe('operator-notice.sent-not-recorded');
    server = await start(null);
    const runId: string = run?.id ?? (await call('GET', `/api/v1/bill-runs?billGroupId=${group.id}`)).body.data[0].id;
    const notices = await until('both notices sent', async () => {
      const got = (await call('GET', `/api/v1/bill-runs/${runId}`)).body.notices;
      return got.length === 2 && got.every((n: { status: string }) => n.status === 'sent') ? got : null;
    });
    expect(notices.map((n: { event: string }) => n.event)).toEqual(['started', 'finished']);
    const staffMail = catcher.to('staff@kill.example');
    for (const word of ['started', 'completed']) {
      const copies = staffMail.filter((m) => m.subject?.includes(word));
      expect(copies.length, word).toBeGreaterThanOrEqual(1);
      expect(new Set(copies.map((m) => m.messageId)).size, word).toBe(1);
    }
    expect(new Set(staffMail.map((m) => m.messageId)).size).toBe(2);
    expect(staffMail.length).toBeLessThanOrEqual(3);
    await server.kill();
  }, 1_200_000);
});
