import type { AuditRepo } from './audit.ts';
import type { TenancyRepo } from './tenancy.ts';
import type { CustomerRepo } from './customers.ts';
import type { IdempotencyRepo } from './idempotency.ts';
import type { JobEnqueuer } from './jobs.ts';
import type { DocumentsRepo } from './documents.ts';
import type { DocumentLinesRepo } from './document-lines.ts';
import type { SequencesRepo } from './sequences.ts';
import type { FixedCostsRepo } from './fixed-costs.ts';
import type { TemplatesRepo } from './templates.ts';
import type { UsageClaimsRepo } from './usage-claims.ts';
import type { DocumentFilesRepo } from './document-files.ts';
import type { RatingRepo } from './rating.ts';
import type { UsageRepo } from './usage.ts';
import type { ProductRepo } from './products.ts';
import type { SchemeRepo } from './schemes.ts';
import type { ContractRepo } from './contracts.ts';
import type { UsersRepo } from './users.ts';
import type { SubscriptionRepo } from './subscriptions.ts';
import type { ChargeRepo } from './charges.ts';
import type { XlsxTemplateRepo } from './xlsx-templates.ts';
import type { PaymentsRepo } from './payments.ts';
import type { GenerationSessionsRepo } from './generation-sessions.ts';
import type { WebhooksRepo } from './webhooks.ts';
import type { CustomerTokensRepo } from './customer-tokens.ts';
import type { BillGroupRepo } from './bill-groups.ts';
import type { DeliveriesRepo } from './deliveries.ts';
import type { BulkActionsRepo } from './bulk-actions.ts';
import type { GenerationSchedulesRepo } from './generation-schedules.ts';
import type { BillRunsRepo, OpenInvoicesRepo } from './bill-runs.ts';

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
  documentLines: DocumentLinesRepo;
  sequences: SequencesRepo;
  fixedCosts: FixedCostsRepo;
  templates: TemplatesRepo;
  usageClaims: UsageClaimsRepo;
  documentFiles: DocumentFilesRepo;
  rating: RatingRepo;
  usage: UsageRepo;
  products: ProductRepo;
  schemes: SchemeRepo;
  contracts: ContractRepo;
  users: UsersRepo;
  subscriptions: SubscriptionRepo;
  charges: ChargeRepo;
  xlsxTemplates: XlsxTemplateRepo;
  payments: PaymentsRepo;
  generationSessions: GenerationSessionsRepo;
  webhooks: WebhooksRepo;
  customerTokens: CustomerTokensRepo;
  billGroups: BillGroupRepo;
  deliveries: DeliveriesRepo;
  bulkActions: BulkActionsRepo;
  generationSchedules: GenerationSchedulesRepo;
  billRuns: BillRunsRepo;
  openInvoices: OpenInvoicesRepo;
}

export interface UnitOfWork {
  /** Runs `work` in its own transaction, or inside the held one it was entered from (a savepoint). */
  run<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /** Opens a transaction that stays open until committed or rolled back (see HeldTransaction). */
  hold(): Promise<HeldTransaction>;
}

/**
 * A transaction held open across a piece of work that spans several calls, such as one HTTP
 * request with an Idempotency-Key: its effect and its recorded answer commit together or not at
 * all. Every `UnitOfWork.run` started from inside `enter` joins it as a savepoint (so a refused
 * use case still rolls back its own writes), one at a time.
 */
export interface HeldTransaction {
  run<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /** Calls `fn`; asynchronous work it starts runs its `UnitOfWork.run` calls in this transaction. */
  enter<T>(fn: () => T): T;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly finished: boolean;
}
