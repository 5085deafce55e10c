export interface CustomerTokenRecord {
  id: string;
  tenantId: string;
  customerId: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Tokens a customer's own systems present on the customer-scoped API; stored only hashed. */
export interface CustomerTokensRepo {
  insert(row: Omit<CustomerTokenRecord, 'createdAt' | 'revokedAt'>, tokenHash: string): Promise<CustomerTokenRecord>;
  findByHash(tokenHash: string): Promise<CustomerTokenRecord | null>;
  listOf(tenantId: string, customerId: string): Promise<CustomerTokenRecord[]>;
  revoke(tenantId: string, customerId: string, id: string, at: string): Promise<CustomerTokenRecord | null>;
}
