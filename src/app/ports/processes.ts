/**
 * Who a process is, precisely enough to tell later whether it still runs: a PID alone is reused by
 * the operating system, so the record also carries the host, its boot, the PID namespace and the
 * process start time (clock ticks since boot, from /proc). Locks and long CLI runs record it.
 */
export interface ProcessOwner {
  pid: number;
  host: string;
  bootId: string | null;
  pidNamespace: string | null;
  startTicks: string | null;
}

/**
 * `alive`: the very process still runs (a paused one included); `dead`: it is gone for sure;
 * `unknown`: it ran on another host or in another PID namespace, where this process cannot look.
 */
export type OwnerState = 'alive' | 'dead' | 'unknown';

export interface Processes {
  current(): ProcessOwner;
  state(owner: ProcessOwner): OwnerState;
}
