// Webhook events delivered per second to a receiver on loopback: N events are recorded (the outbox
// rows and their delivery jobs, 100 per transaction), then the queue is drained by this process's
// worker, each delivery signed, POSTed, answered 200 and recorded. The receiver checks every signature.
//
//   npx tsx bench/webhooks.ts [--events 2000] [--url postgres://postgres@127.0.0.1:5432/test]   (no --url: embedded PGlite in memory)
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { pino } from 'pino';
import { startRuntime } from '../src/main.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { createEndpoint } from '../src/app/webhooks/manage-endpoints.ts';
import { recordEvent } from '../src/app/webhooks/record-event.ts';
import { verifySignature } from '../src/core/webhooks/index.ts';
import type { CallContext } from '../src/app/context.ts';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '2000' }, url: { type: 'string' } },
});
const events = Number(values.events);

async function admin(serverUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

let secret = '';
let received = 0;
let badSignatures = 0;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c));
  req.on('end', () => {
    received += 1;
    const ok = verifySignature(String(req.headers['tollbook-signature']), body, secret, Math.floor(Date.now() / 1000));
    if (!ok) badSignatures += 1;
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const dbName = `tollbook_bench_${randomBytes(4).toString('hex')}`;
let databaseUrl: string | undefined;
if (values.url) {
  await admin(values.url, `create database ${dbName}`);
  const url = new URL(values.url);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
}
const runtime = await startRuntime({
  ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
  logger: pino({ level: 'warn' }),
  webhooks: { targets: 'loopback' },
});
try {
  const deps = runtime.deps;
  const { tenant } = await createTenant(deps, { name: 'Bench', timezone: 'UTC', currency: 'EUR' });
  const ctx: CallContext = { tenantId: tenant.id, actor: { type: 'system', id: 'bench' }, role: 'admin' };
  secret = (
    await createEndpoint(deps, runtime.webhooks.transport, ctx, { url: receiverUrl, events: ['payment.received'] })
  ).secret;
  const t0 = performance.now();
  for (let i = 0; i < events; i += 100) {
    await deps.uow.run(async (s) => {
      for (let j = i; j < Math.min(events, i + 100); j++)
        await recordEvent(s, deps.clock, tenant.id, 'payment.received', {
          payment: { id: `pay_${j}`, amount: '1.00' },
        });
    });
  }
  const recordSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await runtime.queue.drain();
  const deliverSeconds = (performance.now() - t1) / 1000;
  const failed = await runtime.database.executor.executeSql(
    `select count(*)::int as n from webhook_deliveries where status <> 'delivered'`,
  );
  const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(44)} ${v}\n`);
  line('database', databaseUrl ? 'PostgreSQL' : 'embedded PGlite (memory)');
  line('events recorded (outbox + job, 100 per tx)', `${events} in ${recordSeconds.toFixed(2)} s`);
  line('events recorded per second', (events / recordSeconds).toFixed(0));
  line('events delivered (signed, POSTed, recorded)', `${received} in ${deliverSeconds.toFixed(2)} s`);
  line('events delivered per second (one worker)', (received / deliverSeconds).toFixed(1));
  line('bad signatures / not delivered', `${badSignatures} / ${(failed.rows[0] as { n: number }).n}`);
} finally {
  await runtime.close();
  receiver.close();
  if (values.url) await admin(values.url, `drop database if exists ${dbName} with (force)`);
}
