import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { ok } from './support.ts';

// Rules that would be wrong or dangerous are refused when they are saved, and a file that does not
// fit them is refused before any row is stored: clear codes, the offending field, nothing stored.

describe('Bad classification rules and files', () => {
  let env: TestEnv;
  let api: ApiClient;

  const put = (source: string, body: unknown) => api('PUT', `/api/v1/usage-sources/${source}`, body);
  const importCount = async () => (await ok(api, 'GET', '/api/v1/usage-imports')).data.length;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2025-11-15T10:00:00Z' });
    ({ api } = await env.newTenant({ timezone: 'Europe/Madrid' }));
  });
  afterAll(() => env.close());

  it('refuses an invalid and a catastrophic regular expression at save, with the reason, and keeps the old rules', async () => {
    const good = { field: 'dcontext', match: 'exact', pattern: 'from-trunk', direction: 'inbound', external: true };
    await ok(api, 'PUT', '/api/v1/usage-sources/pbx', { format: 'asterisk', rules: [good] }, 200);
    const res = await put('pbx', {
      format: 'asterisk',
      rules: [
        { field: 'dst', match: 'regex', pattern: '([0-9]', direction: 'outbound', external: true },
        { field: 'dst', match: 'regex', pattern: '^(\\d+)+$', direction: 'outbound', external: true },
        { field: 'dst', match: 'regex', pattern: '^\\d*\\d*\\d*#$', ignore: true, reason: 'codes' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('INVALID_CLASSIFICATION_RULES');
    expect(res.body.errors).toEqual([
      { field: 'rules[0].pattern', code: 'INVALID_REGEX', message: expect.stringContaining('Unterminated group') },
      { field: 'rules[1].pattern', code: 'UNSAFE_REGEX', message: expect.stringContaining('exponential') },
      { field: 'rules[2].pattern', code: 'UNSAFE_REGEX', message: expect.stringContaining('polynomial of degree') },
    ]);
    expect((await ok(api, 'GET', '/api/v1/usage-sources/pbx')).rules).toEqual([good]);
  });

  it('refuses a rule on a field the format does not have, and an outcome that is incomplete', async () => {
    const res = await put('fs', {
      format: 'freeswitch-csv',
      rules: [
        { field: 'dcontext', match: 'exact', pattern: 'public', direction: 'inbound', external: true },
        { field: 'context', match: 'exact', pattern: 'public', direction: 'inbound' },
        { field: 'context', match: 'exact', pattern: 'x', ignore: true },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual([
      'rules[0].field RULE_FIELD_NOT_IN_FORMAT',
      'rules[1].external INVALID_BOOLEAN',
      'rules[2].reason REQUIRED',
    ]);
    expect(await ok(api, 'GET', '/api/v1/usage-sources/fs')).toMatchObject({ configured: false, rules: [] });
    const shape = await put('fs', { format: 'freeswitch-csv', rules: [{ field: 'context', colour: 'red' }] });
    expect(shape.status).toBe(400);
    expect(shape.body.errors).toContainEqual(
      expect.objectContaining({ field: 'rules[0].colour', code: 'UNKNOWN_FIELD' }),
    );
  });

  it('refuses an import whose format lacks a field the source rules read, storing nothing', async () => {
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/fs1',
      {
        format: 'freeswitch-xml',
        rules: [
          { field: 'sip_gateway_name', match: 'prefix', pattern: 'carrier', direction: 'outbound', external: true },
        ],
      },
      200,
    );
    // A source with settings is listed even before it sent a record.
    const sources = await ok(api, 'GET', '/api/v1/usage-sources');
    expect(sources.data.map((s: { source: string }) => s.source)).toContain('fs1');
    const before = await importCount();
    const res = await api(
      'POST',
      '/api/v1/usage-imports?format=freeswitch-csv&source=fs1',
      readFileSync('test/fixtures/freeswitch-Master.csv', 'utf8'),
      { 'content-type': 'text/csv' },
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'RULE_FIELD_NOT_IN_FORMAT',
      errors: [{ field: 'format', code: 'RULE_FIELD_NOT_IN_FORMAT', message: 'rules[0] reads "sip_gateway_name"' }],
    });
    // A CSV carries the usage fields its mapping names: a rule on accountCode needs that column.
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/billing',
      {
        rules: [{ field: 'accountCode', match: 'exact', pattern: 'X', ignore: true, reason: 'test' }],
      },
      200,
    );
    const csvRes = await api(
      'POST',
      '/api/v1/usage-imports?format=csv&source=billing',
      'externalId,startedAt,durationSeconds,caller,callee\nx1,2025-10-01T00:00:00Z,60,34911111111,34600000000\n',
      { 'content-type': 'text/csv' },
    );
    expect(csvRes.status).toBe(422);
    expect(csvRes.body.code).toBe('RULE_FIELD_NOT_IN_FORMAT');
    expect(await importCount()).toBe(before);
  });

  it('refuses an XML CDR that declares a DOCTYPE or entities (external entities, entity expansion), storing nothing', async () => {
    const before = await importCount();
    const evil = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE cdr [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<cdr><variables><uuid>&xxe;</uuid><billsec>60</billsec></variables></cdr>',
    ].join('\n');
    const res = await api('POST', '/api/v1/usage-imports?format=freeswitch-xml&source=fs2', evil, {
      'content-type': 'application/xml',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'XML_ENTITIES_REFUSED',
      errors: [{ field: 'body', code: 'XML_ENTITIES_REFUSED' }],
    });
    const empty = await api('POST', '/api/v1/usage-imports?format=freeswitch-xml', '<cdrs></cdrs>', {
      'content-type': 'application/xml',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('EMPTY_FILE');
    expect(await importCount()).toBe(before);
  });
});
