import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { OwnerState } from '../ports/processes.ts';
import type { UsageImport } from '../ports/usage.ts';
import { withLiveStatus } from './import-owner.ts';

const now = Temporal.Instant.from('2025-01-01T12:00:00Z');
const depsWith = (state: OwnerState): Deps =>
  ({
    uow: null as never,
    clock: { now: () => now },
    processes: { current: () => null as never, state: () => state },
  }) as Deps;

const cliImport = (heartbeatAt: string, status: UsageImport['status'] = 'running'): UsageImport =>
  ({
    id: 'uimp_1',
    status,
    options: {
      origin: 'cli',
      owner: { pid: 42, host: 'h', bootId: null, pidNamespace: null, startTicks: '1', heartbeatAt },
    },
  }) as UsageImport;

describe('the status readers see for a CLI import', () => {
  it('is interrupted when the owner process is dead, running while it lives (even silent)', () => {
    expect(withLiveStatus(depsWith('dead'), cliImport('2025-01-01T11:59:59Z')).status).toBe('interrupted');
    expect(withLiveStatus(depsWith('alive'), cliImport('2025-01-01T10:00:00Z')).status).toBe('running');
  });

  it('falls back to the heartbeat when the owner ran where this process cannot look', () => {
    expect(withLiveStatus(depsWith('unknown'), cliImport('2025-01-01T11:59:30Z')).status).toBe('running');
    expect(withLiveStatus(depsWith('unknown'), cliImport('2025-01-01T11:58:00Z')).status).toBe('interrupted');
  });

  it('leaves finished imports and uploads alone', () => {
    expect(withLiveStatus(depsWith('dead'), cliImport('2025-01-01T11:00:00Z', 'completed')).status).toBe('completed');
    const upload = { ...cliImport('2025-01-01T11:00:00Z'), options: { origin: 'api' } } as UsageImport;
    expect(withLiveStatus(depsWith('dead'), upload).status).toBe('running');
  });
});
