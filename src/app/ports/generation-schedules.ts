import type { DocumentType } from './documents.ts';
import type { BillingPeriodKind, DatePeriod } from '../../core/time/periods.ts';

/** A customer the scheduler bills: one with a billing period, not closed. */
export interface BillableCustomer {
  id: string;
  billingPeriod: BillingPeriodKind;
  /** Null for customers stored before activation dates existed: the day they were created applies. */
  activationDate: string | null;
  createdAt: string;
}

export interface CoveredPeriod extends DatePeriod {
  customerId: string;
}

/** What periodic generation reads and the firings it has run. */
export interface GenerationSchedulesRepo {
  /** Every tenant: the scheduler visits each (schedules live in the tenant's settings). */
  tenantIds(): Promise<string[]>;
  billableCustomers(tenantId: string): Promise<BillableCustomer[]>;
  /** Periods of the type's draft and issued documents (cancelled ones cover nothing). */
  coveredPeriods(tenantId: string, type: DocumentType): Promise<CoveredPeriod[]>;
  /**
   * Records a firing as run; false when it was recorded already (by an earlier run, or by another
   * process that got there first: the insert waits for that one's commit).
   */
  claimRun(tenantId: string, type: DocumentType, firedAt: string): Promise<boolean>;
  /** The sessions a claimed firing opened. */
  setRunSessions(tenantId: string, type: DocumentType, firedAt: string, sessionIds: string[]): Promise<void>;
}
