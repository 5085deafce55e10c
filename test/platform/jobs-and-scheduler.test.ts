import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { workerJobsFromEnv } from '../../src/main.ts';

describe('Jobs are enqueued in the transaction of the change that caused them', () => {
  let env: TestEnv;
  const seen: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    env = await startTestEnv();
    await env.runtime.queue.register('test-echo', async (data) => {
      seen.push(data);
    });
  });
  afterAll(() => env.close());

  it('a job enqueued in a committed transaction runs when the queue is drained', async () => {
    await env.runtime.deps.uow.run((s) => s.jobs.enqueue('test-echo', { n: 1 }));
    expect(await env.runtime.queue.drain(['test-echo'])).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('a job enqueued in a transaction that rolls back never exists', async () => {
    await expect(
      env.runtime.deps.uow.run(async (s) => {
        await s.jobs.enqueue('test-echo', { n: 2 });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect(await env.runtime.queue.drain(['test-echo'])).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('a job enqueued to start later waits for its time, on either database', async () => {
    await env.runtime.deps.uow.run((s) => s.jobs.enqueue('test-echo', { n: 9 }, { startAfterSeconds: 30 }));
    const [row] = (
      await env.runtime.database.executor.executeSql(
        `select extract(epoch from start_after - now())::float as wait from pgboss.job where name = 'test-echo' and data->>'n' = '9'`,
        [],
      )
    ).rows as Array<{ wait: number }>;
    expect(row!.wait).toBeGreaterThan(20);
    expect(row!.wait).toBeLessThanOrEqual(31);
    expect(await env.runtime.queue.drain(['test-echo'])).toBe(0);
  });

  it('run-due runs every due task as of the given instant, then the queued jobs', async () => {
    const asOfs: string[] = [];
    env.runtime.dueTasks.push({
      name: 'probe',
      run: async (asOf) => {
        asOfs.push(asOf.toString());
        return { ok: true };
      },
    });
    await env.runtime.deps.uow.run((s) => s.jobs.enqueue('test-echo', { n: 3 }));
    const result = await env.runtime.runDue(Temporal.Instant.from('2024-03-01T00:00:00Z'));
    expect(asOfs).toEqual(['2024-03-01T00:00:00Z']);
    expect(result.tasks).toContainEqual({ name: 'probe', result: { ok: true } });
    expect(result.jobsRun).toBe(1);
  });
});

describe('A worker process can run several jobs at once', () => {
  let env: TestEnv;
  const ran: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    env = await startTestEnv();
    await env.runtime.queue.register('test-slow', async (data) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 40));
      ran.push(data.n as number);
      inFlight -= 1;
    });
  });
  afterAll(() => env.close());

  it('two drains side by side share the jobs: each runs once, two at a time', async () => {
    await env.runtime.deps.uow.run(async (s) => {
      for (let n = 1; n <= 8; n += 1) await s.jobs.enqueue('test-slow', { n });
    });
    expect(await env.runtime.queue.drainConcurrently(2, ['test-slow'])).toBe(8);
    expect([...ran].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(mostInFlight).toBe(2);
  });

  it('TOLLBOOK_WORKER_JOBS sets how many, from 1 to 8; anything else is 1', () => {
    expect(workerJobsFromEnv({ TOLLBOOK_WORKER_JOBS: '2' })).toBe(2);
    expect(workerJobsFromEnv({ TOLLBOOK_WORKER_JOBS: '8' })).toBe(8);
    for (const bad of ['0', '9', '1.5', 'two', ''])
      expect(workerJobsFromEnv({ TOLLBOOK_WORKER_JOBS: bad }), bad).toBe(1);
    expect(workerJobsFromEnv({})).toBe(1);
  });
});
