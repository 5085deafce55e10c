import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { call, customer, ingest, ok, planFor, usage } from './support.ts';

// ADR 0016: a document bills its usage through one range claim, not a write per record.
describe('Usage billed through a range claim', () => {
  let env: TestEnv;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    ({ api } = await invoicingTenant(env, { timezone: 'UTC' }));
  });
  afterAll(() => env.close());

  const rows = async (query: ReturnType<typeof sql>) =>
    ((await env.runtime.database.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
  const state = async (customerId: string) => ({
    claims: (await rows(sql`select records from usage_claims where customer_id = ${customerId}`)).map((r) =>
      Number(r.records),
    ),
    perRecord: Number(
      (
        await rows(
          sql`select count(*)::int as n from usage_records where customer_id = ${customerId} and document_id is not null`,
        )
      )[0]!.n,
    ),
  });

  it('claims the period with one row, keeps a late call out, and turns per-record when re-rated', async () => {
    const c = await customer(api);
    await planFor(api, c.id, [
      { prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    const at = (day: string, id: string) =>
      call({
        externalId: `${c.id}-${id}`,
        customerId: c.id,
        durationSeconds: 60,
        startedAt: `2025-10-${day}T10:00:00Z`,
      });
    await ingest(api, [at('05', 'a'), at('06', 'b'), at('07', 'c'), call({ customerId: c.id, direction: 'inbound' })]);
    const doc = await makeInvoice(env, api, {
      type: 'invoice',
      customerId: c.id,
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
    });
    expect(doc.totals.usage).toBe('0.60');
    // One claim of three records; no record was written.
    expect(await state(c.id)).toEqual({ claims: [3], perRecord: 0 });
    const billed = await usage(api, `documentId=${doc.id}`);
    expect(billed.map((r) => r.externalId).sort()).toEqual([`${c.id}-a`, `${c.id}-b`, `${c.id}-c`]);
    expect(billed.every((r) => r.documentId === doc.id)).toBe(true);

    // A call of the period ingested after the claim is not the document's: it stays free.
    await ingest(api, [at('20', 'late')]);
    expect((await usage(api, `documentId=${doc.id}`)).length).toBe(3);
    const late = (await usage(api, `customerId=${c.id}`)).find((r) => r.externalId === `${c.id}-late`)!;
    expect(late.documentId).toBeNull();
    const calls = await ok(api, 'GET', `/api/v1/documents/${doc.id}/usage-records`);
    expect(calls.data).toHaveLength(3);
    const refused = await api('POST', `/api/v1/documents/${doc.id}/issue`);
    expect([refused.status, refused.body.code]).toEqual([422, 'UNBILLED_USAGE']);

    // Re-rating changes single records: the claim becomes per-record first, the draft keeps its calls.
    await ok(
      api,
      'POST',
      '/api/v1/usage-records/rerate',
      { customerId: c.id, from: '2025-10-01T00:00:00Z', to: '2025-11-01T00:00:00Z' },
      200,
    );
    expect(await state(c.id)).toEqual({ claims: [], perRecord: 3 });
    expect((await usage(api, `documentId=${doc.id}`)).length).toBe(3);

    // Generated again, the draft takes the late call too, through a new claim.
    await ok(api, 'POST', `/api/v1/documents/${doc.id}/generate`, undefined, 202);
    await env.runtime.queue.drain();
    expect((await usage(api, `documentId=${doc.id}`)).length).toBe(4);

    // Deleting the draft frees everything it billed.
    expect((await api('DELETE', `/api/v1/documents/${doc.id}`)).status).toBe(204);
    expect(await state(c.id)).toEqual({ claims: [], perRecord: 0 });
    expect((await usage(api, `customerId=${c.id}`)).filter((r) => r.documentId !== null)).toEqual([]);
  });
});
