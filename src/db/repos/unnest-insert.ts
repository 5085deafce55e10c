import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { pgArray } from './usage-sql.ts';

type Scalar = string | number | boolean | null;

/** A column's value as the array literal carries it (the driver's own form of the column's type). */
function driverValue(column: PgColumn, value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  const mapped: unknown = column.mapToDriverValue(value);
  if (mapped === null || mapped === undefined) return null;
  if (typeof mapped === 'string' || typeof mapped === 'number' || typeof mapped === 'boolean') return mapped;
  if (mapped instanceof Date) return mapped.toISOString();
  return JSON.stringify(mapped);
}

/**
 * An INSERT of many rows as one parameter per column, unnested server-side:
 * `insert into t (a, b) select * from unnest($1::text[], $2::numeric[])`. Building and binding
 * one array per column costs the same whatever the number of rows, where a multi-VALUES insert
 * binds (and the query builder walks) every cell, and no statement nears the 65,535-parameter
 * limit. The columns are those of the first row (the rows share their shape); a column absent
 * from it takes its default. `tail` follows the select (ON CONFLICT …, RETURNING …).
 */
export function unnestInsert<T extends PgTable>(
  table: T,
  rows: ReadonlyArray<Partial<T['$inferInsert']>>,
  tail: SQL = sql``,
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0] ?? {}).filter(
    (key) => key in columns && (rows[0] as Record<string, unknown>)[key] !== undefined,
  );
  const names = keys.map((key) => sql.identifier(columns[key]!.name));
  const arrays = keys.map((key) => {
    const column = columns[key]!;
    const values = rows.map((row) => driverValue(column, (row as Record<string, unknown>)[key]));
    return sql`${pgArray(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  return sql`insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)})
    select * from unnest(${sql.join(arrays, sql`, `)}) ${tail}`;
}
