import { sql, type SQL } from 'drizzle-orm';
import { arrayParam } from './usage-sql.ts';

type Scalar = string | number | boolean | null;
type ArrayType = Parameters<typeof arrayParam>[1];
/** A column of the unnested rows: its name under the alias, its values (one per row), its type. */
export type UnnestColumn = readonly [name: string, values: readonly Scalar[], type: ArrayType];

/**
 * The source of a many-row `update t … from`: `unnest(…) as alias(…)` over one array per column,
 * and the condition that ties each row to its target through the key (the first column).
 *
 * The key is matched twice, by the join and by `key = any(…)`: the second form lets the planner
 * find the rows through the key's index even when the statistics still think the table is small
 * (a new tenant's first run, a bulk action whose items were just written); with the join alone it
 * walked the tenant's rows once per row of the list (a 20 s page against 0.15 s).
 */
export function unnestUpdate(
  targetKey: SQL,
  columns: readonly [UnnestColumn, ...UnnestColumn[]],
  alias = 'v',
): { from: SQL; match: SQL } {
  const [key] = columns;
  const a = sql.raw(alias);
  const arrays = columns.map(([, values, type]) => arrayParam(values, type));
  const names = sql.raw(columns.map(([name]) => name).join(', '));
  return {
    from: sql`unnest(${sql.join(arrays, sql`, `)}) as ${a}(${names})`,
    match: sql`${targetKey} = ${a}.${sql.raw(key[0])} and ${targetKey} = any(${arrayParam(key[1], key[2])})`,
  };
}
