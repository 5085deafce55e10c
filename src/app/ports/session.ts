import type { AuditRepo } from './audit.ts';
import type { TenancyRepo } from './tenancy.ts';
import type { CustomerRepo } from './customers.ts';
import type { IdempotencyRepo } from './idempotency.ts';
import type { JobEnqueuer } from './jobs.ts';
import type { DocumentsRepo } from './documents.ts';
import type { RatingRepo } from './rating.ts';
import type { UsageRepo } from './usage.ts';
import type { ProductRepo } from './products.ts';
import type { SchemeRepo } from './schemes.ts';
import type { ContractRepo } from './contracts.ts';

/**
 * Everything a use case may touch inside one transaction. The database adapter binds every
 * repository to the same open transaction, so a use case's writes, its audit events and the jobs
 * it enqueues commit or roll back together.
 */
export interface Session {
  tenancy: TenancyRepo;
  customers: CustomerRepo;
  audit: AuditRepo;
  idempotency: IdempotencyRepo;
  jobs: JobEnqueuer;
  documents: DocumentsRepo;
  rating: RatingRepo;
  usage: UsageRepo;
  products: ProductRepo;
  schemes: SchemeRepo;
  contracts: ContractRepo;
}

export interface UnitOfWork {
  run<T>(work: (session: Session) => Promise<T>): Promise<T>;
}
