import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestEnv, type TestEnv } from '../support/runtime.ts';
import {
  fromSchema,
  junkSegments,
  junkStrings,
  junkValue,
  mutate,
  seededRng,
  toJsonText,
  type JsonSchema,
  type Rng,
} from '../support/fuzz-inputs.ts';

/**
 * Throws hostile requests at every route the OpenAPI document lists: bodies that nearly follow the
 * route's schema with one field replaced, junk JSON, deep nesting, bytes that are not UTF-8, other
 * charsets and media types, junk query strings and path segments (some real ids, to reach deeper
 * code), and every kind of credential. No answer may be a 5xx, and every error is problem+json
 * with a stable code. Bounded by count (FUZZ_REQUESTS) and time (FUZZ_SECONDS); FUZZ_SEED replays
 * (FUZZ_CONCURRENCY=1 replays in exactly the same order).
 */

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);

interface Route {
  method: string;
  path: string;
  query: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | null;
}

type Operation = {
  parameters?: Array<{ in: string; name: string; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
};

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

describe('Every route survives hostile input', () => {
  let env: TestEnv;
  let routes: Route[];
  let ids: string[];
  const keys: Record<'admin' | 'viewer' | 'other', string> = { admin: '', viewer: '', other: '' };

  beforeAll(async () => {
    env = await startTestEnv();
    const tenant = await env.newTenant();
    const api = tenant.api;
    keys.admin = tenant.apiKey;
    keys.other = (await env.newTenant()).apiKey;
    keys.viewer = (await api('POST', '/api/v1/api-keys', { name: 'Fuzz viewer', role: 'viewer' })).body.key;
    const doc = (await api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      })),
    );
    ids = await seedResources(api);
  }, 120_000);
  afterAll(() => env.close());

  it(
    `answers ${REQUESTS} hostile requests without a 5xx, every error as problem+json with a code`,
    async () => {
      expect(routes.length).toBeGreaterThan(50);
      const rng = seededRng(SEED);
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      const started = performance.now();
      let sent = 0;
      // Requests are built in one deterministic sequence and run a few at a time, so that the
      // database works while the server parses the next one.
      const inFlight = new Set<Promise<void>>();
      while (sent < REQUESTS && performance.now() - started < SECONDS * 1000) {
        const request = buildRequest(rng, rng.pick(routes));
        sent++;
        const done: Promise<void> = env.http.inject(request as InjectOptions).then((res) => {
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const problem = checkResponse(res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
          if (problem && failures.length < 25) failures.push(`${describeRequest(request)} → ${problem}`);
        });
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done));
        if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const tally = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
      console.log(
        `route fuzzer (${env.databaseKind}, seed ${SEED}): ${sent} requests over ${routes.length} routes in ${seconds}s; ${tally.join(' ')}`,
      );
      expect(failures).toEqual([]);
      // The time bound is a guard for a starved machine, not a way to pass with a handful of requests.
      expect(sent).toBeGreaterThanOrEqual(Math.min(REQUESTS, 2_000));
    },
    (SECONDS + 60) * 1000,
  );

  function buildRequest(rng: Rng, route: Route): Request {
    const headers: Record<string, string> = {};
    const auth = credential(rng);
    if (auth !== null) headers.authorization = auth;
    if (rng.chance(0.08))
      headers['idempotency-key'] = rng.pick(['k', 'x'.repeat(300), ' ', 'ключ', `k-${rng.int(50)}`]);
    if (rng.chance(0.05)) headers.accept = rng.pick(['text/csv', 'application/xml', '*/*;q=0', 'garbage']);
    const path = route.path.replace(/\{[^}]+\}/g, () =>
      rng.chance(0.5) ? encodeURIComponent(rng.pick(ids)) : rng.pick(junkSegments),
    );
    const query = queryString(rng, route);
    const url = `${path}${query ? `?${query}` : ''}`;
    const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method) || rng.chance(0.03);
    if (!withBody) return { method: route.method, url, headers };
    const { payload, contentType } = body(rng, route);
    if (contentType !== null) headers['content-type'] = contentType;
    return { method: route.method, url, headers, payload };
  }

  function credential(rng: Rng): string | null {
    const roll = rng.next();
    if (roll < 0.8) return `Bearer ${keys.admin}`;
    if (roll < 0.85) return `Bearer ${keys.viewer}`;
    if (roll < 0.88) return `Bearer ${keys.other}`;
    if (roll < 0.92) return null;
    return rng.pick(['Bearer ', 'Bearer tbk_nope', `Basic ${keys.admin}`, 'bearer', `Bearer ${'k'.repeat(5000)}`]);
  }

  function queryString(rng: Rng, route: Route): string {
    const params = new URLSearchParams();
    for (const { name, schema } of route.query) {
      if (!rng.chance(0.4)) continue;
      const value = rng.chance(0.6) ? fromSchema(rng, schema, ids, name) : junkValue(rng);
      params.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      if (rng.chance(0.05)) params.append(name, rng.pick(junkStrings));
    }
    if (rng.chance(0.1)) params.append(rng.pick(['cursor', 'limit', 'unknown', '']), rng.pick(junkStrings));
    let text = params.toString();
    if (rng.chance(0.03)) text += rng.pick(['&%', '&a=%E0%A4%A', '&&&', '&x=%00']);
    return text;
  }

  function body(rng: Rng, route: Route): { payload: string | Buffer; contentType: string | null } {
    const json = 'application/json';
    if (route.path.endsWith('/import') || route.path.endsWith('/usage-imports')) {
      if (rng.chance(0.6)) return { payload: csvJunk(rng), contentType: rng.pick(['text/csv', 'text/plain']) };
    }
    const schema = route.body ?? {};
    const valid = () => fromSchema(rng, schema, ids);
    const roll = rng.int(20);
    if (roll < 11)
      return { payload: toJsonText(rng, rng.int(3) === 0 ? valid() : mutate(rng, valid())), contentType: json };
    if (roll < 13) return { payload: toJsonText(rng, junkValue(rng)), contentType: json };
    if (roll === 13) {
      // Written as text: JSON.stringify itself would overflow the stack on the deepest ones.
      const levels = rng.pick([63, 65, 5_000, 100_000]);
      return { payload: `{"name":${'['.repeat(levels)}1${']'.repeat(levels)}}`, contentType: json };
    }
    if (roll === 14) {
      const text = Buffer.from(JSON.stringify(valid()));
      return {
        payload: Buffer.concat([
          text.subarray(0, text.length >> 1),
          Buffer.from([0xc3, 0x28, 0xff]),
          text.subarray(text.length >> 1),
        ]),
        contentType: json,
      };
    }
    if (roll === 15) {
      const charset = rng.pick(['utf-16', 'UTF-16LE', 'latin1', 'utf-8', '"utf-8"', 'bogus']);
      return {
        payload: Buffer.from(JSON.stringify(valid()), rng.chance(0.5) ? 'utf16le' : 'utf8'),
        contentType: `${json}; charset=${charset}`,
      };
    }
    if (roll === 16)
      return {
        payload: JSON.stringify(valid()),
        contentType: rng.pick([
          'application/xml',
          'text/html',
          'multipart/form-data',
          '',
          'application/x-www-form-urlencoded',
        ]),
      };
    if (roll === 17) return { payload: JSON.stringify(valid()).slice(0, -1 - rng.int(5)), contentType: json };
    if (roll === 18) return { payload: rng.pick(['', ' ', 'null', '[]', '""', '\uFEFF{}']), contentType: json };
    return { payload: JSON.stringify(valid()), contentType: null };
  }

  function csvJunk(rng: Rng): string {
    const header = rng.pick(['externalId,startedAt,durationSeconds,caller,callee', 'prefix,name', 'a,b,"c', '']);
    const rows = Array.from({ length: 1 + rng.int(4) }, () =>
      [rng.pick(junkStrings), '2025-12-01T10:00:00Z', String(junkValue(rng)), '3491', rng.pick(junkStrings)].join(','),
    );
    return [header, ...rows].join(rng.pick(['\n', '\r\n', '\r']));
  }

  /** Customers, a draft invoice, catalog entries and usage, so that real ids reach deeper code. */
  async function seedResources(api: ReturnType<typeof apiClient>): Promise<string[]> {
    const customer = await api('POST', '/api/v1/customers', { name: 'Fuzz Customer', currency: 'EUR' });
    const destination = await api('POST', '/api/v1/destinations', { prefix: '35567', name: 'Albania mobile' });
    const plan = await api('POST', '/api/v1/rate-plans', {
      name: 'Fuzz Retail',
      currency: 'EUR',
      rates: [
        { prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
      ],
    });
    const assignment = await api('POST', '/api/v1/rate-plan-assignments', {
      customerId: customer.body.id,
      ratePlanId: plan.body.id,
      validFrom: '2025-01-01',
    });
    await api('POST', '/api/v1/usage-records', {
      records: [
        {
          externalId: 'fz-1',
          customerId: customer.body.id,
          startedAt: '2025-12-05T10:00:00Z',
          durationSeconds: 61,
          caller: '3491',
          callee: '355671234567',
        },
        {
          externalId: 'fz-2',
          customerId: 'nobody',
          startedAt: '2025-12-05T10:00:00Z',
          durationSeconds: 61,
          caller: '3491',
          callee: '355671234567',
        },
      ],
    });
    const record = await api('GET', '/api/v1/usage-records?limit=1');
    const rejection = await api('GET', '/api/v1/usage-rejections?limit=1');
    const document = await api('POST', '/api/v1/documents', {
      customerId: customer.body.id,
      periodStart: '2025-12-01',
      periodEnd: '2025-12-31',
    });
    const fixedCost = await api('POST', '/api/v1/fixed-costs', { name: 'Line rental', cost: '20.00' });
    const candidates = [
      customer.body.id,
      destination.body.id,
      plan.body.id,
      assignment.body.id,
      record.body.data?.[0]?.id,
      rejection.body.data?.[0]?.id,
      document.body.id,
      fixedCost.body.id,
      '35567',
      'sw1',
    ];
    return candidates.filter((id): id is string => typeof id === 'string');
  }
});

/** Null when the answer is acceptable, else why not. */
function checkResponse(status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `${status} ${body.slice(0, 300)}`;
  if (status < 400) return null;
  if (!contentType.includes('application/problem+json'))
    return `${status} with ${contentType || 'no content type'}: ${body.slice(0, 200)}`;
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? null : `${status} without a stable code`;
  } catch {
    return `${status} with a body that is not JSON`;
  }
}

function describeRequest(request: Request): string {
  const payload = request.payload === undefined ? '' : ` ${String(request.payload).slice(0, 160)}`;
  const shown = Object.entries(request.headers).filter(([name]) => name !== 'authorization');
  const type = shown.length ? ` [${shown.map(([name, value]) => `${name}: ${value.slice(0, 40)}`).join('; ')}]` : '';
  return `${request.method} ${request.url.slice(0, 200)}${type}${payload}`;
}
