import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { currentProcess, ownerState, parseOwner } from '../system/process-identity.ts';
import type { ProcessOwner } from '../app/ports/processes.ts';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(dir: string, holder: string) {
    super(
      `The embedded database at ${dir} is in use by another Tollbook process (${holder}). ` +
        'Two processes writing one PGlite directory corrupt it, so this one stops. ' +
        'Stop the other process, pass another --data-dir, or set DATABASE_URL to use PostgreSQL.',
    );
  }
}

export const LOCK_FILE = 'tollbook.lock';

// The lock is a file naming its owner (PID, host, boot, PID namespace, start time). Whether the
// owner still runs is asked of the operating system, not read from a refresh time, so a crashed
// owner frees the directory at once, while a paused one (SIGSTOP, Ctrl-Z) keeps it for as long as
// it lives. A file is only ever created whole (link of a written file) and a dead
// owner's file is only removed after checking it is still the same file.

interface Holder {
  raw: string;
  owner: ProcessOwner | null;
  startedAt: string | null;
  /** When the owner last refreshed the file (its modification time). */
  touchedMs: number;
}

async function readHolder(path: string): Promise<Holder | 'gone' | 'old-format'> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'old-format';
    const raw = await readFile(path, 'utf8');
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const startedAt = (parsed as { startedAt?: unknown } | null)?.startedAt;
    const owner = parseOwner(parsed);
    return { raw, owner, startedAt: typeof startedAt === 'string' ? startedAt : null, touchedMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}

/** Creates the lock file whole, or answers false when one exists. */
async function tryCreate(path: string, body: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, body, { mode: 0o644 });
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/** Moves a dead owner's file aside, and puts it back if it turns out to be someone else's new lock. */
async function removeIfUnchanged(path: string, raw: string): Promise<void> {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== raw) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

// A lock left by releases before the owner record (a directory refreshed every 5 s, stale after 15 s).
const OLD_FORMAT_STALE_MS = 15_000;

async function clearOldFormat(dir: string, path: string): Promise<void> {
  const age = Date.now() - (await stat(path)).mtimeMs;
  if (age < OLD_FORMAT_STALE_MS) throw new DataDirLockedError(dir, 'an earlier Tollbook release');
  await rmdir(path).catch(() => {});
}

function describe(holder: Holder): string {
  const o = holder.owner!;
  return `PID ${o.pid} on ${o.host}${holder.startedAt ? `, since ${holder.startedAt}` : ''}`;
}

// An owner in another PID namespace on this host (a container restarted: same host name, new
// namespace) or on another host cannot be asked about. For those, the owner touches its file every
// REFRESH_MS, and a file untouched for UNKNOWN_STALE_MS counts as left behind by a dead owner. An
// owner that finds its file gone or replaced stops at once (onLost) rather than write beside another.
const REFRESH_MS = 10_000;
const UNKNOWN_STALE_MS = 30_000;

export interface LockOptions {
  /** Called when the lock file was removed or replaced under a running owner. */
  onLost?(path: string): void;
}

/**
 * Takes the single-writer lock on an embedded data directory, or throws DataDirLockedError when
 * a live process holds it. Resolves to the function that releases it.
 */
export async function lockDataDir(dir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const body = `${JSON.stringify({ ...currentProcess(), startedAt: new Date().toISOString() })}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(path, body)) return releaser(path, body, options);
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === 'old-format') {
      await clearOldFormat(dir, path);
      continue;
    }
    if (!holder.owner)
      throw new DataDirLockedError(dir, `the lock file ${path} is unreadable; delete it if no Tollbook process runs`);
    const state = ownerState(holder.owner);
    if (state === 'alive') throw new DataDirLockedError(dir, describe(holder));
    if (state === 'unknown' && Date.now() - holder.touchedMs < UNKNOWN_STALE_MS)
      throw new DataDirLockedError(
        dir,
        `${describe(holder)}, in another container or on another host; it is taken over once it has not been refreshed for ${UNKNOWN_STALE_MS / 1000} s`,
      );
    await removeIfUnchanged(path, holder.raw);
  }
  throw new DataDirLockedError(dir, 'other processes keep taking the lock');
}

function releaser(path: string, body: string, options: LockOptions): () => Promise<void> {
  const ours = () => {
    try {
      return readFileSync(path, 'utf8') === body;
    } catch {
      return false;
    }
  };
  // Also on a plain exit without close(): the next start then finds no file at all.
  const onExit = () => {
    if (ours()) unlinkSync(path);
  };
  const refresh = setInterval(() => {
    if (!ours()) {
      clearInterval(refresh);
      options.onLost?.(path);
      return;
    }
    const now = new Date();
    utimes(path, now, now).catch(() => {});
  }, REFRESH_MS);
  refresh.unref();
  process.once('exit', onExit);
  return async () => {
    clearInterval(refresh);
    process.off('exit', onExit);
    onExit();
  };
}
