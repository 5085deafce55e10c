import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';

/**
 * Throws generated junk at every route the OpenAPI document lists — path parameters, query strings
 * and bodies — and requires that none answers with a 5xx: bad input is always the caller's 4xx.
 */
describe('Every route survives junk input', () => {
  let env: TestEnv;
  let api: ApiClient;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    env = await startTestEnv();
    api = (await env.newTenant()).api;
    const doc = (await api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => env.close());

  const junkValue = fc.oneof(
    fc.jsonValue(),
    fc.string(),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '💥',
      '-1',
      '1e309',
      'NaN',
      '../../etc/passwd',
      "' or 1=1 --",
      '%',
      '{{7*7}}',
      'x'.repeat(5000),
    ),
  );
  const junkBody = fc.oneof(
    fc.dictionary(
      fc.constantFrom(
        'name',
        'timezone',
        'currency',
        'amount',
        'records',
        'periodStart',
        'id',
        'role',
        'numbers',
        'address',
        'x',
      ),
      junkValue,
    ),
    fc.jsonValue(),
  );
  const junkSegment = fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom('0', '-1', 'null', '%00', '..', 'cus_x', '\u2603'),
  );

  it('no route answers 5xx to generated junk', async () => {
    expect(routes.length).toBeGreaterThan(5);
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        junkSegment,
        junkBody,
        fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })),
        async (route, segment, body, query) => {
          const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(segment));
          const qs = new URLSearchParams(query).toString();
          const url = `${path}${qs ? `?${qs}` : ''}`;
          const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
          const res = await api(
            route.method,
            url,
            withBody ? JSON.stringify(body) : undefined,
            withBody ? { 'content-type': 'application/json' } : {},
          );
          if (res.status >= 500)
            failures.push(
              `${route.method} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${res.raw.slice(0, 300)}`,
            );
          return res.status < 500;
        },
      ),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
    );
    expect(failures).toEqual([]);
  });
});
