import type { BillGroupTerms } from '../../core/bill-groups/terms.ts';
import type { Page, PageRequest } from './audit.ts';

/** Customers billed together in bill cycles (see core/bill-groups). */
export interface BillGroup extends BillGroupTerms {
  id: string;
  tenantId: string;
  createdAt: string;
  updatedAt: string;
}

export interface BillGroupRepo {
  insert(tenantId: string, id: string, terms: BillGroupTerms): Promise<BillGroup>;
  update(tenantId: string, id: string, terms: BillGroupTerms): Promise<BillGroup | null>;
  get(tenantId: string, id: string): Promise<BillGroup | null>;
  list(tenantId: string, page: PageRequest): Promise<Page<BillGroup>>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /** How many customers belong to the group. */
  memberCount(tenantId: string, id: string): Promise<number>;
}
