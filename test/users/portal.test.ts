import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUsage } from '../support/usage-fixtures.ts';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { browserSession } from '../support/browser-session.ts';

// A customer user signs in to the portal and sees its own customer's issued documents and their
// PDFs, never a draft, another customer's document or another tenant's: those are 404 like an
// unknown id. Staff routes are closed to it, and the portal is closed to staff and API keys.

describe('The customer portal', () => {
  let env: TestEnv;
  let own: { issued: string; draft: string };
  let neighbour: string;
  let foreign: string;
  let portal: ReturnType<typeof browserSession>;
  let apiKey: string;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  let otherCustomer: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-11-30T09:00:00Z' });
    t = await invoicingTenant(env);
    apiKey = t.apiKey;
    const other = (await t.api('POST', '/api/v1/customers', { name: 'Neighbour SL' })).body.id as string;
    otherCustomer = other;
    const period = {
      type: 'invoice',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      numberSequenceId: t.sequenceId,
    };
    // A call, so that the issued invoice has a line: an e-invoice needs one (EN 16931 BR-16).
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2026-10-02T09:00:00Z', price: '3.50', prefix: '34', destination: 'Spain' },
    ]);
    own = {
      issued: (await makeInvoice(env, t.api, { ...period, customerId: t.customerId }, { issue: true })).id,
      draft: (
        await makeInvoice(env, t.api, {
          ...period,
          periodStart: '2026-09-01',
          periodEnd: '2026-09-30',
          customerId: t.customerId,
        })
      ).id,
    };
    neighbour = (await makeInvoice(env, t.api, { ...period, customerId: other }, { issue: true })).id;
    const elsewhere = await invoicingTenant(env);
    foreign = (
      await makeInvoice(
        env,
        elsewhere.api,
        { ...period, numberSequenceId: elsewhere.sequenceId, customerId: elsewhere.customerId },
        { issue: true },
      )
    ).id;

    const invited = await t.api('POST', `/api/v1/customers/${t.customerId}/users`, {
      email: 'ap@client.example',
      name: 'Accounts payable',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation.path).toMatch(/^\/portal#\/accept-invitation\?token=/);
    portal = browserSession(env.http);
    expect((await portal.accept(invited.body.invitation.path, 'portal password 1')).status).toBe(200);
  }, 120_000);
  afterAll(() => env.close());

  it('lists only the customer’s own issued documents, and downloads their PDFs', async () => {
    const list = await portal.call('GET', '/api/v1/portal/documents');
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual([own.issued]);
    expect(list.body.data[0]).not.toHaveProperty('metadata');
    const one = await portal.call('GET', `/api/v1/portal/documents/${own.issued}`);
    expect(one.body).toMatchObject({ id: own.issued, status: 'issued' });
    const pdf = await portal.call('GET', `/api/v1/portal/documents/${own.issued}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 404 for a draft, another customer’s and another tenant’s document, as for an unknown id', async () => {
    for (const id of [own.draft, neighbour, foreign, 'doc_unknown']) {
      for (const suffix of ['', '/pdf']) {
        const res = await portal.call('GET', `/api/v1/portal/documents/${id}${suffix}`);
        expect(res.status, `${id}${suffix}`).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    }
  });

  it('keeps the customer user out of the staff API, and staff and API keys out of the portal', async () => {
    for (const url of ['/api/v1/documents', `/api/v1/documents/${neighbour}`, '/api/v1/customers']) {
      const res = await portal.call('GET', url);
      expect(res).toMatchObject({ status: 403, body: { code: 'STAFF_ONLY' } });
    }
    const byKey = await env.http.inject({
      method: 'GET',
      url: '/api/v1/portal/documents',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(byKey.statusCode).toBe(403);
    expect(JSON.parse(byKey.body).code).toBe('PORTAL_ONLY');
    const anonymous = await browserSession(env.http).call('GET', '/api/v1/portal/documents');
    expect(anonymous.status).toBe(401);
  });

  const bearer = (token: string) => async (url: string) => {
    const res = await env.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const json = (res.headers['content-type'] ?? '').toString().includes('json') ? JSON.parse(res.body) : null;
    return { status: res.statusCode, body: json, bytes: res.rawPayload };
  };

  it('shows every type until the operator hides one; a hidden document is 404 like an unknown one', async () => {
    const defaults = await t.api('GET', '/api/v1/settings/portal');
    expect(defaults.status).toBe(200);
    expect(defaults.body.visibleTypes).toMatchObject({ invoice: true, proforma: true, act: true, credit_note: true });
    const hidden = await t.api('PUT', '/api/v1/settings/portal', { visibleTypes: { invoice: false } });
    expect(hidden.status).toBe(200);
    expect(hidden.body.visibleTypes).toMatchObject({ invoice: false, act: true });
    try {
      expect((await portal.call('GET', '/api/v1/portal/documents')).body.data).toEqual([]);
      expect((await portal.call('GET', '/api/v1/portal/documents?type=invoice')).body.data).toEqual([]);
      for (const suffix of ['', '/pdf', '/details'])
        expect((await portal.call('GET', `/api/v1/portal/documents/${own.issued}${suffix}`)).status).toBe(404);
    } finally {
      await t.api('PUT', '/api/v1/settings/portal', { visibleTypes: { invoice: true } });
    }
    expect((await portal.call('GET', '/api/v1/portal/documents')).body.data.map((d: { id: string }) => d.id)).toEqual([
      own.issued,
    ]);
    const bad = await t.api('PUT', '/api/v1/settings/portal', { visibleTypes: { invoice: 'yes', bogus: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBeTruthy();
    // Only admins change it.
    const viewer = await t.api('POST', '/api/v1/api-keys', { name: 'read only', role: 'viewer' });
    expect(viewer.status).toBe(201);
    const res = await env.http.inject({
      method: 'PUT',
      url: '/api/v1/settings/portal',
      headers: { authorization: `Bearer ${viewer.body.key}` },
      payload: { visibleTypes: { act: false } },
    });
    expect(res.statusCode).toBe(403);
  });

  it('a customer token reads the same portal API as its customer, and nothing of anyone else', async () => {
    const issued = await t.api('POST', `/api/v1/customers/${t.customerId}/portal-tokens`, { name: 'ERP' });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^tbc_/);
    expect(issued.body).toMatchObject({ customerId: t.customerId, name: 'ERP', revokedAt: null });
    const listed = await t.api('GET', `/api/v1/customers/${t.customerId}/portal-tokens`);
    expect(listed.raw).not.toContain(issued.body.token);
    expect(listed.body.data.map((k: { id: string }) => k.id)).toEqual([issued.body.id]);
    const get = bearer(issued.body.token);

    const list = await get('/api/v1/portal/documents');
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual([own.issued]);
    const pdf = await get(`/api/v1/portal/documents/${own.issued}/pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The files are the operator's downloads, byte for byte (this tenant has no XLSX template:
    // both answer the same 422 for it).
    for (const [kind, status] of [
      ['pdf', 200],
      ['ubl', 200],
      ['xlsx', 422],
    ] as const) {
      const staff = await env.http.inject({
        method: 'GET',
        url: `/api/v1/documents/${own.issued}/${kind}`,
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const mine = await get(`/api/v1/portal/documents/${own.issued}/${kind}`);
      expect([mine.status, staff.statusCode], kind).toEqual([status, status]);
      expect(mine.bytes.equals(staff.rawPayload), kind).toBe(true);
    }
    const details = await get(`/api/v1/portal/documents/${own.issued}/details?prefix=34%25`);
    expect(details.status).toBe(200);
    expect(Array.isArray(details.body.data)).toBe(true);
    for (const id of [own.draft, neighbour, foreign, 'doc_unknown'])
      for (const suffix of ['', '/pdf', '/xlsx', '/ubl', '/details'])
        expect((await get(`/api/v1/portal/documents/${id}${suffix}`)).status, `${id}${suffix}`).toBe(404);

    // The same API answers under its own prefix, /portal/v1, with the same answers and walls.
    const aliased = await get('/portal/v1/documents');
    expect([aliased.status, aliased.body.data]).toEqual([200, list.body.data]);
    expect((await get(`/portal/v1/documents/${own.issued}/pdf`)).bytes.equals(pdf.bytes)).toBe(true);
    expect((await get('/portal/v1/balance')).status).toBe(200);
    for (const id of [own.draft, neighbour, foreign])
      expect((await get(`/portal/v1/documents/${id}`)).status, id).toBe(404);
    const staffOnAlias = await env.http.inject({
      method: 'GET',
      url: '/portal/v1/documents',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(staffOnAlias.statusCode).toBe(403);
    expect((await env.http.inject({ method: 'GET', url: '/portal/v1/documents' })).statusCode).toBe(401);

    // Staff routes stay closed, even for the customer's own documents.
    for (const url of ['/api/v1/documents', `/api/v1/documents/${own.issued}`, `/api/v1/customers/${otherCustomer}`])
      expect(await get(url)).toMatchObject({ status: 403, body: { code: 'STAFF_ONLY' } });

    // Another customer's token sees that customer's documents only.
    const neighbourToken = (await t.api('POST', `/api/v1/customers/${otherCustomer}/portal-tokens`, { name: 'N' })).body
      .token as string;
    const theirs = await bearer(neighbourToken)('/api/v1/portal/documents');
    expect(theirs.body.data.map((d: { id: string }) => d.id)).toEqual([neighbour]);
    expect((await bearer(neighbourToken)(`/api/v1/portal/documents/${own.issued}`)).status).toBe(404);

    // A token for a customer of another tenant cannot be issued from here.
    expect((await t.api('POST', '/api/v1/customers/cus_unknown/portal-tokens', { name: 'x' })).status).toBe(404);

    const revoked = await t.api('POST', `/api/v1/customers/${t.customerId}/portal-tokens/${issued.body.id}/revoke`, {});
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(await get('/api/v1/portal/documents')).toMatchObject({
      status: 401,
      body: { code: 'INVALID_CUSTOMER_TOKEN' },
    });
    expect((await bearer('tbc_made-up')('/api/v1/portal/documents')).status).toBe(401);
  });

  it('shows the customer its balance, statement and payments, and none of another customer’s', async () => {
    const paid = await t.api('POST', '/api/v1/payments', {
      customerId: t.customerId,
      amount: '1.00',
      currency: 'EUR',
      reference: 'portal test',
    });
    expect(paid.status).toBe(201);
    await t.api('POST', '/api/v1/payments', { customerId: otherCustomer, amount: '2.00', currency: 'EUR' });

    const payments = await portal.call('GET', '/api/v1/portal/payments');
    expect(payments.status).toBe(200);
    expect(payments.body.data.map((p: { id: string }) => p.id)).toEqual([paid.body.id]);
    expect(payments.body.data[0]).not.toHaveProperty('importId');
    expect(payments.body.data[0]).toMatchObject({ amount: '1.00', reference: 'portal test' });

    const staffView = (await t.api('GET', `/api/v1/customers/${t.customerId}/balance`)).body;
    const balance = await portal.call('GET', '/api/v1/portal/balance');
    expect(balance.body).toEqual(staffView);
    const statement = await portal.call('GET', '/api/v1/portal/statement');
    expect(statement.status).toBe(200);
    expect(statement.body.customerId).toBe(t.customerId);
    expect(statement.body.lines.some((l: { paymentId: string | null }) => l.paymentId === paid.body.id)).toBe(true);
    expect((await portal.call('GET', '/api/v1/portal/statement?from=2026-12-01&to=2026-11-01')).status).toBe(400);
  });
});
