import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/types.ts';

export interface Floor {
  totalMs: number;
  /** Rows inserted and milliseconds taken, per table. */
  rows: Record<string, number>;
  ms: Record<string, number>;
}

/** Thrown to roll the measuring transaction back; carries what was measured. */
class Measured extends Error {
  constructor(readonly result: Floor) {
    super('rolled back on purpose');
  }
}

// What a session stores, table by table in the order its foreign keys need: the rows, selected
// from what the session stored, and the column that tells them apart.
const TABLES: Array<[table: string, rows: string, key: string]> = [
  ['documents', 'select * from documents where generation_session_id = $1', 'id'],
  ['charges', 'select * from charges where document_id in (select id from floor_documents)', 'id'],
  ['document_lines', 'select * from document_lines where document_id in (select id from floor_documents)', 'id'],
  ['usage_claims', 'select * from usage_claims where document_id in (select id from floor_documents)', 'document_id'],
  [
    'audit_events',
    "select * from audit_events where object_type = 'charge' and object_id in (select id from floor_charges)",
    'id',
  ],
];

/**
 * The floor under a session's time that no code of ours can go below: the rows the session stored
 * (documents, lines, the charges it produced, usage claims and audit entries), inserted again by
 * set-based SQL alone, with every index and constraint of the real tables, and no Node work, no
 * reads and no round trips in between. Inside one transaction that copies the rows aside, deletes
 * them, times the inserts and rolls everything back, so the database is left as it was. The
 * charges go in already claimed, where the session inserts and then claims them; the unique checks
 * step over the deleted originals, still in the indexes, which the session's inserts do not meet.
 */
export async function writesFloor(db: Db, sessionId: string): Promise<Floor> {
  try {
    await db.transaction(async (tx) => {
      const exec = async (text: string) =>
        (await tx.execute(sql.raw(text.replaceAll('$1', `'${sessionId.replaceAll("'", "''")}'`)))) as unknown as {
          rowCount?: number | null;
          affectedRows?: number;
        };
      for (const [table, rows] of TABLES) await exec(`create temp table floor_${table} as ${rows}`);
      for (const [table, , key] of [...TABLES].reverse())
        await exec(`delete from ${table} where ${key} in (select ${key} from floor_${table})`);
      const floor: Floor = { totalMs: 0, rows: {}, ms: {} };
      for (const [table] of TABLES) {
        const t0 = performance.now();
        const result = await exec(`insert into ${table} select * from floor_${table}`);
        const ms = performance.now() - t0;
        floor.totalMs += ms;
        floor.ms[table] = Math.round(ms);
        floor.rows[table] = Number(result.rowCount ?? result.affectedRows ?? 0);
      }
      throw new Measured(floor);
    });
  } catch (error) {
    if (error instanceof Measured) return error.result;
    throw error;
  }
  throw new Error('the measuring transaction committed');
}
