import type { Temporal } from 'temporal-polyfill';

/**
 * A periodic duty of the scheduler. Each runs "as of" a given instant, so the same code serves the
 * live scheduler (once a minute in `serve`), `tollbook run-due --as-of` back-fills and tests. A
 * task must be idempotent for a given instant. Features register their own tasks when the runtime
 * is wired (main.ts); `run-due` lists what ran, so its output always says what exists.
 */
export interface DueTask {
  name: string;
  run(asOf: Temporal.Instant): Promise<unknown>;
}

export async function runDue(
  tasks: DueTask[],
  asOf: Temporal.Instant,
): Promise<Array<{ name: string; result: unknown }>> {
  const results: Array<{ name: string; result: unknown }> = [];
  for (const task of tasks) results.push({ name: task.name, result: await task.run(asOf) });
  return results;
}
