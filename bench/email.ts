// Email throughput: N deliveries of one issued invoice (its real PDF attached) sent by the email
// queue's batch job through a loopback SMTP server (smtp-server), each message read to its end.
// Measures the whole send path: claim, compose (PDF from storage, Liquid subject and body), SMTP
// dialog, record. Run with `npx tsx bench/email.ts [N]` (default 300); DATABASE_URL for PostgreSQL,
// else in-memory PGlite.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { pino } from 'pino';
import { startRuntime } from '../src/main.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { queueDocumentEmail } from '../src/app/delivery/queue-email.ts';
import { sendDueEmails } from '../src/app/delivery/send-queue.ts';
import { outputWriters } from '../src/documents/outputs.ts';

const count = Number(process.argv[2] ?? 300);
let received = 0;
let bytes = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const port = (smtp.server.address() as AddressInfo).port;

const runtime = await startRuntime({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATABASE_URL ? undefined : 'memory://',
  logger: pino({ level: 'warn' }),
});
try {
  const { tenant, apiKey } = await createTenant(runtime.deps, { name: 'Bench', timezone: 'UTC', currency: 'EUR' });
  const http = await runtime.buildHttp();
  const api = async (method: string, url: string, body?: unknown) => {
    const res = await http.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${apiKey}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await api('POST', '/legal-entities', { name: 'Bench Telecom SL', taxId: 'ESB00000001' });
  await api('POST', '/number-sequences', {
    name: 'Main',
    documentType: 'invoice',
    prefix: 'B',
    padding: 5,
    increment: 1,
    start: 1,
    reset: 'never',
  });
  const customer = await api('POST', '/customers', {
    name: 'Bench customer',
    currency: 'EUR',
    billingEmails: ['ap@bench.example'],
  });
  await api('POST', '/usage-records', {
    records: Array.from({ length: 40 }, (_, i) => ({
      externalId: `bench-${i}`,
      customerId: customer.id,
      startedAt: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
      durationSeconds: 60 + i,
      direction: 'outbound',
      external: true,
      caller: '34911111111',
      callee: `3460000${String(i).padStart(4, '0')}`,
      price: '0.1200',
    })),
  });
  const draft = await api('POST', '/documents', {
    type: 'invoice',
    customerId: customer.id,
    periodStart: '2026-01-01',
    periodEnd: '2026-01-31',
  });
  await api('POST', `/documents/${draft.id}/generate`);
  await runtime.queue.drain();
  await api('POST', `/documents/${draft.id}/issue`);
  await runtime.queue.drain();
  await api('PUT', '/settings/smtp', { host: '127.0.0.1', port, tls: 'none', from: 'billing@bench.example' });
  await api('PUT', '/settings/delivery', { sendIntervalMinutes: 10, autoSend: { invoice: false } });
  const doc = (await runtime.deps.uow.run((s) => s.documents.getDocument(tenant.id, draft.id)))!;
  const pdf = await api('GET', `/documents/${draft.id}`);
  await runtime.deps.uow.run(async (s) => {
    for (let i = 0; i < count; i++) await queueDocumentEmail(s, runtime.deps.clock, doc, 'request');
  });
  const asOf = runtime.deps.clock.now().add({ minutes: 10 }).toString();
  const worker = { deps: runtime.deps, mail: runtime.mail, outputs: outputWriters };
  const started = performance.now();
  const result = await sendDueEmails(worker, { tenantId: tenant.id, asOf }, 'bench-job');
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${result.sent} emails sent (${received} received, ${(bytes / received / 1024).toFixed(0)} KiB each with the PDF; ` +
      `invoice ${pdf.number}) in ${seconds.toFixed(2)} s = ${(result.sent / seconds).toFixed(1)} emails/s ` +
      `(${runtime.database.kind}, one SMTP connection)`,
  );
  await http.close();
} finally {
  await runtime.close();
  smtp.close();
}
