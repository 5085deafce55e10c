import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { currentProcess, ownerState, parseOwner } from './process-identity.ts';

describe('process identity', () => {
  it('knows this process is alive, a finished one is dead, and a reused PID is not its owner', async () => {
    const me = currentProcess();
    expect(me.pid).toBe(process.pid);
    expect(me.startTicks).toMatch(/^\d+$/);
    expect(ownerState(me)).toBe('alive');

    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 200)']);
    await new Promise((r) => child.once('spawn', r));
    const owner = { ...me, pid: child.pid! };
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    owner.startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
    expect(ownerState(owner)).toBe('alive');
    await new Promise((r) => child.once('exit', r));
    expect(ownerState(owner)).toBe('dead');

    // The same PID with another start time is another process: the recorded one is gone.
    expect(ownerState({ ...me, startTicks: String(Number(me.startTicks) + 1) })).toBe('dead');
  });

  it('cannot look at another host or PID namespace, and knows every process of an earlier boot is gone', () => {
    const me = currentProcess();
    expect(ownerState({ ...me, host: 'elsewhere' })).toBe('unknown');
    expect(ownerState({ ...me, pidNamespace: 'pid:[1]' })).toBe('unknown');
    expect(ownerState({ ...me, bootId: 'an-earlier-boot' })).toBe('dead');
  });

  it('reads owner records defensively', () => {
    expect(parseOwner({ pid: 12, host: 'h', startTicks: '5' })).toEqual({
      pid: 12,
      host: 'h',
      bootId: null,
      pidNamespace: null,
      startTicks: '5',
    });
    expect(parseOwner({ pid: '12', host: 'h' })).toBeNull();
    expect(parseOwner(null)).toBeNull();
  });
});
