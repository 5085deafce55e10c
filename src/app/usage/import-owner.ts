import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { ImportOwner, UsageImport } from '../ports/usage.ts';

// A CLI import is streamed by one process, which records itself on the import (PID, host, start
// time) and beats a heartbeat while it works. When that process is gone — killed, crashed, its
// machine rebooted — the import is no longer `running` but `interrupted`, for every reader, until
// `tollbook import-usage FILE --resume ID` continues it.

export const HEARTBEAT_SECONDS = 10;
/** Without a way to ask the owner's host, an import this long silent counts as interrupted. */
export const STALE_SECONDS = 60;

export function currentOwner(deps: Deps): ImportOwner {
  const me = deps.processes?.current() ?? {
    pid: process.pid,
    host: 'unknown',
    bootId: null,
    pidNamespace: null,
    startTicks: null,
  };
  return { ...me, heartbeatAt: deps.clock.now().toString() };
}

/** Whether the recorded owner is surely gone: the OS says so, or (elsewhere) it went silent. */
export function ownerGone(deps: Deps, owner: ImportOwner): boolean {
  const state = deps.processes?.state(owner) ?? 'unknown';
  if (state !== 'unknown') return state === 'dead';
  const silentMs = deps.clock.now().epochMilliseconds - Date.parse(owner.heartbeatAt);
  return !(silentMs <= STALE_SECONDS * 1000);
}

/** The import as readers should see it: `interrupted` when its owner process is gone. */
export function withLiveStatus(deps: Deps, imp: UsageImport): UsageImport {
  const owner = imp.options.owner;
  if (imp.status !== 'running' || imp.options.origin !== 'cli' || !owner) return imp;
  return ownerGone(deps, owner) ? { ...imp, status: 'interrupted' } : imp;
}

/** Beats the owner's heartbeat until the returned function is called. */
export function startHeartbeat(deps: Deps, ctx: CallContext, importId: string): () => void {
  const timer = setInterval(() => {
    deps.uow
      .run((s) => s.usage.setImportOwner(ctx.tenantId, importId, currentOwner(deps)))
      .catch(() => {
        // A missed beat only makes the import look idle sooner; the next one retries.
      });
  }, HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
