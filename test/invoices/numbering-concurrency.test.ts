import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { createInvoice } from '../../src/app/documents/create-document.ts';
import { computeDraft } from '../../src/app/documents/generate-document.ts';
import { issueDocument } from '../../src/app/documents/issue-document.ts';
import type { CallContext } from '../../src/app/context.ts';

describe('Numbers are unique and gapless under concurrent issuing', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('8 issuers at once on one sequence take TEST0001 … TEST0024 with no gap and no repeat', async () => {
    const t = await invoicingTenant(env);
    const deps = env.runtime.deps;
    const ctx: CallContext = { tenantId: t.tenantId, actor: { type: 'system', id: 'test' }, role: 'admin' };
    const ids: string[] = [];
    // 24 drafts on distinct customers (one invoice per customer and period), generated without rendering.
    for (let i = 0; i < 24; i += 1) {
      const customer = (await t.api('POST', '/api/v1/customers', { name: `Concurrent ${i}` })).body;
      const doc = await createInvoice(deps, env.runtime.renderer, ctx, {
        customerId: customer.id,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        numberSequenceId: t.sequenceId,
      });
      await computeDraft(deps, { tenantId: t.tenantId, documentId: doc.id, revision: 0 });
      await deps.uow.run((s) => s.documents.updateDocument(t.tenantId, doc.id, { renderStatus: 'created' }));
      ids.push(doc.id);
    }
    const numbers: string[] = [];
    const workers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < ids.length; i += 8) numbers.push((await issueDocument(deps, ctx, ids[i]!)).number!);
    });
    await Promise.all(workers);
    expect(numbers.slice().sort()).toEqual(
      Array.from({ length: 24 }, (_, i) => `TEST${String(i + 1).padStart(4, '0')}`),
    );
  });
});
