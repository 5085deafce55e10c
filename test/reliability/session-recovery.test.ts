import { expect, it } from 'vitest';
import { ServedTenant } from './harness/served.ts';

/**
 * A generation session killed twice: once after its second chunk wrote its documents (before the
 * commit), once after a chunk committed (before its job was marked complete). Each time the
 * server is started again and nothing else is done: the session finishes by itself with exactly
 * one draft per customer, and a bulk issue of the session numbers them without a gap.
 */
it('a session killed at a chunk resumes by itself: one document per customer, gapless numbers after bulk issue', async () => {
  // Two customers per chunk, so five customers make three chunks.
  const served = await ServedTenant.create('Sessions', { TOLLBOOK_SESSION_CHUNK_SIZE: '2' });
  try {
    let server = await served.restart('session.chunk.written:2');
    await served.api('POST', '/api/v1/legal-entities', { name: 'Session Telecom SL', taxId: 'ESB00000008' });
    await served.api('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'SE',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    const names = ['Eco SL', 'Cobre SA', 'Duna SL', 'Aire SL', 'Bruma SL'];
    const customers = new Map<string, string>();
    for (const name of names) {
      const customer = (
        await served.api('POST', '/api/v1/customers', { name, currency: 'EUR', activationDate: '2026-01-01' })
      ).body;
      customers.set(customer.id, name);
      const records = [1, 2].map((n) => ({
        externalId: `${customer.id}-${n}`,
        customerId: customer.id,
        startedAt: `2026-01-1${n}T09:00:00Z`,
        durationSeconds: 60,
        direction: 'outbound',
        external: true,
        caller: '34911000000',
        callee: `3460000${n}`,
        price: '1.5000',
      }));
      expect((await served.api('POST', '/api/v1/usage-records', { records })).status).toBeLessThan(300);
    }

    const started = await served.api('POST', '/api/v1/generation-sessions', {
      documentType: 'invoice',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
    });
    expect(started.status).toBe(202);
    await server.exited;
    expect(server.killPointReached).toBe('session.chunk.written');

    server = await served.restart('session.chunk.committed:1');
    await server.exited;
    expect(server.killPointReached).toBe('session.chunk.committed');

    await served.restart(null);
    const session = await served.until(
      () => served.api('GET', `/api/v1/generation-sessions/${started.body.id}`),
      (r) => r.body.status !== 'in_progress',
    );
    expect(session.body.status).toBe('completed');
    expect(session.body.counts).toEqual({
      customersTotal: 5,
      customersDone: 5,
      customersFailed: 0,
      customersSkipped: 0,
      documentsCreated: 5,
    });
    const all = (await served.api('GET', '/api/v1/documents?limit=50')).body.data as Array<Record<string, any>>;
    expect(all.map((d) => customers.get(d.customerId)).sort()).toEqual([...names].sort());
    expect(all.every((d) => d.sessionId === started.body.id && d.totals.usage === '3.00')).toBe(true);

    const issue = await served.api('POST', `/api/v1/generation-sessions/${started.body.id}/issue`);
    expect(issue.status).toBe(202);
    const done = await served.until(
      () => served.api('GET', `/api/v1/bulk-actions/${issue.body.id}`),
      (r) => r.body.finishedAt !== null,
    );
    expect(done.body).toMatchObject({ status: 'completed', counts: { total: 5, done: 5, failed: 0 } });
    const issued = (await served.api('GET', '/api/v1/documents?status=issued&limit=50')).body.data as Array<
      Record<string, any>
    >;
    const byNumber = issued.map((d) => [d.number, customers.get(d.customerId)]).sort();
    expect(byNumber).toEqual([
      ['SE0001', 'Aire SL'],
      ['SE0002', 'Bruma SL'],
      ['SE0003', 'Cobre SA'],
      ['SE0004', 'Duna SL'],
      ['SE0005', 'Eco SL'],
    ]);
  } finally {
    await served.close();
  }
}, 1_200_000);
