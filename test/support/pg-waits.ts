import { sql, type SQL } from 'drizzle-orm';
import type { TestEnv } from './runtime.ts';

/** Resolves once `query` (a count) is above zero; polls every 50 ms for up to 20 s. */
export async function until(env: TestEnv, query: SQL): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = (await env.runtime.database.db.execute(query)) as unknown as { rows: Array<{ n: number }> };
    if (Number(rows[0]!.n) > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for the database to reach the expected state');
}

/** Counts this database's statements waiting on a lock and matching `what` (PostgreSQL only). */
export const waitingOn = (what: string) =>
  sql`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and ${sql.raw(what)}`;

/** Which of a statement finishing and it being seen waiting on an advisory lock comes first. */
export function finishesOrWaits(env: TestEnv, work: Promise<unknown>): Promise<'finished' | 'waits'> {
  return Promise.race([
    work.then(() => 'finished' as const),
    until(env, waitingOn(`wait_event = 'advisory'`)).then(() => 'waits' as const),
  ]);
}

/**
 * Runs `body` in a transaction that stays open until `release` is called: `ready` resolves with
 * what the body returned, `done` once the transaction has committed.
 */
export function heldTransaction<T>(env: TestEnv, body: (tx: TestEnv['runtime']['database']['db']) => Promise<T>) {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  let ready!: (value: T) => void;
  const readyPromise = new Promise<T>((r) => (ready = r));
  const done = env.runtime.database.db.transaction(async (tx) => {
    ready(await body(tx as unknown as TestEnv['runtime']['database']['db']));
    await released;
  });
  return { ready: readyPromise, release, done };
}
