import { sql, type Column, type SQL } from 'drizzle-orm';

// Bulk writes send one parameter per column: a PostgreSQL array literal, unnested server-side
// (`unnest($1::text[], $2::int[], …)`). The literal is built here rather than by the driver so
// that node-postgres and PGlite receive the same plain text parameter; it measured twice as fast
// as node-postgres' own array serialisation.

type Scalar = string | number | boolean | null;

/** One array element: NULL, a number, t/f, or a quoted string. */
export function element(value: Scalar): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // Every string is quoted: then only a quote and a backslash need escaping.
  return value.indexOf('"') < 0 && value.indexOf('\\') < 0 ? `"${value}"` : `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** A PostgreSQL array literal of the values, e.g. {"a","b",NULL}. */
export function pgArray(values: readonly Scalar[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += element(values[i]);
  }
  return `${out}}`;
}

/** The array literal as a typed SQL parameter: pgParam(values, 'text') → $n::text[]. */
export function arrayParam(
  values: readonly Scalar[],
  type: 'text' | 'int' | 'bigint' | 'numeric' | 'bool' | 'timestamptz' | 'jsonb',
): SQL {
  return sql`${pgArray(values)}::${sql.raw(type)}[]`;
}

/**
 * `column = any($1::text[])`: one parameter for a whole list of ids, where drizzle's `inArray`
 * binds one per id (a chunk's 500 customers or 1,000 subscriptions are that many parameters to
 * build, send and parse).
 */
export function inIds(column: SQL | Column, ids: readonly string[]): SQL {
  return sql`${column} = any(${arrayParam(ids, 'text')})`;
}

/**
 * A prefix pattern for LIKE: `%` is the operator's wildcard for any digits, and since patterns are
 * digits and `%` only (checked by the use case), nothing else needs escaping.
 */
export function prefixLike(column: SQL, pattern: string): SQL {
  return pattern.includes('%') ? sql`${column} like ${pattern}` : sql`${column} = ${pattern}`;
}

/** How many rows a data-modifying CTE touched, from `select count(*) as n`. */
export const countOf = (rows: Array<{ n: number | string }>) => Number(rows[0]?.n ?? 0);
