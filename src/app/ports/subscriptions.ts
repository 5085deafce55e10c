import type { Page, PageRequest } from './audit.ts';
import type { BillingTiming } from '../../core/catalog/index.ts';

/** A stretch of days a subscription is suspended (not billed); `to: null` until resumed. */
export interface Suspension {
  id: string;
  from: string;
  to: string | null;
}

/**
 * A customer's subscription to a product under one of its contracts: quantity (and an optional
 * unit price override), the dates it runs, how it is billed, and the scheme that applies to it.
 */
export interface Subscription {
  id: string;
  tenantId: string;
  customerId: string;
  contractId: string;
  productId: string;
  quantity: string;
  /** null: the product's price model prices the quantity. */
  unitPrice: string | null;
  startDate: string;
  endDate: string | null;
  billing: BillingTiming;
  invoicingSchemeId: string | null;
  description: string | null;
  suspensions: Suspension[];
  createdAt: string;
  updatedAt: string;
}

export type SubscriptionInput = Omit<Subscription, 'id' | 'tenantId' | 'suspensions' | 'createdAt' | 'updatedAt'>;

export interface SubscriptionFilter {
  customerId?: string | undefined;
  contractId?: string | undefined;
  productId?: string | undefined;
  /** Subscriptions active on at least one day of [activeFrom, activeTo]. */
  activeFrom?: string | undefined;
  activeTo?: string | undefined;
}

export interface SubscriptionRepo {
  insert(tenantId: string, id: string, input: SubscriptionInput): Promise<Subscription>;
  update(tenantId: string, id: string, patch: Partial<SubscriptionInput>): Promise<Subscription | null>;
  get(tenantId: string, id: string): Promise<Subscription | null>;
  /** Locks the contract's subscriptions of a product (for the overlap check) and returns them. */
  lockForProduct(tenantId: string, contractId: string, productId: string): Promise<Subscription[]>;
  list(tenantId: string, filter: SubscriptionFilter, page: PageRequest): Promise<Page<Subscription>>;
  /** The subscriptions of many customers that start by `startedBy`, in id order, in one read. */
  ofCustomers(tenantId: string, customerIds: readonly string[], startedBy: string): Promise<Subscription[]>;
  delete(tenantId: string, id: string): Promise<boolean>;
  addSuspension(tenantId: string, subscriptionId: string, suspension: Suspension): Promise<void>;
  endSuspension(tenantId: string, suspensionId: string, to: string): Promise<void>;
}
