import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ApiClient, TestEnv } from '../support/runtime.ts';

/** A call as a switch would send it; tests override what they are about. */
export function call(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: `c-${Math.random().toString(36).slice(2)}`,
    source: 'sw1',
    startedAt: '2025-10-05T10:00:00Z',
    durationSeconds: 61,
    direction: 'outbound',
    external: true,
    caller: '34911111111',
    callee: '355671234567',
    ...overrides,
  };
}

/** Posts and expects success; returns the body. */
export async function ok<T = any>(
  api: ApiClient,
  method: string,
  url: string,
  body?: unknown,
  status = method === 'POST' ? 201 : 200,
): Promise<T> {
  const res = await api<T>(method, url, body);
  if (res.status !== status) throw new Error(`${method} ${url} → ${res.status} ${res.raw.slice(0, 500)}`);
  return res.body;
}

export async function customer(api: ApiClient, fields: Record<string, unknown> = {}): Promise<{ id: string }> {
  return ok(api, 'POST', '/api/v1/customers', {
    name: `Customer ${Math.random().toString(36).slice(2, 8)}`,
    currency: 'EUR',
    timezone: 'Europe/Madrid',
    ...fields,
  });
}

/** A plan with the given rates, assigned to the customer from validFrom. */
export async function planFor(
  api: ApiClient,
  customerId: string,
  rates: Array<Record<string, unknown>>,
  plan: Record<string, unknown> = {},
  validFrom = '2020-01-01',
): Promise<{ id: string }> {
  const created = await ok(api, 'POST', '/api/v1/rate-plans', { name: 'Retail', currency: 'EUR', rates, ...plan });
  await ok(api, 'POST', '/api/v1/rate-plan-assignments', { customerId, ratePlanId: created.id, validFrom });
  return created;
}

/** The price list changes: the plan's rates are replaced; stored records keep their prices until re-rated. */
export async function changeRates(
  api: ApiClient,
  planId: string,
  rates: Array<Record<string, unknown>>,
): Promise<void> {
  await ok(api, 'POST', `/api/v1/rate-plans/${planId}/rates`, { rates }, 200);
}

export async function ingest(api: ApiClient, records: unknown[]) {
  const res = await api('POST', '/api/v1/usage-records', { records });
  expect(res.status, res.raw).toBe(200);
  return res.body as {
    accepted: number;
    duplicates: number;
    rejected: Array<{ index: number; code: string; detail: string }>;
  };
}

export async function usage(api: ApiClient, query: string) {
  const res = await api('GET', `/api/v1/usage-records?${query}`);
  expect(res.status, res.raw).toBe(200);
  return res.body.data as Array<Record<string, any>>;
}

/**
 * Puts a document row straight into the database and the given records on it, as invoicing will:
 * rerating must respect documents whatever made them.
 */
export async function documentWith(
  env: TestEnv,
  tenantId: string,
  customerId: string,
  status: 'draft' | 'issued',
  recordIds: string[],
): Promise<string> {
  const id = `doc_test_${Math.random().toString(36).slice(2, 10)}`;
  const db = env.runtime.database.db;
  await db.execute(sql`
    insert into documents (id, tenant_id, type, status, customer_id, currency, period_start, period_end, timezone, customer_timezone,
      payment_terms_days, tax_rate, call_discount_percent, render_status, revision, number)
    values (${id}, ${tenantId}, 'invoice', ${status}, ${customerId}, 'EUR', '2025-10-01', '2025-10-31', 'Europe/Madrid', 'Europe/Madrid',
      14, '21', '0', 'created', 3, ${status === 'issued' ? `T-${id}` : null})`);
  await db.execute(
    sql`update usage_records set document_id = ${id} where tenant_id = ${tenantId} and id::text = any(${`{${recordIds.join(',')}}`}::text[])`,
  );
  return id;
}

export async function documentRow(env: TestEnv, id: string) {
  const result = await env.runtime.database.db.execute(
    sql`select status, render_status, needs_regeneration, revision from documents where id = ${id}`,
  );
  return (result as unknown as { rows: Array<Record<string, unknown>> }).rows[0];
}
