import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { OwnerState, ProcessOwner, Processes } from '../app/ports/processes.ts';

// Process identity from Linux's /proc. Elsewhere (no /proc) only the PID is known, and a process
// counts as alive while a process with its PID exists: safe, if sometimes too cautious.

function readOrNull(read: () => string): string | null {
  try {
    return read().trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (start time) and field 3 (state); the name in field 2 may hold spaces. */
function statOf(pid: number): { state: string; startTicks: string } | null {
  const stat = readOrNull(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', startTicks: fields[19] ?? '' };
}

const bootId = () => readOrNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
const pidNamespace = () => readOrNull(() => readlinkSync('/proc/self/ns/pid'));
const hasProc = () => statOf(process.pid) !== null;

export function currentProcess(): ProcessOwner {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: bootId(),
    pidNamespace: pidNamespace(),
    startTicks: statOf(process.pid)?.startTicks ?? null,
  };
}

function signalProbe(pid: number): OwnerState {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'dead' : 'alive';
  }
}

export function ownerState(owner: ProcessOwner): OwnerState {
  const me = currentProcess();
  if (owner.host !== me.host) return 'unknown';
  // The same host booted again: every process of the earlier boot is gone.
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return 'dead';
  if (owner.pidNamespace && me.pidNamespace && owner.pidNamespace !== me.pidNamespace) return 'unknown';
  if (!hasProc() || owner.startTicks === null) return signalProbe(owner.pid);
  const stat = statOf(owner.pid);
  // No such PID, a zombie waiting for its parent, or the PID now belongs to a younger process.
  if (!stat || stat.state === 'Z' || stat.state === 'X' || stat.startTicks !== owner.startTicks) return 'dead';
  return 'alive';
}

export const systemProcesses: Processes = { current: currentProcess, state: ownerState };

/** A parsed owner record, or null when the value is not one (a damaged or foreign file). */
export function parseOwner(value: unknown): ProcessOwner | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  const textOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  if (!Number.isInteger(o.pid) || typeof o.host !== 'string') return null;
  return {
    pid: o.pid as number,
    host: o.host,
    bootId: textOrNull(o.bootId),
    pidNamespace: textOrNull(o.pidNamespace),
    startTicks: textOrNull(o.startTicks),
  };
}
