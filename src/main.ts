import { overdueTask } from './app/payments/mark-overdue.ts';
import { demoPaymentsStep } from './app/demo/demo-payments.ts';
import { demoRerateStep } from './app/demo/demo-rerate.ts';
import { Temporal } from 'temporal-polyfill';
import { pino, type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { CallContext, Clock } from './app/context.ts';
import type { Deps } from './app/deps.ts';
import { openDatabase, migrateDatabase, type Database } from './db/connection.ts';
import { createUnitOfWork } from './db/unit-of-work.ts';
import { systemProcesses } from './system/process-identity.ts';
import { JobQueue, type QueueTiming } from './jobs/queue.ts';
import { buildHttpApp } from './http/app.ts';
import { runDue, type DueTask } from './app/scheduling/run-due.ts';
import { scheduledGenerationTask } from './app/sessions/run-scheduled-generation.ts';
import { ChromiumDocumentRenderer } from './documents/document-renderer.ts';
import { outputWriters } from './documents/outputs.ts';
import type { OutputWriters } from './app/ports/outputs.ts';
import {
  generateDocument,
  renderJobs,
  renderQueue,
  RENDER_BATCH_SIZE,
  type RenderJob,
} from './app/documents/render-document.ts';
import { generateQueue } from './app/documents/generate-document.ts';
import { giveUpRendering } from './app/documents/request-render.ts';
import { demoInvoicesStep } from './app/demo/demo-invoices.ts';
import { demoDocumentTypesStep } from './app/demo/demo-document-types.ts';
import { demoExportsStep, demoOutputsStep } from './app/demo/demo-outputs.ts';
import { sampleInvoiceTemplate } from './documents/xlsx/sample-template.ts';
import { USAGE_IMPORT_QUEUE } from './app/usage/start-usage-import.ts';
import { giveUpUsageImport, usageImportJob } from './app/usage/run-usage-import.ts';
import { demoUsageStep } from './app/usage/demo-usage.ts';
import { demoSessionsStep } from './app/demo/demo-sessions.ts';
import { SESSION_CHUNK_QUEUE } from './app/sessions/start-generation-session.ts';
import { BILL_RUN_CHUNK_QUEUE, BILL_RUN_CLOSE_QUEUE } from './app/bill-runs/start-bill-run.ts';
import {
  giveUpOperatorNotice,
  OPERATOR_NOTICE_QUEUE,
  sendOperatorNotice,
  type OperatorNoticeJob,
} from './app/delivery/operator-notices.ts';
import {
  closeAfterBillRun,
  giveUpBillRunChunk,
  runBillRunChunk,
  type BillRunChunkJob,
  type BillRunCloseJob,
} from './app/bill-runs/run-bill-run.ts';
import { billRunsTask } from './app/bill-runs/due-bill-runs.ts';
import { demoBillRunsStep } from './app/demo/demo-bill-runs.ts';
import { giveUpSessionChunk, runSessionChunk, type ChunkJob } from './app/sessions/run-session-chunk.ts';
import { demoWebhooksStep } from './app/demo/demo-webhooks.ts';
import { WEBHOOK_QUEUE, type DeliveryJob } from './app/webhooks/record-event.ts';
import { deliverWebhook, giveUpDelivery } from './app/webhooks/deliver-webhook.ts';
import type { WebhookConfig } from './app/webhooks/webhook-config.ts';
import { defaultRetryPolicy, type RetryPolicy } from './core/webhooks/index.ts';
import { HttpWebhookTransport } from './delivery/webhooks/http-transport.ts';
import { TARGET_POLICIES, type TargetPolicy } from './delivery/webhooks/address-policy.ts';
import type { MailServices } from './app/ports/mail.ts';
import { EMAIL_QUEUE } from './app/delivery/queue-email.ts';
import { emailBatchJob, emailQueueTask } from './app/delivery/send-queue.ts';
import { demoDeliveryStep } from './app/delivery/demo-delivery.ts';
import { smtpTransport, type SmtpTimeouts } from './delivery/smtp-transport.ts';
import { smtpAccountMailer, type PublicAddress } from './app/users/smtp-account-mailer.ts';
import { secretBox, secretKeyFor } from './delivery/secret-box.ts';
import { liquidMessages } from './delivery/message-templates.ts';
import { BULK_ACTION_QUEUE } from './app/bulk-actions/start-bulk-action.ts';
import { bulkActionJob, giveUpBulkAction } from './app/bulk-actions/run-bulk-action.ts';
import { demoBulkActionsStep } from './app/demo/demo-bulk-actions.ts';

export { backupEmbedded, restoreEmbedded } from './db/backup.ts';

export const version = '0.1.0';

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export interface RuntimeOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
  clock?: Clock;
  logger?: Logger;
  /** Start background workers that poll the queue (the serve worker role). */
  workers?: boolean;
  /** Jobs a worker process runs at once on PostgreSQL; by default TOLLBOOK_WORKER_JOBS, else 1. */
  workerJobs?: number;
  /** Job leases and retries; by default from TOLLBOOK_JOB_* variables, else the queue's defaults. */
  queueTiming?: Partial<QueueTiming>;
  /** Outbound webhooks; by default from TOLLBOOK_WEBHOOK_* variables (docs/webhooks.md). */
  webhooks?: WebhookOptions;
  /** The key secrets are encrypted with (hex or base64 of 32 bytes); by default TOLLBOOK_SECRET_KEY. */
  secretKey?: string | undefined;
  /** SMTP deadlines (tests shorten them). */
  smtpTimeouts?: Partial<SmtpTimeouts>;
  /** The address emailed account links start with; by default TOLLBOOK_PUBLIC_URL, else set by `serve`. */
  publicUrl?: string | undefined;
}

export interface WebhookOptions {
  targets?: TargetPolicy;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

/**
 * TOLLBOOK_WEBHOOK_TARGETS (public | loopback | any), _MAX_ATTEMPTS, _RETRY_BASE_SECONDS,
 * _RETRY_MAX_SECONDS, _TIMEOUT_SECONDS. Without a setting, the embedded database (a single
 * machine, the demo) may call loopback receivers and a PostgreSQL deployment only public ones.
 */
export function webhookConfigFrom(
  options: WebhookOptions,
  embedded: boolean,
  env: NodeJS.ProcessEnv = process.env,
): WebhookConfig {
  const int = (name: string, min: number) => {
    const value = Number(env[name]);
    return env[name] && Number.isInteger(value) && value >= min ? value : undefined;
  };
  const fromEnv = env.TOLLBOOK_WEBHOOK_TARGETS as TargetPolicy | undefined;
  const targets =
    options.targets ?? (fromEnv && TARGET_POLICIES.includes(fromEnv) ? fromEnv : embedded ? 'loopback' : 'public');
  const retry: RetryPolicy = {
    maxAttempts: int('TOLLBOOK_WEBHOOK_MAX_ATTEMPTS', 1) ?? defaultRetryPolicy.maxAttempts,
    baseDelaySeconds: int('TOLLBOOK_WEBHOOK_RETRY_BASE_SECONDS', 0) ?? defaultRetryPolicy.baseDelaySeconds,
    maxDelaySeconds: int('TOLLBOOK_WEBHOOK_RETRY_MAX_SECONDS', 0) ?? defaultRetryPolicy.maxDelaySeconds,
    ...options.retry,
  };
  const timeoutMs = options.timeoutMs ?? (int('TOLLBOOK_WEBHOOK_TIMEOUT_SECONDS', 1) ?? 10) * 1000;
  return { transport: new HttpWebhookTransport(targets), retry, timeoutMs };
}

/** TOLLBOOK_JOB_LEASE_SECONDS, _MAINTENANCE_SECONDS, _RETRY_DELAY_SECONDS, _RETRY_LIMIT (docs/reliability.md). */
export function queueTimingFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<QueueTiming> {
  const timing: Partial<QueueTiming> = {};
  const read = (name: string, key: keyof QueueTiming, min: number) => {
    const value = Number(env[name]);
    if (env[name] && Number.isInteger(value) && value >= min) timing[key] = value;
  };
  read('TOLLBOOK_JOB_LEASE_SECONDS', 'leaseSeconds', 1);
  read('TOLLBOOK_JOB_MAINTENANCE_SECONDS', 'maintenanceSeconds', 1);
  read('TOLLBOOK_JOB_RETRY_DELAY_SECONDS', 'retryDelaySeconds', 0);
  read('TOLLBOOK_JOB_RETRY_LIMIT', 'retryLimit', 0);
  return timing;
}

/** TOLLBOOK_WORKER_JOBS: how many jobs one worker process runs at once on PostgreSQL (1 to 8). */
export function workerJobsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.TOLLBOOK_WORKER_JOBS);
  return env.TOLLBOOK_WORKER_JOBS && Number.isInteger(value) && value >= 1 && value <= 8 ? value : 1;
}

/** The wired application: one per process (or per test file). */
export interface Runtime {
  database: Database;
  queue: JobQueue;
  deps: Deps;
  log: Logger;
  dueTasks: DueTask[];
  renderer: ChromiumDocumentRenderer;
  webhooks: WebhookConfig;
  /** Writers of XLSX, e-invoice, list-export and accounting files. */
  outputs: OutputWriters;
  mail: MailServices;
  /** Where emailed invitation and reset links point (null: links are only handed to admins). */
  publicAddress: PublicAddress;
  /** Steps later modules add to `tollbook demo`. */
  demoSteps: Array<(ctx: CallContext, customerIds: string[]) => Promise<void>>;
  buildHttp(): Promise<FastifyInstance>;
  runDue(asOf: Temporal.Instant): Promise<{ tasks: Array<{ name: string; result: unknown }>; jobsRun: number }>;
  close(): Promise<void>;
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'tollbook' } });
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.logger ?? createLogger();
  const clock = options.clock ?? systemClock;
  const database = await openDatabase({
    url: options.databaseUrl,
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  try {
    const queue = await database.exclusiveSetup(async () => {
      await migrateDatabase(database);
      return JobQueue.start(database.executor, log, {
        timing: options.queueTiming ?? queueTimingFromEnv(),
        // Behind its data-directory lock the embedded database has no other worker: any job still
        // active was left by a process that died, and is retried now.
        exclusive: database.kind === 'pglite',
      });
    });
    const uow = createUnitOfWork(database, (executor) => queue.enqueuerFor(executor));
    const deps: Deps = { uow, clock, processes: systemProcesses };
    const renderer = new ChromiumDocumentRenderer();
    const webhooks = webhookConfigFrom(options.webhooks ?? {}, database.kind === 'pglite');
    const mail: MailServices = {
      transport: smtpTransport(options.smtpTimeouts),
      secrets: secretBox(
        secretKeyFor({
          envKey: options.secretKey ?? process.env.TOLLBOOK_SECRET_KEY,
          dataDir: options.dataDir,
          embedded: database.kind === 'pglite',
        }),
      ),
      messages: liquidMessages(),
    };
    const publicAddress: PublicAddress = { url: options.publicUrl ?? (process.env.TOLLBOOK_PUBLIC_URL || null) };
    deps.accountMail = smtpAccountMailer(deps, mail, publicAddress);
    const giveUpRender = (data: Record<string, unknown>) => giveUpRendering(deps, data as unknown as RenderJob);
    // Creating a queue is schema setup too (pg-boss adds a table per queue).
    await database.exclusiveSetup(async () => {
      await queue.register(
        generateQueue,
        (data) => generateDocument(deps, renderer, data as unknown as RenderJob),
        giveUpRender,
      );
      // Renders are taken ten at a time: pages of one template print together, far cheaper each.
      await queue.registerBatch(
        renderQueue,
        RENDER_BATCH_SIZE,
        (jobs) =>
          renderJobs(
            deps,
            renderer,
            jobs.map((job) => job.data as unknown as RenderJob),
          ),
        giveUpRender,
      );
      await queue.register(USAGE_IMPORT_QUEUE, usageImportJob(deps), giveUpUsageImport(deps));
      await queue.register(
        SESSION_CHUNK_QUEUE,
        (data) => runSessionChunk(deps, data as unknown as ChunkJob),
        (data) => giveUpSessionChunk(deps, data as unknown as ChunkJob),
      );
      await queue.register(
        BILL_RUN_CHUNK_QUEUE,
        (data) => runBillRunChunk(deps, data as unknown as BillRunChunkJob),
        (data) => giveUpBillRunChunk(deps, data as unknown as BillRunChunkJob),
      );
      await queue.register(BILL_RUN_CLOSE_QUEUE, (data) => closeAfterBillRun(deps, data as unknown as BillRunCloseJob));
      await queue.register(
        WEBHOOK_QUEUE,
        (data) => deliverWebhook(deps, webhooks, data as unknown as DeliveryJob),
        (data) => giveUpDelivery(deps, data as unknown as DeliveryJob),
      );
      await queue.register(EMAIL_QUEUE, emailBatchJob({ deps, mail, outputs: outputWriters }));
      await queue.register(
        OPERATOR_NOTICE_QUEUE,
        (data) => sendOperatorNotice(deps, mail, data as unknown as OperatorNoticeJob),
        (data) => giveUpOperatorNotice(deps, data as unknown as OperatorNoticeJob),
      );
      await queue.register(BULK_ACTION_QUEUE, bulkActionJob(deps), giveUpBulkAction(deps));
    });
    // Scheduled tasks: each feature pushes its own here; `serve` runs them
    // once a minute and `run-due` on demand, then drains the queue.
    // Generation first, so that the same run's queue drain makes the documents it opened sessions for.
    const dueTasks: DueTask[] = [
      scheduledGenerationTask(deps),
      billRunsTask(deps),
      overdueTask(deps),
      emailQueueTask(deps),
    ];
    const demoSteps: Runtime['demoSteps'] = [];
    // Demo steps run in this order after the operator and its customers exist.
    demoSteps.push(demoUsageStep(deps, (line) => process.stderr.write(`${line}\n`)));
    demoSteps.push(
      demoInvoicesStep(
        deps,
        renderer,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
    );
    demoSteps.push(
      demoSessionsStep(
        deps,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
    );
    demoSteps.push(
      demoBillRunsStep(
        deps,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
    );
    demoSteps.push(
      demoDocumentTypesStep(
        deps,
        renderer,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
    );
    demoSteps.push(
      demoOutputsStep(deps, outputWriters, sampleInvoiceTemplate, (line) => process.stderr.write(`${line}\n`)),
      demoPaymentsStep(
        deps,
        renderer,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
      demoRerateStep(
        deps,
        renderer,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
      demoExportsStep(deps, (line) => process.stderr.write(`${line}\n`)),
      demoBulkActionsStep(
        deps,
        renderer,
        () => queue.drain(),
        (line) => process.stderr.write(`${line}\n`),
      ),
    );
    // Last, once the demo's documents and payments have recorded their events.
    demoSteps.push(demoWebhooksStep(deps, webhooks.transport, (line) => process.stderr.write(`${line}\n`)));
    demoSteps.push(demoDeliveryStep(deps, mail, (line) => process.stderr.write(`${line}\n`)));
    // The embedded database has one connection: its jobs run one at a time.
    if (options.workers)
      queue.startWorkers(500, database.kind === 'pglite' ? 1 : (options.workerJobs ?? workerJobsFromEnv()));
    return {
      database,
      queue,
      deps,
      log,
      dueTasks,
      demoSteps,
      renderer,
      webhooks,
      outputs: outputWriters,
      mail,
      publicAddress,
      buildHttp: () =>
        buildHttpApp(
          {
            deps,
            version,
            renderer,
            outputs: outputWriters,
            webhooks,
            mail,
            ping: async () => {
              await database.executor.executeSql('select 1', []);
            },
          },
          { logger: log },
        ),
      async runDue(asOf) {
        const tasks = await runDue(dueTasks, asOf);
        return { tasks, jobsRun: await queue.drain() };
      },
      async close() {
        await queue.stop();
        await renderer.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
