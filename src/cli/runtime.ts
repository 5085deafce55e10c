import { createLogger, startRuntime, type Runtime } from '../main.ts';

export interface GlobalOptions {
  dataDir?: string;
}

/** Every command honours DATABASE_URL and, without it, the embedded database in --data-dir. */
export function openRuntime(
  opts: GlobalOptions,
  extra: { workers?: boolean; logLevel?: string } = {},
): Promise<Runtime> {
  return startRuntime({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: opts.dataDir,
    logger: createLogger(extra.logLevel ?? process.env.LOG_LEVEL ?? 'warn'),
    workers: extra.workers ?? false,
  });
}
