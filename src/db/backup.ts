import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

// Backups of the embedded database: a backup is PGlite's own dump of its data directory (a
// gzipped tar), taken while this process holds the directory's lock, so no server writes during
// it. A server holding the lock is never interrupted: the backup is refused and says so.
// On PostgreSQL, pg_dump and pg_restore do this job (docs/operations.md).

export class BackupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const pgdataOf = (dataDir: string) => resolve(dataDir, 'pgdata');

async function locked<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockDataDir(resolve(dataDir));
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new BackupError(
      'DATA_DIR_LOCKED',
      `${error.message} Backups and restores of the embedded database need it to themselves: stop the server, run the command, start it again.`,
    );
  }
  try {
    return await work();
  } finally {
    await release();
  }
}

/** Writes a backup of the embedded database in `dataDir` to `file`; resolves to its size in bytes. */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  if (!existsSync(pgdataOf(dataDir)))
    throw new BackupError('NO_DATABASE', `${resolve(dataDir)} holds no Tollbook database to back up`);
  return locked(dataDir, async () => {
    const db = new PGlite(pgdataOf(dataDir));
    try {
      await db.waitReady;
      const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
      // Written beside the target and renamed: a crash never leaves a truncated file under its name.
      const partial = `${file}.partial`;
      await writeFile(partial, dump, { mode: 0o600 });
      await rename(partial, file);
      return dump.length;
    } finally {
      await db.close();
    }
  });
}

function checkBackupFile(bytes: Buffer, file: string) {
  try {
    // A tar archive says "ustar" at offset 257 of its first header.
    if (
      gunzipSync(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), { finishFlush: constants.Z_SYNC_FLUSH })
        .subarray(257, 262)
        .toString() === 'ustar'
    )
      return;
  } catch {
    // Not gzip at all: reported below.
  }
  throw new BackupError('BACKUP_UNREADABLE', `${file} is not a Tollbook embedded-database backup`);
}

/**
 * Restores a backup into `dataDir`. A directory that already holds a database is refused unless
 * `force`; even then the old database is moved aside (pgdata.before-restore-<time>), not deleted.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  force: boolean,
): Promise<{ movedAside: string | null }> {
  const bytes = await readFile(file).catch(() => {
    throw new BackupError('FILE_NOT_FOUND', `${file} is not a readable file`);
  });
  checkBackupFile(bytes, file);
  const pgdata = pgdataOf(dataDir);
  const occupied = existsSync(pgdata) && readdirSync(pgdata).length > 0;
  if (occupied && !force)
    throw new BackupError(
      'DATA_DIR_NOT_EMPTY',
      `${resolve(dataDir)} already holds a database; restore into an empty --data-dir, or pass --force to replace it (the old one is kept beside it)`,
    );
  await mkdir(dataDir, { recursive: true });
  return locked(dataDir, async () => {
    const movedAside = occupied ? `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
    if (movedAside) await rename(pgdata, movedAside);
    try {
      const db = new PGlite(pgdata, { loadDataDir: new Blob([bytes]) });
      await db.waitReady;
      await db.query('select 1');
      await db.close();
    } catch (error) {
      await rm(pgdata, { recursive: true, force: true });
      if (movedAside) await rename(movedAside, pgdata);
      throw new BackupError('BACKUP_UNREADABLE', `${file} could not be restored: ${(error as Error).message}`);
    }
    return { movedAside };
  });
}
