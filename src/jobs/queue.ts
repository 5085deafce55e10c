import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobEnqueuer } from '../app/ports/jobs.ts';

/** The SQL access pg-boss needs; the database adapter provides one per pool and per transaction. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export type JobHandler = (data: Record<string, unknown>, job: { id: string; queue: string }) => Promise<void>;

/**
 * One queue on both databases (pg-boss). Use cases enqueue inside their own transaction through
 * `enqueuerFor(tx executor)`; workers either poll (`startWorkers`) or are drained on demand
 * (`drain`), which is how `run-due` and the tests process everything that is due, deterministically.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly created = new Set<string>();
  private polling = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
  ) {}

  static async start(executor: SqlExecutor, log: Logger): Promise<JobQueue> {
    const boss = new PgBoss({ db: executor, schema: 'pgboss', supervise: false, schedule: false, migrate: true });
    boss.on('error', (error: Error) => log.error({ err: error }, 'job queue error'));
    await boss.start();
    return new JobQueue(boss, log);
  }

  async register(queue: string, handler: JobHandler): Promise<void> {
    await this.ensureQueue(queue);
    this.handlers.set(queue, handler);
  }

  private async ensureQueue(queue: string) {
    if (this.created.has(queue)) return;
    await this.boss.createQueue(queue);
    this.created.add(queue);
  }

  enqueuerFor(executor: SqlExecutor): JobEnqueuer {
    return {
      enqueue: async (queue, data, options = {}) => {
        if (!this.created.has(queue)) throw new Error(`queue ${queue} is not registered`);
        await this.boss.send(queue, data, {
          db: executor,
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
          ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
          retryLimit: 2,
          retryDelay: 5,
        } as PgBoss.SendOptions);
      },
    };
  }

  /** Runs every job that is ready now, queue by queue, until none is left. Returns how many ran. */
  async drain(queues: string[] = [...this.handlers.keys()]): Promise<number> {
    let ran = 0;
    for (let more = true; more;) {
      more = false;
      for (const queue of queues) {
        const jobs = await this.boss.fetch<Record<string, unknown>>(queue, { batchSize: 20 });
        for (const job of jobs ?? []) {
          await this.runOne(queue, job);
          ran += 1;
          more = true;
        }
      }
    }
    return ran;
  }

  private async runOne(queue: string, job: PgBoss.Job<Record<string, unknown>>) {
    const handler = this.handlers.get(queue);
    try {
      if (!handler) throw new Error(`no handler for queue ${queue}`);
      await handler(job.data, { id: job.id, queue });
      await this.boss.complete(queue, job.id);
    } catch (error) {
      this.log.warn({ err: error, queue, jobId: job.id }, 'job failed');
      await this.boss.fail(queue, job.id, { message: (error as Error).message });
    }
  }

  /** Polls every registered queue in the background (the `serve` worker role). */
  startWorkers(intervalMs = 500): void {
    if (this.polling) return;
    this.polling = true;
    const tick = async () => {
      if (!this.polling) return;
      try {
        await this.drain();
      } catch (error) {
        this.log.error({ err: error }, 'worker loop error');
      }
      if (this.polling) setTimeout(tick, intervalMs).unref();
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.polling = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
