import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { call, customer, ingest, ok } from './support.ts';

/**
 * Given two operators on one Tollbook, the ids one sees for its usage records and rejections say
 * nothing about how much the other ingests: they are opaque, ordered by time, and numbered only
 * within the caller's own batch — not drawn from a counter that every tenant's records advance.
 */
describe('Usage ids do not reveal other tenants’ volume', () => {
  let env: TestEnv;
  let small: ApiClient;
  let big: ApiClient;
  let smallCustomer: string;
  let bigCustomer: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    small = (await env.newTenant({ name: 'Small Telecom' })).api;
    big = (await env.newTenant({ name: 'Big Telecom' })).api;
    smallCustomer = (await customer(small)).id;
    bigCustomer = (await customer(big)).id;
  });
  afterAll(() => env.close());

  /** The id without its time (9 base36 characters after the prefix) and its random tail. */
  const batchIndex = (id: string) => id.replace(/^[a-z]+_/, '').slice(9, 13);

  it('gives the same id shape before and after another tenant ingests thousands of records', async () => {
    await ingest(small, [call({ externalId: 's-1', customerId: smallCustomer }), { bad: 1 }]);
    for (let batch = 0; batch < 3; batch++) {
      await ingest(
        big,
        Array.from({ length: 1000 }, (_, i) =>
          call({ externalId: `b-${batch}-${i}`, customerId: i % 10 ? bigCustomer : 'cus_nobody' }),
        ),
      );
    }
    await ingest(small, [
      call({ externalId: 's-2', customerId: smallCustomer, startedAt: '2025-10-05T10:01:00Z' }),
      { worse: 2 },
    ]);

    const records = (await ok(small, 'GET', '/api/v1/usage-records')).data as Array<{ id: string }>;
    expect(records).toHaveLength(2);
    for (const r of records) expect(r.id).toMatch(/^ur_[0-9a-z]{25}$/);
    // Both records were the first of their batch; the 3,000 records in between left no trace.
    expect(records.map((r) => batchIndex(r.id))).toEqual(['0000', '0000']);

    const rejections = (await ok(small, 'GET', '/api/v1/usage-rejections')).data as Array<{ id: string }>;
    expect(rejections).toHaveLength(2);
    for (const r of rejections) expect(r.id).toMatch(/^urj_[0-9a-z]{25}$/);
    expect(rejections.map((r) => batchIndex(r.id))).toEqual(['0000', '0000']);
    expect(rejections[0]!.id < rejections[1]!.id).toBe(true);
  });

  it('still finds, pages, re-processes and discards by those ids', async () => {
    const first = await ok(small, 'GET', '/api/v1/usage-records?limit=1');
    const one = await ok(small, 'GET', `/api/v1/usage-records/${first.data[0].id}`);
    expect(one.externalId).toBe('s-1');
    const next = await ok(small, 'GET', `/api/v1/usage-records?limit=1&cursor=${first.nextCursor}`);
    expect(next.data.map((r: { externalId: string }) => r.externalId)).toEqual(['s-2']);
    expect((await small('GET', `/api/v1/usage-records/${first.data[0].id.replace(/.$/, '_')}`)).status).toBe(404);
    // Another tenant's id is not found, exactly like an id that never existed.
    expect((await big('GET', `/api/v1/usage-records/${first.data[0].id}`)).status).toBe(404);

    const rejections = (await ok(big, 'GET', '/api/v1/usage-rejections?limit=2')) as {
      data: Array<{ id: string }>;
      nextCursor: string;
    };
    const page2 = await ok(big, 'GET', `/api/v1/usage-rejections?limit=2&cursor=${rejections.nextCursor}`);
    expect(page2.data[0].id > rejections.data[1]!.id).toBe(true);
    await ok(big, 'POST', `/api/v1/usage-rejections/${rejections.data[0]!.id}/discard`, undefined, 204);
    const reprocessed = await ok(
      big,
      'POST',
      '/api/v1/usage-rejections/reprocess',
      { ids: [rejections.data[1]!.id] },
      200,
    );
    expect(reprocessed).toMatchObject({ processed: 1, stillRejected: 1 });
  });
});
