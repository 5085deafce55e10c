import { expect, it } from 'vitest';
import { ServedTenant } from './harness/served.ts';

/**
 * A bulk issue killed half-way: the real process dies (SIGKILL) right after the second document
 * took its number, before that commits. Restarted, the process picks the job up again by itself
 * and finishes: every document issued exactly once, numbers gapless and in customer-name order.
 */
it('a bulk issue killed mid-way finishes after a restart with gapless numbers, each document numbered once', async () => {
  const served = await ServedTenant.create('Bulk');
  try {
    const server = await served.restart('bulk-action.item-recorded:2');
    await served.api('POST', '/api/v1/legal-entities', { name: 'Bulk Telecom SL', taxId: 'ESB00000007' });
    await served.api('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'BK',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    const ids: string[] = [];
    for (const name of ['Cobre SA', 'Aire SL', 'Bruma SL']) {
      const customer = (await served.api('POST', '/api/v1/customers', { name, currency: 'EUR' })).body;
      const draft = (
        await served.api('POST', '/api/v1/documents', {
          type: 'invoice',
          customerId: customer.id,
          periodStart: '2026-01-01',
          periodEnd: '2026-01-31',
        })
      ).body;
      await served.api('POST', `/api/v1/documents/${draft.id}/generate`);
      ids.push(draft.id);
    }
    for (const id of ids)
      await served.until(
        () => served.api('GET', `/api/v1/documents/${id}`),
        (r) => r.body.renderStatus === 'created',
      );

    const started = await served.api('POST', '/api/v1/bulk-actions', { action: 'issue', documentIds: ids });
    expect(started.status).toBe(202);
    await server.exited;
    expect(server.killPointReached).toBe('bulk-action.item-recorded');

    await served.restart(null);
    const done = await served.until(
      () => served.api('GET', `/api/v1/bulk-actions/${started.body.id}`),
      (r) => r.body.finishedAt !== null,
    );
    expect(done.body).toMatchObject({ status: 'completed', counts: { total: 3, done: 3, failed: 0, pending: 0 } });
    const numbers = await Promise.all(
      ids.map(async (id) => (await served.api('GET', `/api/v1/documents/${id}`)).body.number),
    );
    // Aire, Bruma, Cobre: numbered in name order, the second one's lost number taken again.
    expect(numbers).toEqual(['BK0003', 'BK0001', 'BK0002']);
    const issued = (await served.api('GET', '/api/v1/documents?status=issued&limit=50')).body.data as Array<{
      number: string;
    }>;
    expect(issued.map((d) => d.number).sort()).toEqual(['BK0001', 'BK0002', 'BK0003']);
  } finally {
    await served.close();
  }
}, 1_200_000);
