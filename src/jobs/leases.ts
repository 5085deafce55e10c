/** The SQL access pg-boss needs; the database adapter provides one per pool and per transaction. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * How long a job may go without a sign of life before another worker takes it over, and how the
 * live worker gives that sign. pg-boss expires a job `expireIn` seconds after `started_on`; a
 * worker that is still running a job moves `started_on` forward every third of the lease, so a
 * long import or a slow render on a live peer is never stolen, while the jobs of a process that
 * died expire one lease after its last heartbeat and are retried by whoever is alive.
 */
export class JobLeases {
  private readonly held = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly schema: string,
    readonly leaseSeconds: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts renewing the lease of jobs this worker fetched (running or waiting their turn here). */
  hold(queue: string, ids: string[]): void {
    if (!ids.length) return;
    const set = this.held.get(queue) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.held.set(queue, set);
    this.timer ??= setInterval(() => void this.renew(), Math.max(250, (this.leaseSeconds * 1000) / 3));
    this.timer.unref();
  }

  release(queue: string, id: string): void {
    const set = this.held.get(queue);
    set?.delete(id);
    if (set && set.size === 0) this.held.delete(queue);
    if (this.held.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async renew(): Promise<void> {
    for (const [queue, ids] of this.held) {
      try {
        await this.executor.executeSql(
          `update ${this.schema}.job set started_on = now() where name = $1 and id = any($2::uuid[]) and state = 'active'`,
          [queue, [...ids]],
        );
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /**
   * On a database only this process can open (the embedded one, behind its data-directory lock),
   * every job still `active` belongs to a process that died: its lease is ended now instead of
   * waiting for it to run out.
   */
  async endOrphanedLeases(): Promise<number> {
    const { rows } = await this.executor.executeSql(
      `update ${this.schema}.job set started_on = now() - expire_in - interval '1 second' where state = 'active' returning id`,
      [],
    );
    return rows.length;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.held.clear();
  }
}
