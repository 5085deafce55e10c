import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';

/**
 * A hostile client gets a 4xx problem+json with a stable code for every kind of malformed input
 * below, never a 500: deep nesting, forged cursors, NULs inside batch records, bytes that are not
 * UTF-8, bodies in another charset, and the errors Fastify raises before any route runs.
 */
describe('Hostile input is the caller’s 4xx, never our 5xx', () => {
  let env: TestEnv;
  let api: ApiClient;
  let customerId: string;

  beforeAll(async () => {
    env = await startTestEnv();
    api = (await env.newTenant()).api;
    const customer = await api('POST', '/api/v1/customers', { name: 'Nested Ltd', currency: 'EUR' });
    customerId = customer.body.id;
  });
  afterAll(() => env.close());

  const json = { 'content-type': 'application/json' };
  const expectProblem = (res: { status: number; headers: Record<string, unknown>; body: any }, status: number) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.body.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  };

  it('refuses JSON nested 100,000 deep with 400 VALIDATION_FAILED on every JSON route', async () => {
    const deep = `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const url of ['/api/v1/customers', '/api/v1/usage-records', '/api/v1/documents']) {
      const res = await api('POST', url, deep, json);
      expectProblem(res, 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors[0]).toMatchObject({ code: 'NESTING_TOO_DEEP' });
    }
    // Unbalanced brackets inside strings do not count as nesting.
    const inString = await api('POST', '/api/v1/customers', { name: `Brackets ${'['.repeat(150)}`, currency: 'EUR' });
    expect(inString.status).toBe(201);
  });

  it('answers a cursor that is not one a list returned with 400 INVALID_CURSOR on every list', async () => {
    const lists = [
      '/api/v1/customers',
      '/api/v1/documents',
      '/api/v1/invoices',
      '/api/v1/audit-events',
      '/api/v1/usage-records',
      '/api/v1/usage-rejections',
      '/api/v1/usage-imports',
      '/api/v1/destinations',
      '/api/v1/rate-plans',
      '/api/v1/rate-plan-assignments',
    ];
    // AAAA decodes to three NUL bytes; the others are not base64url, not UTF-8, or re-encode differently.
    for (const cursor of ['AAAA', '_w', '%00', 'ab=c', 'Zm9v-', '////']) {
      for (const list of lists) {
        const res = await api('GET', `${list}?cursor=${encodeURIComponent(cursor)}`);
        expectProblem(res, 400);
        expect(res.body.code, `${list} ${cursor}`).toBe('INVALID_CURSOR');
        expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'cursor', code: 'INVALID_CURSOR' }));
      }
    }
  });

  it('still pages with the cursors it hands out', async () => {
    for (let i = 0; i < 3; i++) await api('POST', '/api/v1/customers', { name: `Pager ${i}`, currency: 'EUR' });
    const first = await api('GET', '/api/v1/customers?limit=2');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api('GET', `/api/v1/customers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.data[0].id > first.body.data[1].id).toBe(true);
  });

  it('keeps the good records of a batch when another record has a NUL in a key or value', async () => {
    const good = {
      externalId: 'nul-good-1',
      source: 'sw-nul',
      customerId,
      startedAt: '2026-01-02T10:00:00Z',
      durationSeconds: 60,
      caller: '34911111111',
      callee: '355671234567',
    };
    const res = await api('POST', '/api/v1/usage-records', {
      records: [good, { 'a\u0000': 1 }, { ...good, externalId: 'nul-\u0000', source: 'sw\u0000' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'UNKNOWN_FIELD'],
      [2, 'INVALID_ENCODING'],
    ]);
    expect(res.body.rejected[0].detail).not.toContain('\u0000');
    const kept = await api('GET', '/api/v1/usage-records?source=sw-nul');
    expect(kept.body.data.map((r: { externalId: string }) => r.externalId)).toEqual(['nul-good-1']);
    const rejections = await api('GET', '/api/v1/usage-rejections?status=open');
    expect(rejections.body.data.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['UNKNOWN_FIELD', 'INVALID_ENCODING']),
    );
  });

  it('answers and replays an idempotent request whose error echoes a NUL it was sent', async () => {
    const csv = 'code\u0000x,label\n35567,Albania mobile\n';
    const headers = { 'content-type': 'text/csv', 'idempotency-key': 'echoes-nul' };
    const first = await api('POST', '/api/v1/destinations/import', csv, headers);
    expectProblem(first, 400);
    expect(first.body.code).toBe('MISSING_COLUMNS');
    const replay = await api('POST', '/api/v1/destinations/import', csv, headers);
    expectProblem(replay, 400);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.code).toBe('MISSING_COLUMNS');
  });

  it('refuses a JSON body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xe9]), Buffer.from('","currency":"EUR"}')]);
    const res = await env.http.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...json, authorization: (await authHeader()).authorization },
      payload: bytes,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('INVALID_ENCODING');
  });

  it('refuses a lone surrogate escape, which the database driver would store as U+FFFD', async () => {
    const res = await api('POST', '/api/v1/customers', '{"name":"Half \\ud83d pair","currency":"EUR"}', json);
    expectProblem(res, 400);
    expect(res.body.errors[0]).toMatchObject({ field: 'name', code: 'INVALID_CHARACTER' });
    const pair = await api('POST', '/api/v1/customers', '{"name":"Whole \\ud83d\\ude00 pair","currency":"EUR"}', json);
    expect(pair.status).toBe(201);
    expect(pair.body.name).toBe('Whole 😀 pair');
  });

  it('refuses a body declared in a charset other than UTF-8 with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const payload = Buffer.from('{"name":"Utf16","currency":"EUR"}', 'utf16le');
    for (const charset of ['utf-16', 'UTF-16LE', 'latin1']) {
      const res = await api('POST', '/api/v1/customers', payload.toString('latin1'), {
        'content-type': `application/json; charset=${charset}`,
      });
      expectProblem(res, 415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const utf8 = await api('POST', '/api/v1/customers', JSON.stringify({ name: 'Utf8', currency: 'EUR' }), {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(utf8.status).toBe(201);
  });

  it('maps Fastify’s own errors to problem+json with stable codes', async () => {
    const longParam = await api('GET', `/api/v1/customers/${'x'.repeat(5000)}`);
    expectProblem(longParam, 414);
    expect(longParam.body.code).toBe('URI_TOO_LONG');
    const badUrl = await api('GET', '/api/v1/customers/%E0%A4%A');
    expectProblem(badUrl, 400);
    expect(badUrl.body.code).toBe('BAD_URL');
    const empty = await api('POST', '/api/v1/customers', '', json);
    expectProblem(empty, 400);
    expect(empty.body.code).toBe('INVALID_JSON');
    const unknownType = await api('POST', '/api/v1/customers', '<x/>', { 'content-type': 'application/xml' });
    expectProblem(unknownType, 415);
    expect(unknownType.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a header section that is too large with 431 problem+json on a real socket', async () => {
    const address = await env.http.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => {
        socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
      });
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', (error) => (data ? resolve(data) : reject(error)));
      socket.setTimeout(5000, () => socket.destroy());
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain('application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).code).toBe('HEADERS_TOO_LARGE');
  });

  async function authHeader() {
    const { apiKey } = await env.newTenant();
    return { authorization: `Bearer ${apiKey}` };
  }
  void apiClient;
});
