import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../../test/support/runtime.ts';

// Deleting a row makes PostgreSQL check each foreign key that references it with a query on the
// referencing columns alone, once per deleted row. Without an index that leads with those columns
// each check reads the whole referencing table or index: deleting many rows becomes quadratic.
describe('Foreign keys to documents', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('are each served by an index that leads with their columns, so deleting drafts in bulk stays linear', async () => {
    const { rows } = (await env.runtime.database.db.execute(sql`
      select c.conrelid::regclass::text as "table", c.conname as "constraint",
        exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
        ) as indexed
      from pg_constraint c
      where c.contype = 'f' and c.confrelid = 'documents'::regclass
      order by 1, 2`)) as unknown as { rows: Array<{ table: string; constraint: string; indexed: boolean }> };
    // The tables a document's deletion checks: every one of them, each with its index.
    expect(rows.map((r) => r.table)).toEqual(
      expect.arrayContaining(['charges', 'document_lines', 'usage_claims', 'document_files']),
    );
    expect(rows.filter((r) => !r.indexed)).toEqual([]);
  });
});
