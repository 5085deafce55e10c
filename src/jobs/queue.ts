import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobEnqueuer } from '../app/ports/jobs.ts';
import { killPoint } from '../app/reliability/kill-points.ts';
import { JobLeases, type SqlExecutor } from './leases.ts';

export type { SqlExecutor } from './leases.ts';

export type JobHandler = (data: Record<string, unknown>, job: { id: string; queue: string }) => Promise<void>;
/** Handles several jobs of a queue at once; answers per job null (done) or the error that failed it. */
export type BatchJobHandler = (
  jobs: Array<{ id: string; data: Record<string, unknown> }>,
) => Promise<Array<Error | null>>;

export interface QueueTiming {
  /** A job whose worker shows no sign of life for this long is retried elsewhere (default 60). */
  leaseSeconds: number;
  /** How often expired leases are looked for (default 30). */
  maintenanceSeconds: number;
  /** The wait before a failed or expired job runs again (default 5). */
  retryDelaySeconds: number;
  /** Attempts after the first before a job gives up (default 5). */
  retryLimit: number;
}

export const defaultQueueTiming: QueueTiming = {
  leaseSeconds: 60,
  maintenanceSeconds: 30,
  retryDelaySeconds: 5,
  retryLimit: 5,
};

export interface QueueStartOptions {
  timing?: Partial<QueueTiming>;
  /** True when no other process can use this database (embedded): active jobs are orphans. */
  exclusive?: boolean;
}

const SCHEMA = 'pgboss';
/** The queue a job moves to once it has used all its attempts; its give-up handler makes that visible. */
export const gaveUpQueue = (queue: string) => `${queue}.gave-up`;

/**
 * One queue on both databases (pg-boss). Use cases enqueue inside their own transaction through
 * `enqueuerFor(tx executor)`; workers either poll (`startWorkers`) or are drained on demand
 * (`drain`), which is how `run-due` and the tests process everything that is due, deterministically.
 *
 * A worker can die at any instruction. pg-boss supervision expires a job whose lease ran out
 * (see leases.ts) and retries it, up to `retryLimit`; after that the job is copied to its
 * give-up queue, whose handler records the failure where an operator sees it. Handlers are
 * therefore written to be run again: each one checks what already committed before it acts.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly batchHandlers = new Map<string, { handler: BatchJobHandler; size: number }>();
  private readonly created = new Set<string>();
  private polling = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
    private readonly leases: JobLeases,
    readonly timing: QueueTiming,
  ) {}

  static async start(executor: SqlExecutor, log: Logger, options: QueueStartOptions = {}): Promise<JobQueue> {
    const timing = { ...defaultQueueTiming, ...options.timing };
    const boss = new PgBoss({
      db: executor,
      schema: SCHEMA,
      supervise: true,
      maintenanceIntervalSeconds: timing.maintenanceSeconds,
      schedule: false,
      migrate: true,
    });
    boss.on('error', (error: Error) => log.error({ err: error }, 'job queue error'));
    await boss.start();
    const leases = new JobLeases(executor, SCHEMA, timing.leaseSeconds, (error) =>
      log.warn({ err: error }, 'job lease renewal failed'),
    );
    if (options.exclusive) {
      const orphans = await leases.endOrphanedLeases();
      if (orphans > 0) {
        log.warn({ jobs: orphans }, 'jobs left running by a process that stopped are retried');
        await boss.expire();
      }
    }
    return new JobQueue(boss, log, leases, timing);
  }

  /** Registers a handler; `onGiveUp` runs once for a job that used all its attempts. */
  async register(queue: string, handler: JobHandler, onGiveUp?: JobHandler): Promise<void> {
    if (onGiveUp) {
      await this.ensureQueue(gaveUpQueue(queue));
      this.handlers.set(gaveUpQueue(queue), onGiveUp);
    }
    await this.ensureQueue(queue);
    this.handlers.set(queue, handler);
  }

  /**
   * Registers a handler that takes up to `size` ready jobs of the queue at once, for work that is
   * much cheaper in bulk (printing PDFs). Each job still completes or fails, and retries, on its own.
   */
  async registerBatch(queue: string, size: number, handler: BatchJobHandler, onGiveUp?: JobHandler): Promise<void> {
    await this.register(
      queue,
      async (data, job) => {
        const [error] = await handler([{ id: job.id, data }]);
        if (error) throw error;
      },
      onGiveUp,
    );
    this.batchHandlers.set(queue, { handler, size: Math.max(1, Math.trunc(size)) });
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
        const gaveUp = gaveUpQueue(queue);
        await this.boss.send(queue, data, {
          db: executor,
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
          // An instant, not a number of seconds: pg-boss reads a number through a parameter that the
          // embedded database's driver types as a timestamp, where "30" fails to parse.
          ...(options.startAfterSeconds ? { startAfter: new Date(Date.now() + options.startAfterSeconds * 1000) } : {}),
          ...(this.created.has(gaveUp) ? { deadLetter: gaveUp } : {}),
          expireInSeconds: this.timing.leaseSeconds,
          retryLimit: this.timing.retryLimit,
          retryDelay: this.timing.retryDelaySeconds,
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
        // One job at a time: jobs spread over all live workers, and a worker that dies strands one.
        // Batch queues take a few at once; a worker that dies strands those few, retried alike.
        const batch = this.batchHandlers.get(queue);
        const jobs = (await this.boss.fetch<Record<string, unknown>>(queue, { batchSize: batch?.size ?? 1 })) ?? [];
        this.leases.hold(
          queue,
          jobs.map((job) => job.id),
        );
        if (batch && jobs.length > 0) {
          await this.runBatch(queue, batch.handler, jobs);
          ran += jobs.length;
          more = true;
          continue;
        }
        for (const job of jobs) {
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
      killPoint('jobs.handler-done');
      await this.boss.complete(queue, job.id);
    } catch (error) {
      this.log.warn({ err: error, queue, jobId: job.id }, 'job failed');
      await this.boss.fail(queue, job.id, { message: (error as Error).message });
    } finally {
      this.leases.release(queue, job.id);
    }
  }

  private async runBatch(queue: string, handler: BatchJobHandler, jobs: Array<PgBoss.Job<Record<string, unknown>>>) {
    let outcomes: Array<Error | null>;
    try {
      outcomes = await handler(jobs.map((job) => ({ id: job.id, data: job.data })));
    } catch (error) {
      outcomes = jobs.map(() => error as Error);
    }
    killPoint('jobs.handler-done');
    for (const [i, job] of jobs.entries()) {
      const error = outcomes[i] ?? null;
      try {
        if (error) {
          this.log.warn({ err: error, queue, jobId: job.id }, 'job failed');
          await this.boss.fail(queue, job.id, { message: error.message });
        } else await this.boss.complete(queue, job.id);
      } finally {
        this.leases.release(queue, job.id);
      }
    }
  }

  /** Retries now the jobs whose lease ran out (supervision does it every `maintenanceSeconds`). */
  async expireLeases(): Promise<void> {
    await this.boss.expire();
  }

  /**
   * Runs `loops` drains side by side until none has work left: what `loops` worker processes
   * would do, in one. Each loop claims its own jobs, so no job runs twice.
   */
  async drainConcurrently(loops: number, queues?: string[]): Promise<number> {
    const counts = await Promise.all(Array.from({ length: Math.max(1, Math.trunc(loops)) }, () => this.drain(queues)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * Polls every registered queue in the background (the `serve` worker role) with `loops` jobs
   * at a time: a chunk's Node work then overlaps another chunk's database work.
   */
  startWorkers(intervalMs = 500, loops = 1): void {
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
    for (let i = 0; i < Math.max(1, Math.trunc(loops)); i += 1) void tick();
  }

  async stop(): Promise<void> {
    this.polling = false;
    this.leases.stop();
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
