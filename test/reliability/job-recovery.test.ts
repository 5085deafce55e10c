import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { runUsageImport } from '../../src/app/usage/run-usage-import.ts';
import { renderQueue } from '../../src/app/documents/render-document.ts';
import { USAGE_IMPORT_QUEUE } from '../../src/app/usage/start-usage-import.ts';

/**
 * A worker that took a job and then died leaves it `active` in the queue. These scenarios play
 * that death by taking jobs the way a worker does (state active, started now) and never finishing
 * them; the process-level version, with real SIGKILLs, is kill-points.test.ts.
 */
describe('Jobs left behind by a worker that died are retried, and never stay half done', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let customerId: string;
  let sequenceId: string;

  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    (await env.runtime.database.executor.executeSql(text, values)).rows as T[];
  /** What a worker does when it takes jobs; the "worker" then dies without a trace. */
  const takeAndDie = (queue: string) =>
    sql(
      `update pgboss.job set state = 'active', started_on = now(),
         retry_count = case when started_on is null then retry_count else retry_count + 1 end
       where name = $1 and state in ('created', 'retry') returning id`,
      [queue],
    );
  const jobStates = async (queue: string) =>
    (await sql<{ state: string }>(`select state from pgboss.job where name = $1 order by created_on`, [queue])).map(
      (r) => r.state,
    );
  const waitForLeaseToRunOut = () => sleep(1_300);

  beforeAll(async () => {
    env = await startTestEnv({
      clock: '2026-02-10T10:00:00Z',
      queueTiming: { leaseSeconds: 1, retryDelaySeconds: 0, retryLimit: 1, maintenanceSeconds: 3600 },
    });
    ({ api, tenantId, customerId, sequenceId } = await invoicingTenant(env));
    await seedUsage(env, tenantId, customerId, [
      { startedAt: '2026-01-10T10:00:00Z', durationSeconds: 120, callee: '34911111111', price: '0.5000' },
    ]);
  });
  afterAll(() => env.close());

  const draft = (month: string) =>
    makeInvoice(env, api, {
      type: 'invoice',
      customerId,
      periodStart: `${month}-01`,
      periodEnd: `${month}-28`,
      numberSequenceId: sequenceId,
    });

  it('an issued invoice whose render worker died gets its PDF once the lease runs out', async () => {
    const doc = await draft('2026-01');
    expect((await api('POST', `/api/v1/documents/${doc.id}/issue`)).status).toBe(200);
    expect(await takeAndDie(renderQueue)).toHaveLength(1);
    await waitForLeaseToRunOut();
    await env.runtime.queue.expireLeases();
    await env.runtime.queue.drain();
    const after = (await api('GET', `/api/v1/documents/${doc.id}`)).body;
    expect(after).toMatchObject({ status: 'issued', renderStatus: 'created' });
    expect((await api('GET', `/api/v1/documents/${doc.id}/pdf`)).status).toBe(200);
    expect(await jobStates(renderQueue)).not.toContain('active');
  });

  it('a live worker renewing its lease keeps its long job: nobody else runs it meanwhile', async () => {
    let runs = 0;
    await env.runtime.queue.register('test.slow', async () => {
      runs += 1;
      await sleep(2_500);
    });
    await env.runtime.deps.uow.run((s) => s.jobs.enqueue('test.slow', {}));
    const draining = env.runtime.queue.drain(['test.slow']);
    await sleep(1_600); // longer than the lease: only the heartbeat keeps the job
    await env.runtime.queue.expireLeases();
    expect(await jobStates('test.slow')).toEqual(['active']);
    await draining;
    expect(await env.runtime.queue.drain(['test.slow'])).toBe(0);
    expect(runs).toBe(1);
    expect(await jobStates('test.slow')).toEqual(['completed']);
  });

  it('a render that dies on every attempt leaves the document failed, and the operator renders it again', async () => {
    const doc = await draft('2025-11');
    expect((await api('POST', `/api/v1/documents/${doc.id}/issue`)).status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await takeAndDie(renderQueue)).toHaveLength(1);
      await waitForLeaseToRunOut();
      await env.runtime.queue.expireLeases();
      await sleep(50);
    }
    await env.runtime.queue.drain(); // runs the give-up handler
    const failed = (await api('GET', `/api/v1/documents/${doc.id}`)).body;
    expect(failed).toMatchObject({ status: 'issued', renderStatus: 'failed' });
    expect(failed.renderError).toContain('RENDER_GAVE_UP');
    expect((await api('GET', `/api/v1/documents/${doc.id}/pdf`)).status).toBe(409);

    const retried = await api('POST', `/api/v1/documents/${doc.id}/render`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ renderStatus: 'waiting', renderError: null, number: failed.number });
    await env.runtime.queue.drain();
    expect((await api('GET', `/api/v1/documents/${doc.id}`)).body).toMatchObject({
      renderStatus: 'created',
      number: failed.number,
    });
    const pdf = await api('GET', `/api/v1/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a draft is not rendered on its own: it is generated', async () => {
    const created = await api('POST', '/api/v1/documents', {
      type: 'invoice',
      customerId,
      periodStart: '2025-12-01',
      periodEnd: '2025-12-31',
      numberSequenceId: sequenceId,
    });
    const res = await api('POST', `/api/v1/documents/${created.body.id}/render`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DOCUMENT_IS_DRAFT');
    expect((await api('POST', '/api/v1/documents/doc_missing/render')).status).toBe(404);
  });

  it('an uploaded usage import killed half-way finishes by itself, each row stored once', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `imp-${i},${customerId},2026-01-1${i % 9}T08:00:00Z,${60 + i},outbound,34911111111,3460000${1000 + i}`,
    );
    const file = ['id,customer,start,secs,dir,from,to', ...rows].join('\n');
    const mapping = JSON.stringify({
      externalId: 'id',
      customerId: 'customer',
      startedAt: 'start',
      durationSeconds: 'secs',
      direction: 'dir',
      caller: 'from',
      callee: 'to',
    });
    const started = await api(
      'POST',
      `/api/v1/usage-imports?format=csv&batchSize=10&mapping=${encodeURIComponent(mapping)}`,
      file,
      { 'content-type': 'text/csv' },
    );
    expect(started.status).toBe(202);
    // The worker takes the job, commits one batch of ten rows, and dies.
    expect(await takeAndDie(USAGE_IMPORT_QUEUE)).toHaveLength(1);
    await runUsageImport(env.runtime.deps, tenantId, started.body.id, { maxBatches: 1 });
    const halfway = (await api('GET', `/api/v1/usage-imports/${started.body.id}`)).body;
    expect(halfway).toMatchObject({ status: 'running', processedRows: 10 });

    await waitForLeaseToRunOut();
    await env.runtime.queue.expireLeases();
    await env.runtime.queue.drain();
    const done = (await api('GET', `/api/v1/usage-imports/${started.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', processedRows: 30, accepted: 30, duplicates: 0 });
    const [{ n }] = await sql<{ n: number }>(
      `select count(*)::int as n from usage_records where tenant_id = $1 and external_id like 'imp-%'`,
      [tenantId],
    );
    expect(n).toBe(30);
  });
});
