import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { documentRow, documentWith, ok, usage } from './support.ts';

// An operator imported a PBX file before writing rules for its source: every call with a long
// callee became outbound external, including the call that came in from the trunk. After the
// rules are written, the period is reclassified — except where an issued invoice holds its calls.

const rules = [
  { field: 'dst', match: 'prefix', pattern: '*', ignore: true, reason: 'feature code' },
  { field: 'dcontext', match: 'exact', pattern: 'from-trunk', direction: 'inbound', external: true },
  { field: 'dstchannel', match: 'regex', pattern: '^SIP/carrier-[0-9a-f]+$', direction: 'outbound', external: true },
  { field: 'dstchannel', match: 'prefix', pattern: 'SIP/', direction: 'outbound', external: false },
];

describe('Reclassifying a source after its rules change', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let customerId: string;

  const byId = async () => new Map((await usage(api, 'source=pbx')).map((r) => [r.externalId, r]));
  const reclassify = (from: string, to: string) => api('POST', '/api/v1/usage-sources/pbx/reclassify', { from, to });

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2025-11-15T10:00:00Z' });
    ({ api, tenantId } = await env.newTenant({ timezone: 'Europe/Madrid' }));
    customerId = (
      await ok(api, 'POST', '/api/v1/customers', { name: 'Client', currency: 'EUR', accountCode: 'CLIENT' })
    ).id;
    const plan = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'Retail',
      currency: 'EUR',
      rates: [{ prefix: '34', pricePerMinute: '0.0600', incrementSeconds: 60 }],
    });
    await ok(api, 'POST', '/api/v1/rate-plan-assignments', {
      customerId,
      ratePlanId: plan.id,
      validFrom: '2025-01-01',
    });
    const res = await api(
      'POST',
      '/api/v1/usage-imports?format=asterisk&source=pbx&timezone=Europe/Madrid',
      readFileSync('test/fixtures/pbx-classified-Master.csv', 'utf8'),
      { 'content-type': 'text/csv' },
    );
    await env.runtime.queue.drain();
    const done = await ok(api, 'GET', `/api/v1/usage-imports/${res.body.id}`);
    // Without rules, the default: short callees internal, everything else outbound external.
    expect(done.classes).toEqual({
      outboundExternal: 3,
      outboundInternal: 2,
      inbound: 0,
      ignored: 0,
      skippedUnanswered: 1,
    });
  });
  afterAll(() => env.close());

  it('moves the inbound call out of the billable class and flags the draft that held it', async () => {
    const before = await byId();
    const inboundCall = before.get('1759741200.3')!;
    expect(inboundCall).toMatchObject({ direction: 'outbound', external: true });
    const draft = await documentWith(env, tenantId, customerId, 'draft', [inboundCall.id]);
    await ok(api, 'PUT', '/api/v1/usage-sources/pbx', { format: 'asterisk', rules }, 200);

    const res = await reclassify('2025-09-30T22:00:00Z', '2025-10-31T23:00:00Z');
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({
      selected: 5,
      changed: 1,
      ignored: 0,
      outboundExternal: 2,
      outboundInternal: 2,
      inbound: 1,
      rated: 1,
      unrated: 0,
      documentsNeedingRegeneration: [draft],
    });
    expect((await byId()).get('1759741200.3')).toMatchObject({ direction: 'inbound', external: true, rated: true });
    expect(await documentRow(env, draft)).toMatchObject({ needs_regeneration: true });
  });

  it('refuses to touch a period whose records sit on an issued document, naming it, and changes nothing', async () => {
    const outbound = (await byId()).get('1759737600.2')!;
    const issued = await documentWith(env, tenantId, customerId, 'issued', [outbound.id]);
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/pbx',
      {
        format: 'asterisk',
        rules: [{ field: 'src', match: 'exact', pattern: '8001', direction: 'outbound', external: false }, ...rules],
      },
      200,
    );
    const res = await reclassify('2025-09-30T22:00:00Z', '2025-10-31T23:00:00Z');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RECLASSIFY_ISSUED_DOCUMENTS', documentIds: [issued] });
    expect((await byId()).get('1759737600.2')).toMatchObject({ direction: 'outbound', external: true });
  });

  it('reclassifies a narrower period without that document; a record a rule now ignores is removed', async () => {
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/pbx',
      {
        format: 'asterisk',
        rules: [
          { field: 'dst', match: 'exact', pattern: '7002', ignore: true, reason: 'reception test line' },
          ...rules,
        ],
      },
      200,
    );
    // 09:00Z .. 10:00Z holds the inbound call, its transfer to 7002 and the forward to a mobile.
    const res = await reclassify('2025-10-06T09:00:00Z', '2025-10-06T10:00:00Z');
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ selected: 3, changed: 0, ignored: 1, inbound: 1, outboundExternal: 1 });
    const after = await byId();
    expect(after.has('1759741300.5')).toBe(false);
    expect([...after.keys()].sort()).toEqual(['1759734000.1', '1759737600.2', '1759741200.3', '1759741484.6']);
  });

  it('answers bad periods and source names with a problem naming the field', async () => {
    const res = await reclassify('yesterday', '2025-10-06T10:00:00Z');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'from', code: 'INVALID_TIMESTAMP' })]);
    const reversed = await reclassify('2025-10-07T00:00:00Z', '2025-10-06T00:00:00Z');
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'INVALID_PERIOD' })]);
  });
});
