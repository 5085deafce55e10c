import { setTimeout as sleep } from 'node:timers/promises';
import { TollbookServer, type Store } from './processes.ts';

export interface KillCounts {
  /** Kills by a named kill point, per point. */
  named: Map<string, number>;
  /** Kills by the harness at a random moment of a process's life. */
  randomTime: number;
  /** Processes started again after a kill. */
  restarts: number;
}

export const newCounts = (): KillCounts => ({ named: new Map(), randomTime: 0, restarts: 0 });
export const totalKills = (c: KillCounts) => c.randomTime + [...c.named.values()].reduce((a, b) => a + b, 0);

export interface ApiAnswer {
  status: number;
  body: any;
}

/**
 * Several `tollbook serve` processes on one database, each armed with a kill point or killed at a
 * random moment, and replaced as soon as it dies. Requests go to any live process; one that dies
 * under a request is retried on another, with the same Idempotency-Key.
 */
export class Cluster {
  readonly live = new Set<TollbookServer>();
  readonly counts = newCounts();
  serverErrors: string[] = [];
  private killing = true;
  private slots: Promise<void>[] = [];
  private next = 0;
  private steady: TollbookServer | null = null;

  constructor(
    private readonly store: Store,
    private readonly apiKey: () => string,
    /** The kill point for the next process (null: only a random-time kill). */
    private readonly nextKillAt: () => string | null,
    /** How long a process may live (from its start, or from when it is ready) before it is killed. */
    private readonly lifeMs: (armed: boolean) => { duringStartup: boolean; ms: number },
  ) {}

  /**
   * `chaos` processes live a short, random life (or die at their kill point); one steady process
   * lives on, as a healthy peer does in production, so that long work (a cold Chromium, a big
   * import) always has somewhere to finish, and so that a restarted peer is seen not to steal
   * what a live one runs.
   */
  start(chaos: number): void {
    this.slots.push(this.keepSteady());
    for (let i = 0; i < chaos; i++) this.slots.push(this.keepSlot());
  }

  private async keepSteady(): Promise<void> {
    while (this.killing) {
      const server = await TollbookServer.start(this.store, null);
      if (await server.ready()) this.live.add(server);
      this.steady = server;
      await server.exited;
      this.live.delete(server);
      if (this.killing) this.serverErrors.push(`the steady server exited: ${server.stderr.slice(-2000)}`);
    }
  }

  private async keepSlot(): Promise<void> {
    let first = true;
    while (this.killing) {
      const killAt = this.nextKillAt();
      const server = await TollbookServer.start(this.store, killAt);
      if (!first) this.counts.restarts += 1;
      first = false;
      const { duringStartup, ms } = this.lifeMs(killAt !== null);
      // Some die while starting (migrations, queue start, the first poll), the rest while working.
      if (!duringStartup && (await server.ready())) this.live.add(server);
      const life = sleep(ms).then(() => 'timeout' as const);
      const ended = await Promise.race([server.exited.then(() => 'exited' as const), life]);
      this.live.delete(server);
      if (ended === 'timeout') {
        await server.kill();
        this.counts.randomTime += 1;
      } else if (this.killing) this.recordExit(server, await server.exited);
      // (else `settle` or `shutdown` killed it, and counted it)
    }
  }

  private recordExit(server: TollbookServer, exit: { code: number | null; signal: NodeJS.Signals | null }) {
    const point = server.killPointReached;
    if (point) this.counts.named.set(point, (this.counts.named.get(point) ?? 0) + 1);
    else
      this.serverErrors.push(
        `a server exited on its own (code ${exit.code}, signal ${exit.signal}): ${server.stderr.slice(-2000)}`,
      );
  }

  /** Stops killing: kills what runs (counted as random-time kills) and starts one process that lives. */
  async settle(): Promise<TollbookServer> {
    this.killing = false;
    for (const server of this.live) {
      await server.kill();
      if (server !== this.steady) this.counts.randomTime += 1;
    }
    await Promise.all(this.slots);
    this.live.clear();
    const survivor = await TollbookServer.start(this.store, null);
    this.counts.restarts += 1;
    if (!(await survivor.ready())) throw new Error(`the last server did not start: ${survivor.stderr}`);
    this.live.add(survivor);
    return survivor;
  }

  /** Stops everything (also after a failure): no process of the harness outlives it. */
  async shutdown(): Promise<void> {
    this.killing = false;
    await Promise.all([...this.live].map((s) => s.kill()));
    await Promise.all(this.slots);
    await Promise.all([...this.live].map((s) => s.kill()));
  }

  /** One request, retried on another live process until one answers (a process may die under it). */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 120_000,
  ): Promise<ApiAnswer> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ready = [...this.live].filter((s) => s.alive && s.readyAt !== null);
      // Requests go to the processes that are about to die, so that they die in the middle of them.
      const chaos = ready.filter((s) => s !== this.steady);
      const servers = chaos.length ? chaos : ready;
      if (!servers.length) {
        await sleep(50);
        continue;
      }
      const server = servers[this.next++ % servers.length]!;
      const isText = typeof body === 'string';
      try {
        const res = await fetch(`${server.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.apiKey()}`,
            ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON (a PDF, a CSV): kept as text
        }
        const answer = { status: res.status, body: parsed };
        if (res.status >= 500) this.serverErrors.push(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
        return answer;
      } catch {
        await sleep(50); // the process died under the request: ask another one
      }
    }
    throw new Error(`no live server answered ${method} ${path}`);
  }
}
