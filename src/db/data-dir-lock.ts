import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(dir: string) {
    super(
      `The embedded database at ${dir} is in use by another Tollbook process. ` +
        'Two processes writing one PGlite directory corrupt it, so this one stops. ' +
        'Stop the other process, pass another --data-dir, or set DATABASE_URL to use PostgreSQL.',
    );
  }
}

/**
 * Takes the single-writer lock on an embedded data directory. The lock is refreshed while the
 * process lives and goes stale shortly after it dies, so a crash never locks the data out for long.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, {
      lockfilePath: `${dir}/tollbook.lock`,
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dir);
    throw error;
  }
}
