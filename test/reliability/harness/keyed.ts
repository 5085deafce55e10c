import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiAnswer } from './cluster.ts';

type Send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer>;

interface KeyedCall {
  method: string;
  path: string;
  body: unknown;
  answer: ApiAnswer;
}

/**
 * Every POST the harness makes carries an Idempotency-Key, and is retried with it until it gets an
 * answer: a process that died under it, or a live twin still running it (409 in progress), is
 * not an answer. The ledger keeps the first answer per key; at the end each key is sent once more
 * and must replay exactly that answer.
 */
export class KeyedLedger {
  readonly calls = new Map<string, KeyedCall>();
  inProgressRetries = 0;
  private seq = 0;

  constructor(private readonly send: Send) {}

  async post(path: string, body?: unknown, key = `k-${process.pid}-${++this.seq}`): Promise<ApiAnswer> {
    for (;;) {
      const answer = await this.send('POST', path, body, { 'idempotency-key': key });
      if (answer.status === 409 && (answer.body as { code?: string })?.code === 'IDEMPOTENCY_IN_PROGRESS') {
        this.inProgressRetries += 1;
        await sleep(100);
        continue;
      }
      if (!this.calls.has(key)) this.calls.set(key, { method: 'POST', path, body, answer });
      return answer;
    }
  }

  /** Sends every key again; returns the keys whose replay differs from the answer first received. */
  async replayAll(): Promise<string[]> {
    const wrong: string[] = [];
    for (const [key, call] of this.calls) {
      const again = await this.send(call.method, call.path, call.body, { 'idempotency-key': key });
      if (again.status !== call.answer.status || canonical(again.body) !== canonical(call.answer.body))
        wrong.push(`${key} ${call.path}: first ${call.answer.status}, replay ${again.status}`);
    }
    return wrong;
  }
}

/** JSON with object keys sorted: the stored answer is jsonb, which keeps its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
