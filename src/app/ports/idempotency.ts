export interface StoredResponse {
  requestHash: string;
  /** Null only on a claim left by an older version of Tollbook, whose owner is gone. */
  statusCode: number | null;
  response: unknown;
}

/**
 * Keyed requests. The caller holds a transaction for the whole request: `lock` takes the key for
 * that transaction (the database frees it if the process dies), and `record` stores the answer in
 * the same transaction as the request's effect.
 */
export interface IdempotencyRepo {
  /** False when another live transaction holds the key right now. */
  lock(tenantId: string, key: string): Promise<boolean>;
  find(tenantId: string, key: string): Promise<StoredResponse | null>;
  record(tenantId: string, key: string, requestHash: string, statusCode: number, response: unknown): Promise<void>;
  /** Forgets a key (an unanswered claim from an older version). */
  release(tenantId: string, key: string): Promise<void>;
}
