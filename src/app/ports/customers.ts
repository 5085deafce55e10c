import type { Page, PageRequest } from './audit.ts';
import type { Metadata } from '../../core/validation/metadata.ts';
import type { AddressView, BankView } from '../../core/documents/view.ts';

/** A postal address, the same shape documents print. */
export type Address = AddressView;

export type BillingPeriod = 'weekly' | 'biweekly' | 'monthly' | 'none';
export type CustomerStatus = 'active' | 'suspended' | 'closed';

export interface CustomerNumber {
  number: string;
  validFrom: string;
  validTo: string | null;
}

export interface Customer {
  id: string;
  tenantId: string;
  name: string;
  legalName: string | null;
  taxId: string | null;
  kpp: string | null;
  email: string | null;
  billingEmails: string[];
  phone: string | null;
  timezone: string;
  currency: string;
  language: string;
  billingPeriod: BillingPeriod;
  status: CustomerStatus;
  address: Address | null;
  /** The customer's bank account, printed on its documents (e.g. for direct debit or refunds). */
  bank: BankView | null;
  accountCode: string | null;
  numbers: CustomerNumber[];
  invoicingSchemeId: string | null;
  /** Billed in this bill group's cycles onto open invoices; null: calendar billing periods. */
  billGroupId: string | null;
  /** The first day the customer is billed for (YYYY-MM-DD); defaults to the day it was created. */
  activationDate: string;
  /** The integrator's own string key/values. */
  metadata: Metadata;
  createdAt: string;
  updatedAt: string;
}

export type CustomerInput = Omit<Customer, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export interface CustomerFilter {
  status?: CustomerStatus | undefined;
  /** Case-insensitive match on name, legal name, email, tax id or account code. */
  q?: string | undefined;
}

export interface CustomerRepo {
  insert(tenantId: string, id: string, input: CustomerInput): Promise<Customer>;
  update(tenantId: string, id: string, patch: Partial<CustomerInput>): Promise<Customer | null>;
  get(tenantId: string, id: string): Promise<Customer | null>;
  /** Many customers by id in one query; unknown ids are absent. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Map<string, Customer>>;
  list(tenantId: string, filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /** Documents, usage records or rate plan assignments refer to the customer. */
  hasBillingHistory(tenantId: string, id: string): Promise<boolean>;
  findByAccountCode(tenantId: string, accountCode: string, excludeId?: string): Promise<Customer | null>;
}
