import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const february = { documentType: 'invoice', periodStart: '2024-02-01', periodEnd: '2024-02-29' };

/**
 * After a session has made its drafts, the operator acts on all of them at once:
 * POST /generation-sessions/{id}/issue|cancel|delete|recalculate is a bulk action whose selection
 * is the session's documents.
 */
// Issuing renders each document's PDF; on a busy machine that takes a while.
describe("Bulk actions over a generation session's documents", { timeout: 300_000 }, () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  const ids: Record<string, string> = {};

  const sessionOf = async (body: Record<string, unknown>) => {
    const started = await t.api('POST', '/api/v1/generation-sessions', body);
    expect(started.status, started.raw).toBe(202);
    await env.runtime.queue.drain();
    return (await t.api('GET', `/api/v1/generation-sessions/${started.body.id}`)).body;
  };
  const act = async (sessionId: string, action: string, body?: Record<string, unknown>) => {
    const started = await t.api('POST', `/api/v1/generation-sessions/${sessionId}/${action}`, body);
    expect(started.status, started.raw).toBe(202);
    expect(started.body).toMatchObject({ action, generationSessionId: sessionId, status: 'queued' });
    await env.runtime.queue.drain();
    return (await t.api('GET', `/api/v1/bulk-actions/${started.body.id}`)).body;
  };
  const docsOf = async (sessionId: string) =>
    (await t.api('GET', `/api/v1/documents?sessionId=${sessionId}&limit=100`)).body.data as Array<Record<string, any>>;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
    t = await invoicingTenant(env, { prefix: 'FEB' });
    // Account codes run against the names, so the two issue orders differ.
    for (const [name, accountCode] of [
      ['Zulu Telecom', 'A-1'],
      ['alpha redes', 'A-3'],
      ['Mike SL', 'A-2'],
    ] as const) {
      const c = await t.api('POST', '/api/v1/customers', {
        name,
        accountCode,
        currency: 'EUR',
        activationDate: '2024-01-01',
      });
      ids[name] = c.body.id;
      await seedUsage(env, t.tenantId, c.body.id, [{ startedAt: '2024-02-10T10:00:00Z', price: '4.00' }]);
    }
  });
  afterAll(() => env.close());

  it('issue numbers the whole session consecutively in the chosen order; repeating it changes nothing', async () => {
    const session = await sessionOf(february);
    expect(session.counts.documentsCreated).toBe(3);
    const issued = await act(session.id, 'issue', { issueOrder: 'account_code' });
    expect(issued.errors).toEqual([]);
    expect(issued).toMatchObject({ status: 'completed', counts: { total: 3, done: 3, failed: 0, pending: 0 } });
    const byNumber = (await docsOf(session.id))
      .map((d) => [d.number, d.customerId, d.status])
      .sort((a, b) => a[0].localeCompare(b[0]));
    expect(byNumber).toEqual([
      ['FEB0001', ids['Zulu Telecom'], 'issued'],
      ['FEB0002', ids['Mike SL'], 'issued'],
      ['FEB0003', ids['alpha redes'], 'issued'],
    ]);
    const again = await act(session.id, 'issue');
    expect(again.counts).toEqual({ total: 3, done: 3, failed: 0, pending: 0 });
    expect((await docsOf(session.id)).map((d) => d.number).sort()).toEqual(['FEB0001', 'FEB0002', 'FEB0003']);

    // Drafts-only actions refuse each issued document on its own, and change nothing.
    const recalculated = await act(session.id, 'recalculate');
    expect(recalculated.status).toBe('completed_with_errors');
    expect(recalculated.counts.failed).toBe(3);
    expect(recalculated.errors[0].code).toBe('DOCUMENT_NOT_DRAFT');

    const cancelled = await act(session.id, 'cancel', { reason: 'wrong tariff' });
    expect(cancelled.counts).toEqual({ total: 3, done: 3, failed: 0, pending: 0 });
    expect((await docsOf(session.id)).map((d) => d.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('delete and recalculate act on the drafts of a session', async () => {
    await seedUsage(env, t.tenantId, ids['Mike SL']!, [{ startedAt: '2024-01-10T10:00:00Z', price: '1.00' }]);
    const january = await sessionOf({ ...february, periodStart: '2024-01-01', periodEnd: '2024-01-31' });
    expect(january.counts.documentsCreated).toBe(1);
    const recalculated = await act(january.id, 'recalculate');
    expect(recalculated.counts).toMatchObject({ done: 1, failed: 0 });
    const deleted = await act(january.id, 'delete');
    expect(deleted.counts).toMatchObject({ total: 1, done: 1, failed: 0 });
    expect(await docsOf(january.id)).toEqual([]);
    // The session's drafts are gone: a further action selects nothing and completes at once.
    const empty = await act(january.id, 'issue');
    expect(empty).toMatchObject({ status: 'completed', counts: { total: 0, done: 0, failed: 0, pending: 0 } });
  });

  it('deleting drafts frees what they billed: the session run again bills it again, and the trail has each deletion', async () => {
    for (const name of ['Zulu Telecom', 'alpha redes'])
      await seedUsage(env, t.tenantId, ids[name]!, [{ startedAt: '2024-01-20T10:00:00Z', price: '2.50' }]);
    const january = { ...february, periodStart: '2024-01-01', periodEnd: '2024-01-31' };
    const first = await sessionOf(january);
    expect(first.counts.documentsCreated).toBe(3);
    const totalsOf = async (sessionId: string) =>
      Object.fromEntries((await docsOf(sessionId)).map((d) => [d.customerId, d.totals.total]));
    const before = await totalsOf(first.id);
    const drafts = (await docsOf(first.id)).map((d) => d.id as string);

    const deleted = await act(first.id, 'delete');
    expect(deleted).toMatchObject({ status: 'completed', counts: { total: 3, done: 3, failed: 0, pending: 0 } });
    expect(await docsOf(first.id)).toEqual([]);
    for (const id of drafts) {
      const trail = (await t.api('GET', `/api/v1/audit-events?objectId=${id}`)).body.data as Array<{ action: string }>;
      expect(trail.map((e) => e.action)).toContain('deleted');
    }
    // Their usage went back: the same session made again bills the same calls, to the cent.
    const second = await sessionOf(january);
    expect(second.counts.documentsCreated).toBe(3);
    expect(await totalsOf(second.id)).toEqual(before);
  });

  it('bad input: an unknown or foreign session is 404, a running one 409, options of another action 400', async () => {
    expect((await t.api('POST', '/api/v1/generation-sessions/gs_nope/issue')).status).toBe(404);
    const other = await invoicingTenant(env);
    const foreign = await other.api('POST', '/api/v1/generation-sessions', february);
    await env.runtime.queue.drain();
    const stranger = await t.api('POST', `/api/v1/generation-sessions/${foreign.body.id}/delete`);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_FOUND']);

    const running = await t.api('POST', '/api/v1/generation-sessions', { ...february, customerIds: [ids['Mike SL']] });
    const refused = await t.api('POST', `/api/v1/generation-sessions/${running.body.id}/issue`);
    expect([refused.status, refused.body.code, refused.body.sessionId]).toEqual([
      409,
      'SESSION_IN_PROGRESS',
      running.body.id,
    ]);
    await env.runtime.queue.drain();
    const wrong = await t.api('POST', `/api/v1/generation-sessions/${running.body.id}/delete`, {
      issueOrder: 'account_code',
    });
    expect(wrong.status).toBe(400);
  });
});
