import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

/** A database handle or an open transaction: repositories take either, explicitly. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}
