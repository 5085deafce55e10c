import { sql, type SQL } from 'drizzle-orm';
import type { Db, SqlExecutor } from './types.ts';

/** Turns `$1`-style SQL text and its values into a drizzle query, so raw SQL can run in a transaction. */
export function textToSql(text: string, values: unknown[] = []): SQL {
  const parts: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    parts.push(sql.raw(text.slice(last, match.index)));
    // drizzle renders an undefined parameter as nothing at all; SQL wants NULL there.
    const value = values[Number(match[1]) - 1];
    parts.push(sql`${value === undefined ? null : value}`);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(sql.raw(text.slice(last)));
  return sql.join(parts, sql.raw(''));
}

/** An executor bound to one open transaction (pg-boss writes its jobs through it). */
export function txExecutor(tx: Db): SqlExecutor {
  return {
    async executeSql(text, values) {
      const result = await tx.execute(textToSql(text, values ?? []));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

export async function rowsOf<T>(tx: Db, query: SQL): Promise<T[]> {
  const result = await tx.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
