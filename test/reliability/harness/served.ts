import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, TollbookServer, type ExtraEnv, type Store } from './processes.ts';

export interface Answer {
  status: number;
  body: any;
}

/**
 * One tenant served by one `tollbook serve` at a time over an embedded data directory, for
 * scenarios that kill the server at a named point and start it again: `restart(killAt)` waits
 * for the dead one and starts the next, `api` talks to whichever runs, `until` polls.
 */
export class ServedTenant {
  server: TollbookServer | null = null;
  private constructor(
    readonly dir: string,
    readonly store: Store,
    readonly apiKey: string,
    private readonly env: ExtraEnv,
  ) {}

  /** A fresh data directory with one tenant (created by the CLI), no server running yet. */
  static async create(name: string, env: ExtraEnv = {}): Promise<ServedTenant> {
    const dir = mkdtempSync(join(tmpdir(), 'tollbook-served-'));
    const store: Store = { dataDir: join(dir, 'data') };
    const tenant = await runCli(
      store,
      ['tenant', 'create', '--name', name, '--timezone', 'UTC', '--currency', 'EUR', '--json'],
      null,
      500_000,
    );
    const { apiKey } = JSON.parse(tenant.stdout) as { apiKey: string };
    return new ServedTenant(dir, store, apiKey, env);
  }

  /**
   * Starts a server, armed to die at `killAt` (null: never), once the previous one has gone. A
   * server that resumes pending work may reach its kill point before it prints that it runs: it
   * did what it was started for, and is returned dead rather than started again (each start would
   * die the same way, one more crash than the scenario asked for).
   */
  async restart(killAt: string | null): Promise<TollbookServer> {
    if (this.server) await this.server.exited;
    // Right after a kill the dead process's lock may linger a moment: try again.
    for (let attempt = 0; attempt < 60; attempt++) {
      const candidate = await TollbookServer.start(this.store, killAt, this.env);
      if (await candidate.ready(300_000)) return (this.server = candidate);
      if (killAt && !candidate.alive && candidate.killPointReached) return (this.server = candidate);
      await sleep(500);
    }
    throw new Error('the server did not start');
  }

  async api(method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${this.server!.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Polls `read` until `done` holds (up to 150 s). */
  async until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
    for (let i = 0; i < 600; i++) {
      const value = await read();
      if (done(value)) return value;
      await sleep(250);
    }
    throw new Error('timed out waiting');
  }

  async close(): Promise<void> {
    await this.server?.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
