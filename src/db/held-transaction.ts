import { AsyncLocalStorage } from 'node:async_hooks';
import type { HeldTransaction, Session } from '../app/ports/session.ts';
import type { Database } from './connection.ts';
import type { Db } from './types.ts';

/** Thrown inside the held transaction's callback to roll it back on request. */
class RolledBack extends Error {}

/** The held transaction the current asynchronous work was entered from, if any. */
export const enteredTransaction = new AsyncLocalStorage<HeldTx>();

/**
 * One transaction kept open between `open` and `commit`/`rollback`. Drizzle scopes a transaction
 * to a callback, so the callback waits for the decision; the work in between runs through `run`,
 * each call a savepoint, one after the other (a connection runs one statement at a time).
 */
export class HeldTx implements HeldTransaction {
  #finished = false;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly tx: Db,
    private readonly sessionFor: (tx: Db) => Session,
    private readonly decide: (commit: boolean) => void,
    private readonly outcome: Promise<void>,
  ) {}

  static open(database: Database, sessionFor: (tx: Db) => Session): Promise<HeldTx> {
    return new Promise<HeldTx>((resolve, reject) => {
      let decide!: (commit: boolean) => void;
      const decision = new Promise<boolean>((r) => (decide = r));
      let held: HeldTx | null = null;
      const outcome = database.db
        .transaction(async (tx) => {
          held = new HeldTx(tx as unknown as Db, sessionFor, decide, outcome);
          resolve(held);
          if (!(await decision)) throw new RolledBack();
        })
        .then(
          () => undefined,
          (error: unknown) => {
            if (error instanceof RolledBack) return;
            if (!held) reject(error);
            throw error;
          },
        );
      outcome.catch(() => undefined); // observed by commit()/rollback()
    });
  }

  get finished(): boolean {
    return this.#finished;
  }

  run<T>(work: (session: Session) => Promise<T>): Promise<T> {
    if (this.#finished) return Promise.reject(new Error('the held transaction is already finished'));
    const next = this.#queue.then(() =>
      this.tx.transaction((savepoint) => work(this.sessionFor(savepoint as unknown as Db))),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  enter<T>(fn: () => T): T {
    return enteredTransaction.run(this, fn);
  }

  async commit(): Promise<void> {
    await this.#finish(true);
  }

  async rollback(): Promise<void> {
    await this.#finish(false).catch(() => undefined);
  }

  async #finish(commit: boolean): Promise<void> {
    if (this.#finished) return this.outcome;
    this.#finished = true;
    await this.#queue;
    this.decide(commit);
    return this.outcome;
  }
}
