import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { buildDocumentView } from '../../src/app/documents/build-view.ts';

// The references an act or VAT invoice keeps to its invoice, and a proforma to the invoice it
// became, are stored with the document, shown by the API and resolved for templates.

describe('Document references', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('an act stored against an issued invoice names it in the API and shows its number and date to templates', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [{ startedAt: '2018-10-02T09:00:00Z', price: '10.00' }]);
    const invoice = await makeInvoice(
      env,
      t.api,
      {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        numberSequenceId: t.sequenceId,
      },
      { issue: true },
    );
    expect(invoice).toMatchObject({
      accompaniesDocumentId: null,
      convertedToDocumentId: null,
      convertedFromDocumentId: null,
    });
    const actId = await env.runtime.deps.uow.run(async (s) => {
      const source = (await s.documents.getDocument(t.tenantId, invoice.id))!;
      const act = await s.documents.insertDocument({
        ...source,
        id: `doc_act_${invoice.id}`,
        type: 'act',
        status: 'draft',
        paymentStatus: null,
        number: null,
        numberSequenceId: null,
        customNumber: null,
        issueDate: null,
        dueDate: null,
        accompaniesDocumentId: invoice.id,
      });
      return act.id;
    });
    const shown = (await t.api('GET', `/api/v1/documents/${actId}`)).body;
    expect(shown).toMatchObject({ type: 'act', accompaniesDocumentId: invoice.id });
    const view = await env.runtime.deps.uow.run(async (s) =>
      buildDocumentView(s, (await s.documents.getDocument(t.tenantId, actId))!, { withCalls: false, locale: 'en' }),
    );
    expect(view.document).toMatchObject({
      type: 'act',
      payable: false,
      taxDocument: false,
      accompanies: { id: invoice.id, type: 'invoice', number: 'TEST0001', issueDate: '2018-11-15' },
    });
    expect(view.statement).toBeNull();
    // Other tenants cannot see it.
    const other = await env.newTenant();
    expect((await other.api('GET', `/api/v1/documents/${actId}`)).status).toBe(404);
  });
});
