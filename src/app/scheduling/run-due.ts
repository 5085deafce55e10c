import type { Temporal } from 'temporal-polyfill';

/**
 * A periodic duty of the scheduler (periodic generation, overdue marking, the send queue ...).
 * Each runs "as of" a given instant, so the same code serves the live scheduler, `tollbook run-due
 * --as-of` back-fills and tests. A task must be idempotent for a given instant.
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
