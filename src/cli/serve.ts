import { openRuntime, type GlobalOptions } from './runtime.ts';

export interface ServeOptions extends GlobalOptions {
  port: string;
  host: string;
  role: 'all' | 'api' | 'worker';
  /** Printed with the URL after `demo --serve`, so the operator can call the API right away. */
  apiKey?: string;
}

/** API + docs + workers + scheduler in one process; `--role` splits them for scale-out. */
export async function serveCommand(opts: ServeOptions) {
  const started = performance.now();
  const runtime = await openRuntime(opts, { workers: opts.role !== 'api', logLevel: process.env.LOG_LEVEL ?? 'info' });
  const stopScheduler = opts.role !== 'api' ? startScheduler(runtime) : () => {};
  const app = opts.role !== 'worker' ? await runtime.buildHttp() : null;
  if (app) await app.listen({ port: Number(opts.port), host: opts.host });
  const url = `http://${opts.host}:${opts.port}`;
  const ms = Math.round(performance.now() - started);
  runtime.log.info({ url, role: opts.role, database: runtime.database.kind, startupMs: ms }, 'tollbook started');
  if (app) {
    process.stdout.write(
      `Tollbook is running at ${url}  (API docs: ${url}/api/docs, started in ${ms} ms on ${runtime.database.kind})\n`,
    );
    if (opts.apiKey)
      process.stdout.write(`Try: curl -H "Authorization: Bearer ${opts.apiKey}" ${url}/api/v1/customers\n`);
  }
  const shutdown = async () => {
    stopScheduler();
    if (app) await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Runs the due tasks once a minute as of the clock's now. */
function startScheduler(runtime: Awaited<ReturnType<typeof openRuntime>>): () => void {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      await runtime.runDue(runtime.deps.clock.now());
    } catch (error) {
      runtime.log.error({ err: error }, 'scheduler tick failed');
    }
  };
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
