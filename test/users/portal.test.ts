import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-11-30T09:00:00Z' });
    const t = await invoicingTenant(env);
    apiKey = t.apiKey;
    const other = (await t.api('POST', '/api/v1/customers', { name: 'Neighbour SL' })).body.id as string;
    const period = {
      type: 'invoice',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      numberSequenceId: t.sequenceId,
    };
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
});
