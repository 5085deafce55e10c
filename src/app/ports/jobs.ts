export interface JobEnqueuer {
  /** Queues a job in the caller's transaction: it exists only if the transaction commits. */
  enqueue(
    queue: string,
    data: Record<string, unknown>,
    options?: { singletonKey?: string; startAfterSeconds?: number },
  ): Promise<void>;
}
