import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

/**
 * A keyed request runs in one transaction with the record of its answer. The process-level
 * crashes (killed before and after the commit) are in kill-points.test.ts; these are the
 * in-process rules that make them work.
 */
describe('A keyed request and its recorded answer commit together', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let customerId: string;
  let sequenceId: string;
  let month = 0;

  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    (await env.runtime.database.executor.executeSql(text, values)).rows as T[];
  const draft = async (generate = true) => {
    month += 1;
    const period = {
      periodStart: `2025-${String(month).padStart(2, '0')}-01`,
      periodEnd: `2025-${String(month).padStart(2, '0')}-28`,
    };
    if (generate)
      return makeInvoice(env, api, { type: 'invoice', customerId, numberSequenceId: sequenceId, ...period });
    return (
      await api('POST', '/api/v1/documents', { type: 'invoice', customerId, numberSequenceId: sequenceId, ...period })
    ).body;
  };
  const keyed = (key: string) => ({ 'idempotency-key': key });

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T10:00:00Z' });
    ({ api, tenantId, customerId, sequenceId } = await invoicingTenant(env, { prefix: 'IDEM' }));
    await seedUsage(env, tenantId, customerId, [
      { startedAt: '2025-01-10T10:00:00Z', durationSeconds: 60, callee: '34911111111', price: '0.2000' },
    ]);
  });
  afterAll(() => env.close());

  it('a claim left unanswered by a process that died does not block the retry: it runs', async () => {
    const doc = await draft();
    // What a process that died mid-request used to leave behind: a claim without an answer.
    await sql(`insert into idempotency_keys (tenant_id, key, request_hash) values ($1, 'issue-dead', 'x')`, [tenantId]);
    const issued = await api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-dead'));
    expect(issued.status).toBe(200);
    expect(issued.body.number).toMatch(/^IDEM\d{4}$/);
    const again = await api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-dead'));
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.number).toBe(issued.body.number);
  });

  it('a refused keyed request keeps none of its writes and replays its refusal', async () => {
    const doc = await draft(false);
    const refused = await api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-early'));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOT_GENERATED');
    const replayed = await api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-early'));
    expect(replayed).toMatchObject({ status: 422, body: { code: 'NOT_GENERATED' } });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await api('GET', `/api/v1/documents/${doc.id}`)).body).toMatchObject({ status: 'draft', number: null });
  });

  it('the answer is stored in the transaction of the effect: both exist, or neither', async () => {
    const doc = await draft();
    const issued = await api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-atomic'));
    const [row] = await sql<{ status_code: string; response: { number: string } }>(
      `select status_code, response from idempotency_keys where tenant_id = $1 and key = 'issue-atomic'`,
      [tenantId],
    );
    expect(row).toMatchObject({ status_code: '200', response: { number: issued.body.number } });
    // A request refused before it runs (a body that is not JSON) takes no key and stores nothing.
    const broken = await api('POST', '/api/v1/customers', '{"name":', {
      ...keyed('broken-body'),
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(
      await sql(`select 1 from idempotency_keys where tenant_id = $1 and key = 'broken-body'`, [tenantId]),
    ).toEqual([]);
  });

  it('the same key sent twice at once takes one number: one runs, the other waits or is told it is in progress', async () => {
    const doc = await draft();
    const [a, b] = await Promise.all([
      api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-twice')),
      api('POST', `/api/v1/documents/${doc.id}/issue`, undefined, keyed('issue-twice')),
    ]);
    const answers = [a, b].map((r) => (r.status === 200 ? r.body.number : r.body.code));
    const numbers = answers.filter((x) => x !== 'IDEMPOTENCY_IN_PROGRESS');
    expect(numbers.length).toBeGreaterThan(0);
    expect(new Set(numbers).size).toBe(1);
    for (const r of [a, b]) expect([200, 409]).toContain(r.status);
    const [{ n }] = await sql<{ n: number }>(
      `select count(*)::int as n from documents where tenant_id = $1 and number = $2`,
      [tenantId, numbers[0]],
    );
    expect(n).toBe(1);
  });
});
