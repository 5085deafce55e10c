import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/tollbook.js', import.meta.url));

/** Where the processes keep their data: a PostgreSQL URL, or an embedded data directory. */
export type Store = { databaseUrl: string } | { dataDir: string };

/**
 * Job timing for the harness: a dead worker's jobs come back after a 3 s lease instead of a
 * minute, so that a run recovers from a hundred crashes in minutes.
 */
export const harnessJobTiming = {
  TOLLBOOK_JOB_LEASE_SECONDS: '3',
  TOLLBOOK_JOB_MAINTENANCE_SECONDS: '1',
  TOLLBOOK_JOB_RETRY_DELAY_SECONDS: '1',
  TOLLBOOK_JOB_RETRY_LIMIT: '10',
};

/** Settings a scenario gives its processes on top of the harness's (say, a small chunk size). */
export type ExtraEnv = Record<string, string>;

function envFor(store: Store, killAt: string | null, extra: ExtraEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...harnessJobTiming, LOG_LEVEL: 'warn', ...extra };
  delete env.TOLLBOOK_KILL_AT;
  delete env.DATABASE_URL;
  if ('databaseUrl' in store) env.DATABASE_URL = store.databaseUrl;
  if (killAt) env.TOLLBOOK_KILL_AT = killAt;
  return env;
}

const storeArgs = (store: Store) => ('dataDir' in store ? ['--data-dir', store.dataDir] : []);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running `tollbook` process: its output, how it ended, and whether a kill point ended it. */
export class TollbookProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitedAt: number | null = null;
  private readonly child: ChildProcess;

  constructor(
    args: string[],
    store: Store,
    readonly killAt: string | null,
    extraEnv: ExtraEnv = {},
  ) {
    this.child = spawn(process.execPath, [bin, ...storeArgs(store), ...args], {
      env: envFor(store, killAt, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    // 'close', not 'exit': only then has all its output (the kill point's last words) been read.
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code, signal) => {
        this.exitedAt = Date.now();
        resolve({ code, signal });
      }),
    );
  }

  get alive(): boolean {
    return this.exitedAt === null;
  }

  /** The kill point that ended the process, if one did. */
  get killPointReached(): string | null {
    return /kill point (\S+):\d+ reached/.exec(this.stderr)?.[1] ?? null;
  }

  /** SIGKILL, like a power cut; resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** `tollbook serve` on a free port; `ready` resolves with its base URL once it answers. */
export class TollbookServer extends TollbookProcess {
  readonly baseUrl: string;
  startedAt = Date.now();
  readyAt: number | null = null;

  constructor(port: number, store: Store, killAt: string | null, extraEnv: ExtraEnv = {}) {
    super(['serve', '--port', String(port), '--host', '127.0.0.1'], store, killAt, extraEnv);
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  static async start(store: Store, killAt: string | null = null, extraEnv: ExtraEnv = {}): Promise<TollbookServer> {
    return new TollbookServer(await freePort(), store, killAt, extraEnv);
  }

  /** Waits until it prints that it runs; false if it died first (or took longer than `timeoutMs`). */
  async ready(timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stdout.includes('Tollbook is running')) {
        this.readyAt ??= Date.now();
        return true;
      }
      if (!this.alive) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }
}

/** Runs a CLI command to its end (or its kill point). */
export async function runCli(store: Store, args: string[], killAt: string | null = null, timeoutMs = 120_000) {
  const proc = new TollbookProcess(args, store, killAt);
  const timer = setTimeout(() => void proc.kill(), timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { ...exit, stdout: proc.stdout, stderr: proc.stderr, killPoint: proc.killPointReached };
}
