import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { finishesOrWaits, heldTransaction } from '../support/pg-waits.ts';
import { call, customer, ingest, planFor } from './support.ts';
import { USAGE_LOCK_CLASS, usageBound } from '../../src/db/repos/usage-claim-coverage-sql.ts';
import type { Db } from '../../src/db/types.ts';

// ADR 0016, amended: documents claiming usage hold the tenant's claim lock shared from their
// snapshot to their commit and take the ingestion gate only while they read the usage bound;
// whatever changes records takes both exclusively. Only PostgreSQL runs two transactions at once.
describe.runIf(process.env.TEST_DATABASE_URL)("The tenant's usage locks", () => {
  let env: TestEnv;
  const holds: Array<() => void> = [];
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2025-11-15T12:00:00Z' });
  });
  afterAll(async () => {
    for (const release of holds) release();
    await env.close();
  });

  const hold = <T>(body: (tx: Db) => Promise<T>) => {
    const held = heldTransaction(env, (tx) => body(tx as unknown as Db));
    holds.push(held.release);
    return held;
  };

  it('let claims run side by side and calls come in while a claim is open; a re-rate waits for the claims', async () => {
    const t = await env.newTenant();
    const c = await customer(t.api, { activationDate: '2025-01-01' });
    await planFor(t.api, c.id, [{ prefix: '355', pricePerMinute: '0.10', minimumSeconds: 0, incrementSeconds: 1 }]);
    expect(await ingest(t.api, [call({ customerId: c.id })])).toMatchObject({ accepted: 1 });

    const first = hold((tx) => usageBound(tx, t.tenantId));
    const firstBound = await first.ready;
    // A second claim of the same tenant (another chunk, another customer) does not wait for the first.
    const second = hold((tx) => usageBound(tx, t.tenantId));
    expect(await finishesOrWaits(env, second.ready)).toBe('finished');
    expect(await second.ready).toBe(firstBound);
    // Calls ingested while the claims are open get a later seq, out of both claims' reach.
    const ingested = ingest(t.api, [call({ customerId: c.id, startedAt: '2025-10-06T10:00:00Z' })]);
    expect(await finishesOrWaits(env, ingested)).toBe('finished');
    expect(await ingested).toMatchObject({ accepted: 1 });
    const { rows } = (await env.runtime.database.db.execute(
      sql`select max(seq)::text as seq from usage_records where tenant_id = ${t.tenantId}`,
    )) as unknown as { rows: Array<{ seq: string }> };
    expect(BigInt(rows[0]!.seq)).toBeGreaterThan(BigInt(firstBound));

    // A re-rate changes records: it waits until no claim is open.
    const rerate = t.api('POST', '/api/v1/usage-records/rerate', {
      customerId: c.id,
      from: '2025-10-01T00:00:00Z',
      to: '2025-11-01T00:00:00Z',
    });
    expect(await finishesOrWaits(env, rerate)).toBe('waits');
    first.release();
    await first.done;
    expect(await finishesOrWaits(env, rerate)).toBe('waits');
    second.release();
    await second.done;
    expect((await rerate).status).toBe(200);
  });

  it('read the usage bound only once no ingestion of the tenant is in flight', async () => {
    const t = await env.newTenant();
    // An ingestion batch holds the gate shared from its insert to its commit.
    const batch = hold((tx) =>
      tx.execute(sql`select pg_advisory_xact_lock_shared(${USAGE_LOCK_CLASS}, hashtext(${t.tenantId}))`),
    );
    await batch.ready;
    const claim = hold((tx) => usageBound(tx, t.tenantId));
    expect(await finishesOrWaits(env, claim.ready)).toBe('waits');
    batch.release();
    await batch.done;
    await claim.ready;
    claim.release();
    await claim.done;
  });
});
