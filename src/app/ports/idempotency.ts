export interface StoredResponse {
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

export interface IdempotencyRepo {
  /** Claims the key; returns the existing record when the key was used before. */
  claim(tenantId: string, key: string, requestHash: string): Promise<StoredResponse | null>;
  complete(tenantId: string, key: string, statusCode: number, response: unknown): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
}
