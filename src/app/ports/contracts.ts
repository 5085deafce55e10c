import type { Page, PageRequest } from './audit.ts';

export type ContractKind = 'basic' | 'customer';
export type ContractStatus = 'active' | 'closed';

/**
 * A basic contract is a template with defaults (its invoicing scheme); a customer contract is made
 * from one for a customer, with its own number and date. A customer may hold several.
 */
export interface Contract {
  id: string;
  tenantId: string;
  kind: ContractKind;
  name: string;
  customerId: string | null;
  basicContractId: string | null;
  number: string | null;
  date: string | null;
  status: ContractStatus;
  invoicingSchemeId: string | null;
  /** Customer contracts only: overrides the tenant's default allocation configuration. */
  allocationConfigurationId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ContractInput = Omit<Contract, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export interface ContractFilter {
  kind?: ContractKind | undefined;
  customerId?: string | undefined;
  status?: ContractStatus | undefined;
}

export interface ContractRepo {
  insert(tenantId: string, id: string, input: ContractInput): Promise<Contract>;
  update(tenantId: string, id: string, patch: Partial<ContractInput>): Promise<Contract | null>;
  get(tenantId: string, id: string): Promise<Contract | null>;
  findByNumber(tenantId: string, number: string): Promise<Contract | null>;
  list(tenantId: string, filter: ContractFilter, page: PageRequest): Promise<Page<Contract>>;
}
