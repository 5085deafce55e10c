import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';
import { currentProcess } from '../system/process-identity.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tollbook-lock-'));
  dirs.push(d);
  return d;
};
const plant = (dir: string, owner: object, ageSeconds = 0) => {
  const path = join(dir, LOCK_FILE);
  writeFileSync(path, `${JSON.stringify(owner)}\n`);
  const at = new Date(Date.now() - ageSeconds * 1000);
  utimesSync(path, at, at);
};

describe('the data-directory lock', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('is refused to a second taker while held, and free again once released', async () => {
    const dir = tempDir();
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await release();
    await (
      await lockDataDir(dir)
    )();
  });

  it('takes over from an owner that is gone: an earlier boot, or a PID now used by a younger process', async () => {
    const me = currentProcess();
    for (const owner of [
      { ...me, bootId: 'an-earlier-boot' },
      { ...me, startTicks: String(Number(me.startTicks) + 7) },
    ]) {
      const dir = tempDir();
      plant(dir, owner);
      await (
        await lockDataDir(dir)
      )();
    }
  });

  it('waits for an owner it cannot ask about (another container) until its refresh is 30 s old', async () => {
    const me = currentProcess();
    const fresh = tempDir();
    plant(fresh, { ...me, pidNamespace: 'pid:[1]' }, 5);
    await expect(lockDataDir(fresh)).rejects.toThrow(/in another container or on another host/);
    const stale = tempDir();
    plant(stale, { ...me, host: 'other-host' }, 31);
    await (
      await lockDataDir(stale)
    )();
  });

  it('refuses, with a way out, a lock file it cannot read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    await expect(lockDataDir(dir)).rejects.toThrow(/unreadable; delete it if no Tollbook process runs/);
  });
});
