import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { until, waitingOn } from '../support/pg-waits.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { call, changeRates, customer, documentRow, ingest, ok, planFor } from '../usage/support.ts';
import { SESSION_CHUNK_QUEUE } from '../../src/app/sessions/start-generation-session.ts';

// ADR 0016: a session chunk holds the tenant's claim lock from its snapshot of the free usage to its
// commit, and a re-rate takes it exclusively before it touches a record. Only PostgreSQL runs two
// transactions at once (the embedded database has one connection, so there they run one by one).
describe.runIf(process.env.TEST_DATABASE_URL)('A re-rate while a session chunk is being written', () => {
  let env: TestEnv;
  // Lets the transaction that holds the chunk go, also when the test fails before it does.
  let release = () => {};
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(async () => {
    release();
    await env.close();
  });

  it('waits for the chunk to commit, then flags its new draft, which generated again bills the new prices', async () => {
    const t = await invoicingTenant(env);
    const c = await customer(t.api, { activationDate: '2018-01-01' });
    const plan = await planFor(
      t.api,
      c.id,
      [{ prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 }],
      {},
      '2018-01-01',
    );
    const at = (day: string) =>
      call({ customerId: c.id, callee: '355671234567', durationSeconds: 60, startedAt: `2018-10-${day}T10:00:00Z` });
    expect(await ingest(t.api, [at('05'), at('06')])).toMatchObject({ accepted: 2, rejected: [] });
    // The price list changes; the stored records keep 0.20 until they are re-rated.
    await changeRates(t.api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.1000', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    const session = await ok(
      t.api,
      'POST',
      '/api/v1/generation-sessions',
      { documentType: 'invoice', periodStart: '2018-10-01', periodEnd: '2018-10-31', customerIds: [c.id] },
      202,
    );

    // The chunk is held at its last step (moving the session's counters) by a transaction that
    // locks the session row: by then it has read the usage, inserted the draft and claimed the calls.
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = env.runtime.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from generation_sessions where id = ${session.id} for update`);
      locked();
      await held;
    });
    await isLocked;
    const drained = env.runtime.queue.drain([SESSION_CHUNK_QUEUE]);
    await until(env, waitingOn(`query ilike 'update "generation_sessions"%'`));

    const rerate = t.api('POST', '/api/v1/usage-records/rerate', {
      customerId: c.id,
      from: '2018-10-01T00:00:00Z',
      to: '2018-11-01T00:00:00Z',
    });
    const first = await Promise.race([
      rerate.then(() => 'the re-rate finished' as const),
      until(env, waitingOn(`wait_event = 'advisory'`)).then(() => 'the re-rate waits' as const),
    ]);
    expect(first).toBe('the re-rate waits');

    release();
    await holder;
    await drained;
    const done = await ok(t.api, 'GET', `/api/v1/generation-sessions/${session.id}`);
    expect(done).toMatchObject({ status: 'completed', counts: { documentsCreated: 1 } });
    const [draftId] = done.documentIds as string[];
    expect((await ok(t.api, 'GET', `/api/v1/documents/${draftId}`)).totals.usage).toBe('0.40');

    // The re-rate ran after the chunk committed: it found the calls on the new draft and flagged it.
    const rerated = await rerate;
    expect(rerated.status, rerated.raw).toBe(200);
    expect(rerated.body).toMatchObject({ changed: 2, documentsNeedingRegeneration: [draftId] });
    expect(await documentRow(env, draftId!)).toMatchObject({ needs_regeneration: true });

    await ok(t.api, 'POST', `/api/v1/documents/${draftId}/generate`, undefined, 202);
    await env.runtime.queue.drain();
    const regenerated = await ok(t.api, 'GET', `/api/v1/documents/${draftId}`);
    expect(regenerated.totals.usage).toBe('0.20');
    expect(regenerated.lines).toMatchObject([{ kind: 'usage', quantity: '2', unitPrice: '0.1' }]);
  });
});
