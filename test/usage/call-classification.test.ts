import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { ok, usage } from './support.ts';

// A PBX operator's switch files hold far more than billable calls: extension-to-extension calls,
// calls coming in from the carrier, transfers, feature codes. Classification rules per source say
// which is which, and only outbound external calls reach the invoice.

const csv = { 'content-type': 'text/csv' };
const xml = { 'content-type': 'application/xml' };

const asteriskRules = [
  { field: 'dst', match: 'prefix', pattern: '*', ignore: true, reason: 'feature code' },
  { field: 'dcontext', match: 'exact', pattern: 'from-trunk', direction: 'inbound', external: true },
  { field: 'dstchannel', match: 'regex', pattern: '^SIP/carrier-[0-9a-f]+$', direction: 'outbound', external: true },
  { field: 'dstchannel', match: 'prefix', pattern: 'SIP/', direction: 'outbound', external: false },
];

describe('Classifying the calls of switch and PBX files', () => {
  let env: TestEnv;
  let api: ApiClient;
  let customerId: string;
  let sequenceId: string;

  const upload = async (query: string, body: string, headers = csv) => {
    const res = await api('POST', `/api/v1/usage-imports?${query}`, body, headers);
    expect(res.status, res.raw).toBe(202);
    await env.runtime.queue.drain();
    return ok(api, 'GET', `/api/v1/usage-imports/${res.body.id}`);
  };
  const classOf = (r: Record<string, any>) =>
    r.direction === 'inbound' ? 'inbound' : r.external ? 'outbound external' : 'outbound internal';

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2025-11-15T10:00:00Z' });
    const t = await invoicingTenant(env, { timezone: 'Europe/Madrid' });
    ({ api, sequenceId } = t);
    customerId = t.customerId;
    await ok(api, 'PATCH', `/api/v1/customers/${customerId}`, { accountCode: 'CLIENT' }, 200);
    const plan = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'Retail',
      currency: 'EUR',
      rates: [{ prefix: '34', pricePerMinute: '0.0600', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 }],
    });
    await ok(api, 'POST', '/api/v1/rate-plan-assignments', {
      customerId,
      ratePlanId: plan.id,
      validFrom: '2025-01-01',
    });
  });
  afterAll(() => env.close());

  it('given Asterisk rules on dcontext, dstchannel and dst, a Master.csv splits into each class', async () => {
    const saved = await ok(api, 'PUT', '/api/v1/usage-sources/pbx1', { format: 'asterisk', rules: asteriskRules }, 200);
    expect(saved).toMatchObject({ source: 'pbx1', format: 'asterisk', internalMaxDigits: 6, configured: true });
    const done = await upload(
      'format=asterisk&source=pbx1&timezone=Europe/Madrid',
      readFileSync('test/fixtures/pbx-classified-Master.csv', 'utf8'),
    );
    expect(done).toMatchObject({
      status: 'completed',
      accepted: 5,
      rejected: 0,
      skipped: 1,
      classes: { outboundExternal: 2, outboundInternal: 2, inbound: 1, ignored: 1, skippedUnanswered: 1 },
      ignoredReasons: { 'feature code': 1 },
    });
    const records = await usage(api, 'source=pbx1');
    expect(records.map((r) => [r.externalId, r.callee, classOf(r)])).toEqual([
      ['1759734000.1', '7001', 'outbound internal'], // extension to extension
      ['1759737600.2', '34600111222', 'outbound external'], // out through the carrier trunk
      ['1759741200.3', '34910000001', 'inbound'], // in from the trunk
      ['1759741300.5', '7002', 'outbound internal'], // the inbound call transferred to another extension
      ['1759741484.6', '34699887766', 'outbound external'], // ... or forwarded to a mobile: billed
    ]);
  });

  it('given FreeSWITCH cdr_csv rows (default template), the public context is inbound and short callees are internal', async () => {
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/fs-csv',
      {
        format: 'freeswitch-csv',
        rules: [{ field: 'context', match: 'exact', pattern: 'public', direction: 'inbound', external: true }],
      },
      200,
    );
    const done = await upload(
      'format=freeswitch-csv&source=fs-csv&timezone=Europe/Madrid',
      readFileSync('test/fixtures/freeswitch-Master.csv', 'utf8'),
    );
    expect(done.classes).toEqual({
      outboundExternal: 1,
      outboundInternal: 2,
      inbound: 1,
      ignored: 0,
      skippedUnanswered: 1,
    });
    const records = await usage(api, 'source=fs-csv');
    expect(records.map((r) => [r.externalId.slice(0, 13), r.startedAt, r.callee, classOf(r)])).toEqual([
      ['5d1c0c4e-0001', '2025-10-07T07:00:00Z', '1001', 'outbound internal'],
      ['5d1c0c4e-0002', '2025-10-07T08:00:00Z', '34600111222', 'outbound external'],
      ['5d1c0c4e-0003', '2025-10-07T09:00:00Z', '34910000001', 'inbound'],
      ['5d1c0c4e-0005', '2025-10-07T09:03:02Z', '1002', 'outbound internal'],
    ]);
    // Re-importing the same file stores nothing twice: the uuid is the external id.
    const again = await upload(
      'format=freeswitch-csv&source=fs-csv&timezone=Europe/Madrid',
      readFileSync('test/fixtures/freeswitch-Master.csv', 'utf8'),
    );
    expect(again).toMatchObject({ accepted: 0, duplicates: 4 });
  });

  it('given FreeSWITCH XML CDRs, a gateway rule finds calls out through the carrier; a broken CDR is rejected alone', async () => {
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/fs-xml',
      {
        format: 'freeswitch-xml',
        rules: [
          { field: 'context', match: 'exact', pattern: 'public', direction: 'inbound', external: true },
          {
            field: 'sip_gateway_name',
            match: 'regex',
            pattern: '^carrier[0-9]+$',
            direction: 'outbound',
            external: true,
          },
        ],
      },
      200,
    );
    const done = await upload(
      'format=freeswitch-xml&source=fs-xml',
      readFileSync('test/fixtures/freeswitch-cdr.xml', 'utf8'),
      xml,
    );
    expect(done).toMatchObject({
      status: 'completed',
      totalRows: 5,
      accepted: 3,
      rejected: 1,
      classes: { outboundExternal: 1, outboundInternal: 1, inbound: 1, ignored: 0, skippedUnanswered: 1 },
    });
    const rejections = await ok(api, 'GET', `/api/v1/usage-imports/${done.id}/rejections`);
    expect(rejections.data).toEqual([expect.objectContaining({ line: 5, code: 'XML_SYNTAX' })]);
    const records = await usage(api, 'source=fs-xml');
    expect(records.map((r) => [r.startedAt, r.callee, classOf(r)])).toEqual([
      ['2025-10-08T08:00:00Z', '34600111222', 'outbound external'],
      ['2025-10-08T09:00:00Z', '1001', 'outbound internal'],
      // Transferred to extension 1002 after coming in: the call as first dialled decides.
      ['2025-10-08T10:00:00Z', '34910000001', 'inbound'],
    ]);
  });

  it('then the October invoice bills the outbound external calls only, and the unrated internal calls do not block it', async () => {
    const unrated = await usage(api, 'rated=false');
    expect(unrated.length).toBeGreaterThan(0);
    expect(unrated.every((r) => !(r.direction === 'outbound' && r.external))).toBe(true);
    const doc = await makeInvoice(
      env,
      api,
      { type: 'invoice', customerId, periodStart: '2025-10-01', periodEnd: '2025-10-31', numberSequenceId: sequenceId },
      { issue: true },
    );
    expect(doc).toMatchObject({ status: 'issued', totals: { usage: '0.60' } });
    const calls = (await api('GET', `/api/v1/documents/${doc.id}/usage-records`)).body.data;
    expect(calls.map((c: { callee: string }) => c.callee).sort()).toEqual([
      '34600111222',
      '34600111222',
      '34600111222',
      '34699887766',
    ]);
  });
});

describe('Classification of JSON records and the default rule', () => {
  let env: TestEnv;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2025-11-15T10:00:00Z' });
    ({ api } = await env.newTenant({ timezone: 'Europe/Madrid' }));
    await ok(api, 'POST', '/api/v1/customers', { name: 'Acme', currency: 'EUR', accountCode: 'ACME' });
  });
  afterAll(() => env.close());

  const record = (externalId: string, callee: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    source: 'sw9',
    accountCode: 'ACME',
    startedAt: '2025-10-05T10:00:00Z',
    durationSeconds: 30,
    caller: '34911111111',
    callee,
    ...extra,
  });

  it('without rules, a callee of at most 6 digits is internal and anything else outbound external; a record that states its class keeps it', async () => {
    const res = await ok(
      api,
      'POST',
      '/api/v1/usage-records',
      {
        records: [
          record('j1', '123456'),
          record('j2', '1234567'),
          record('j3', '123', { direction: 'outbound', external: true }),
          record('j4', '34600000000', { direction: 'inbound' }),
        ],
      },
      200,
    );
    expect(res).toMatchObject({
      accepted: 4,
      classes: { outboundExternal: 2, outboundInternal: 1, inbound: 1, ignored: 0 },
    });
    const stored = await usage(api, 'source=sw9');
    expect(stored.map((r) => [r.externalId, r.direction, r.external])).toEqual([
      ['j1', 'outbound', false],
      ['j2', 'outbound', true],
      ['j3', 'outbound', true],
      ['j4', 'inbound', true],
    ]);
  });

  it("applies the source's rules to records that do not state their class, and answers the ignored ones with their reason", async () => {
    await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/sw10',
      {
        format: 'csv',
        internalMaxDigits: 4,
        rules: [
          { field: 'callee', match: 'prefix', pattern: '900', ignore: true, reason: 'toll-free test calls' },
          { field: 'caller', match: 'regex', pattern: '^349100[0-9]{5}$', direction: 'inbound', external: true },
        ],
      },
      200,
    );
    const res = await ok(
      api,
      'POST',
      '/api/v1/usage-records',
      {
        records: [
          { ...record('k1', '900123456'), source: 'sw10' },
          { ...record('k2', '34600000000'), source: 'sw10', caller: '34910012345' },
          { ...record('k3', '12345'), source: 'sw10' },
        ],
      },
      200,
    );
    expect(res).toMatchObject({
      accepted: 2,
      ignored: [{ index: 0, reason: 'toll-free test calls' }],
      classes: { inbound: 1, outboundExternal: 1, ignored: 1 },
    });
  });
});
