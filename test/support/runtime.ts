import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { startRuntime, type Runtime, type WebhookOptions } from '../../src/main.ts';
import { createTenant } from '../../src/app/tenancy/create-tenant.ts';
import { TestClock } from './clock.ts';
import type { QueueTiming } from '../../src/jobs/queue.ts';
import { adminQuery, templateDump, withDatabase } from './global-setup.ts';

export interface TestEnv {
  runtime: Runtime;
  http: FastifyInstance;
  clock: TestClock;
  databaseKind: 'pglite' | 'postgres';
  /** A new tenant with an admin key: tests isolate themselves by tenant. */
  newTenant(overrides?: {
    timezone?: string;
    currency?: string;
    name?: string;
  }): Promise<{ tenantId: string; apiKey: string; api: ApiClient }>;
  close(): Promise<void>;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: string;
  /** The body as bytes (PDF downloads). */
  bytes: Buffer;
}

export type ApiClient = <T = any>(
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiResponse<T>>;

/** Starts the whole application on a fresh clone of the migrated template database. */
export async function startTestEnv(
  options: { clock?: string; queueTiming?: Partial<QueueTiming>; webhooks?: WebhookOptions } = {},
): Promise<TestEnv> {
  const clock = new TestClock(options.clock);
  const queueTiming = options.queueTiming ?? {};
  // Tests call receivers on loopback and retry at once unless they say otherwise.
  const webhooks: WebhookOptions = { targets: 'loopback', retry: { baseDelaySeconds: 0 }, ...options.webhooks };
  const url = process.env.TEST_DATABASE_URL;
  let dropDatabase = async () => {};
  let runtime: Runtime;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  if (url) {
    const name = `tollbook_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name} template ${inject('pgTemplate')}`);
    dropDatabase = () => adminQuery(url, `drop database if exists ${name} with (force)`);
    // A server database has no data directory to keep a generated key in: tests bring their own.
    const secretKey = randomBytes(32).toString('hex');
    runtime = await startRuntime({
      databaseUrl: withDatabase(url, name),
      clock,
      logger,
      queueTiming,
      webhooks,
      secretKey,
    });
  } else {
    const dump = new Blob([readFileSync(templateDump)]);
    runtime = await startRuntime({ dataDir: 'memory://', loadDataDir: dump, clock, logger, queueTiming, webhooks });
  }
  const http = await runtime.buildHttp();
  await http.ready();
  return {
    runtime,
    http,
    clock,
    databaseKind: runtime.database.kind,
    async newTenant(overrides = {}) {
      const { tenant, apiKey } = await createTenant(runtime.deps, {
        name: overrides.name ?? 'Test Operator',
        timezone: overrides.timezone ?? 'Europe/Madrid',
        currency: overrides.currency ?? 'EUR',
      });
      return { tenantId: tenant.id, apiKey, api: apiClient(http, apiKey) };
    },
    async close() {
      await http.close();
      await runtime.close();
      await dropDatabase();
    },
  };
}

export function apiClient(http: FastifyInstance, apiKey: string | null): ApiClient {
  return async (method, url, body, headers = {}) => {
    const res = await http.inject({
      method: method as 'GET',
      url,
      headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
    let parsed: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body) parsed = JSON.parse(res.body);
    return { status: res.statusCode, body: parsed as any, headers: res.headers, raw: res.body, bytes: res.rawPayload };
  };
}
