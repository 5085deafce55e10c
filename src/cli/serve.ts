import { openRuntime, type GlobalOptions } from './runtime.ts';
import { conflict, refused, unreadable } from '../app/errors.ts';
import type { Runtime } from '../main.ts';

export interface ServeOptions extends GlobalOptions {
  port: string;
  host: string;
  role: 'all' | 'api' | 'worker';
  /** Printed with the URL after `demo --serve`, so the operator can call the API right away. */
  apiKey?: string;
}

function portOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw unreadable('INVALID_PORT', `--port ${value} is not a port number (0 to 65535)`);
  return port;
}

/** A listen failure as the operator can act on it (the raw one is `listen EADDRINUSE …`). */
function listenFailure(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return conflict(
      'PORT_IN_USE',
      `port ${port} on ${host} is already in use by another program; stop it or pass another --port`,
    );
  if (code === 'EACCES')
    return refused('PORT_NOT_ALLOWED', `this user may not listen on port ${port}; pass a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return unreadable('INVALID_HOST', `cannot listen on ${host}: no such local address`);
  return error;
}

/** API + docs + workers + scheduler in one process; `--role` splits them for scale-out. */
export async function serveCommand(opts: ServeOptions) {
  const started = performance.now();
  const port = portOf(opts.port);
  const runtime = await openRuntime(opts, { workers: opts.role !== 'api', logLevel: process.env.LOG_LEVEL ?? 'info' });
  const stopScheduler = opts.role !== 'api' ? startScheduler(runtime) : () => {};
  const app = opts.role !== 'worker' ? await runtime.buildHttp() : null;
  try {
    if (app) await app.listen({ port, host: opts.host });
  } catch (error) {
    // Nothing may keep running (workers, the data-directory lock) once serving is impossible.
    stopScheduler();
    await app?.close().catch(() => {});
    await runtime.close();
    throw listenFailure(error, opts.host, port);
  }
  const url = `http://${opts.host}:${opts.port}`;
  // Emailed links need an address people can open: a wildcard host has none to offer, so then
  // only TOLLBOOK_PUBLIC_URL gives one (else admins hand the links out themselves).
  if (app && !runtime.publicAddress.url && !['0.0.0.0', '::', '[::]'].includes(opts.host))
    runtime.publicAddress.url = url;
  const ms = Math.round(performance.now() - started);
  runtime.log.info({ url, role: opts.role, database: runtime.database.kind, startupMs: ms }, 'tollbook started');
  if (app) {
    process.stdout.write(
      `Tollbook is running at ${url}  (API docs: ${url}/api/docs, started in ${ms} ms on ${runtime.database.kind})\n`,
    );
    process.stdout.write(`Web app: ${url} (staff), ${url}/portal (customers)\n`);
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
function startScheduler(runtime: Runtime): () => void {
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
