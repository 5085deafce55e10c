import { sql } from 'drizzle-orm';
import type { RateInputRow } from '../../app/ports/rating.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { newId } from '../../app/ids.ts';
import { arrayParam } from './usage-sql.ts';

// Rate sheets and destination lists of tens of thousands of rows are written in one statement
// each: the rows go in as arrays, ON CONFLICT updates what changed, and `xmax = 0` tells a new
// row from an updated one. Rows that did not change are not rewritten (the WHERE on the update).

export async function upsertDestinations(
  tx: Db,
  tenantId: string,
  rows: Array<{ id: string; prefix: string; name: string }>,
): Promise<{ created: number; updated: number }> {
  if (!rows.length) return { created: 0, updated: 0 };
  // ON CONFLICT cannot touch a row twice in one statement: the last name of a prefix wins.
  const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
  const unique = [...byPrefix.values()];
  const result = await rowsOf<{ inserted: boolean }>(
    tx,
    sql`
    insert into destinations (id, tenant_id, prefix, name)
    select v.id, ${tenantId}, v.prefix, v.name
    from unnest(${arrayParam(
      unique.map((r) => r.id),
      'text',
    )}, ${arrayParam(
      unique.map((r) => r.prefix),
      'text',
    )}, ${arrayParam(
      unique.map((r) => r.name),
      'text',
    )}) as v(id, prefix, name)
    on conflict (tenant_id, prefix) do update set name = excluded.name where destinations.name is distinct from excluded.name
    returning (xmax = 0) as inserted`,
  );
  const created = result.filter((r) => r.inserted).length;
  return { created, updated: result.length - created };
}

export async function upsertRates(
  tx: Db,
  tenantId: string,
  planId: string,
  rows: RateInputRow[],
  replace: boolean,
): Promise<{ created: number; updated: number; deleted: number }> {
  let deleted = 0;
  if (replace) {
    const gone = await rowsOf<{ n: number }>(
      tx,
      sql`
      with gone as (delete from rates where tenant_id = ${tenantId} and rate_plan_id = ${planId}
        and not (prefix = any(${arrayParam(
          rows.map((r) => r.prefix),
          'text',
        )})) returning 1)
      select count(*) as n from gone`,
    );
    deleted = Number(gone[0]?.n ?? 0);
  }
  if (!rows.length) return { created: 0, updated: 0, deleted };
  const result = await rowsOf<{ inserted: boolean }>(
    tx,
    sql`
    insert into rates (id, tenant_id, rate_plan_id, prefix, price_per_minute, connection_fee, minimum_seconds, increment_seconds)
    select v.id, ${tenantId}, ${planId}, v.prefix, v.ppm, v.fee, v.mins, v.inc
    from unnest(${arrayParam(
      rows.map(() => newId('rt')),
      'text',
    )}, ${arrayParam(
      rows.map((r) => r.prefix),
      'text',
    )},
                ${arrayParam(
                  rows.map((r) => r.pricePerMinute),
                  'numeric',
                )}, ${arrayParam(
                  rows.map((r) => r.connectionFee),
                  'numeric',
                )},
                ${arrayParam(
                  rows.map((r) => r.minimumSeconds),
                  'int',
                )}, ${arrayParam(
                  rows.map((r) => r.incrementSeconds),
                  'int',
                )}) as v(id, prefix, ppm, fee, mins, inc)
    on conflict (rate_plan_id, prefix) do update set price_per_minute = excluded.price_per_minute, connection_fee = excluded.connection_fee,
      minimum_seconds = excluded.minimum_seconds, increment_seconds = excluded.increment_seconds
    where (rates.price_per_minute, rates.connection_fee, rates.minimum_seconds, rates.increment_seconds)
      is distinct from (excluded.price_per_minute, excluded.connection_fee, excluded.minimum_seconds, excluded.increment_seconds)
    returning (xmax = 0) as inserted`,
  );
  const created = result.filter((r) => r.inserted).length;
  return { created, updated: result.length - created, deleted };
}
