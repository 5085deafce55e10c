import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { Db, SqlExecutor } from './types.ts';

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Plain SQL with $n parameters outside any transaction (pg-boss and bulk paths use it). */
  readonly executor: SqlExecutor;
  /** A PostgreSQL pool, when on PostgreSQL (COPY and concurrency need real connections). */
  readonly pool: pg.Pool | null;
  readonly pglite: PGlite | null;
  /**
   * Runs schema setup (migrations, queue tables) as the only process doing so. On PostgreSQL two
   * processes starting at once (`serve --role api` and `--role worker`) would otherwise race on
   * the same CREATE statements; the embedded database already has one process by its lock.
   */
  exclusiveSetup<T>(setup: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Any fixed 64-bit number identifies the lock; this one spells "tollbook" in ASCII.
const SETUP_LOCK_KEY = '8390043843578261355';

export interface OpenOptions {
  /** postgres://… ; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Data directory of the embedded database; `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-directory dump to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// numeric and bigint come back from PostgreSQL as strings; keep numeric exact (strings), bigint counters fit in JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Sessions run in UTC: every business time zone is applied explicitly, never by the server's default.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  // An idle connection the server closes (restart, failover, a dropped database) must not take the
  // process down: the pool opens a new one for the next query.
  pool.on('error', (error) => process.emitWarning(`idle PostgreSQL connection closed: ${error.message}`));
  // Fail fast with the driver's own message (bad URL, server down) before anything else starts.
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    pglite: null,
    executor: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
    async exclusiveSetup(setup) {
      // A session-level lock on a connection of its own: the migrations run on other connections.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [SETUP_LOCK_KEY]);
        return await setup();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [SETUP_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let release: (() => Promise<void>) | null = null;
  if (!inMemory) {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    release = await lockDataDir(dir, {
      // Someone removed or replaced the lock under us: another process may now write the same
      // files, so this one stops before its next write rather than corrupt them.
      onLost(path) {
        process.stderr.write(`error DATA_DIR_LOCK_LOST: ${path} was removed or taken by another process; stopping\n`);
        process.exit(1);
      },
    });
  }
  // The database lives in a sub-folder so that the lock file beside it is not inside PostgreSQL's own directory.
  let client: PGlite;
  try {
    client = new PGlite(inMemory ? undefined : resolve(dataDir, 'pgdata'), loadDataDir ? { loadDataDir } : {});
    await client.waitReady;
    await client.exec("set time zone 'UTC'");
  } catch (error) {
    if (release) await release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pool: null,
    pglite: client,
    exclusiveSetup: (setup) => setup(),
    executor: {
      async executeSql(text, values) {
        // pg-boss sends multi-statement scripts without parameters; PGlite's exec runs those.
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        }
        return client.query(text, values as unknown[]);
      },
    },
    async close() {
      await client.close();
      if (release) await release();
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db as never, { migrationsFolder });
  }
}
