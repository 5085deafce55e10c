import type { Session, UnitOfWork } from '../app/ports/session.ts';
import type { JobEnqueuer } from '../app/ports/jobs.ts';
import type { Database } from './connection.ts';
import type { Db, SqlExecutor } from './types.ts';
import { txExecutor } from './sql-text.ts';
import { enteredTransaction, HeldTx } from './held-transaction.ts';
import { auditRepo } from './repos/audit-repo.ts';
import { customerRepo } from './repos/customer-repo.ts';
import { idempotencyRepo } from './repos/idempotency-repo.ts';
import { tenancyRepo } from './repos/tenancy-repo.ts';
import { documentsRepo } from './repos/documents-repo.ts';
import { documentLinesRepo } from './repos/document-lines-repo.ts';
import { sequencesRepo } from './repos/sequences-repo.ts';
import { fixedCostsRepo } from './repos/fixed-costs-repo.ts';
import { templatesRepo } from './repos/templates-repo.ts';
import { usageClaimsRepo } from './repos/usage-claims-repo.ts';
import { documentFilesRepo } from './repos/document-files-repo.ts';
import { ratingRepo } from './repos/rating-repo.ts';
import { usageRepo } from './repos/usage-repo.ts';
import { productRepo } from './repos/product-repo.ts';
import { schemeRepo } from './repos/scheme-repo.ts';
import { contractRepo } from './repos/contract-repo.ts';
import { usersRepo } from './repos/users-repo.ts';
import { subscriptionRepo } from './repos/subscription-repo.ts';
import { chargeRepo } from './repos/charge-repo.ts';
import { xlsxTemplateRepo } from './repos/xlsx-template-repo.ts';
import { paymentsRepo } from './repos/payments-repo.ts';
import { generationSessionsRepo } from './repos/generation-sessions-repo.ts';
import { billRunsRepo } from './repos/bill-runs-repo.ts';
import { openInvoicesRepo } from './repos/open-invoices-repo.ts';
import { webhooksRepo } from './repos/webhooks-repo.ts';
import { customerTokensRepo } from './repos/customer-tokens-repo.ts';
import { billGroupRepo } from './repos/bill-group-repo.ts';
import { deliveriesRepo } from './repos/deliveries-repo.ts';
import { bulkActionsRepo } from './repos/bulk-actions-repo.ts';
import { generationSchedulesRepo } from './repos/generation-schedules-repo.ts';

/** Builds the job enqueuer for one transaction; the jobs adapter provides it (see main.ts). */
export type EnqueuerFactory = (executor: SqlExecutor) => JobEnqueuer;

export function sessionFor(tx: Db, enqueuer: EnqueuerFactory): Session {
  return {
    tenancy: tenancyRepo(tx),
    customers: customerRepo(tx),
    audit: auditRepo(tx),
    idempotency: idempotencyRepo(tx),
    jobs: enqueuer(txExecutor(tx)),
    documents: documentsRepo(tx),
    documentLines: documentLinesRepo(tx),
    sequences: sequencesRepo(tx),
    fixedCosts: fixedCostsRepo(tx),
    templates: templatesRepo(tx),
    usageClaims: usageClaimsRepo(tx),
    documentFiles: documentFilesRepo(tx),
    rating: ratingRepo(tx),
    usage: usageRepo(tx),
    products: productRepo(tx),
    schemes: schemeRepo(tx),
    contracts: contractRepo(tx),
    users: usersRepo(tx),
    subscriptions: subscriptionRepo(tx),
    charges: chargeRepo(tx),
    xlsxTemplates: xlsxTemplateRepo(tx),
    payments: paymentsRepo(tx),
    generationSessions: generationSessionsRepo(tx),
    webhooks: webhooksRepo(tx),
    customerTokens: customerTokensRepo(tx),
    billGroups: billGroupRepo(tx),
    billRuns: billRunsRepo(tx),
    openInvoices: openInvoicesRepo(tx),
    deliveries: deliveriesRepo(tx),
    bulkActions: bulkActionsRepo(tx),
    generationSchedules: generationSchedulesRepo(tx),
  };
}

export function createUnitOfWork(database: Database, enqueuer: EnqueuerFactory): UnitOfWork {
  const bind = (tx: Db) => sessionFor(tx, enqueuer);
  return {
    run(work) {
      const held = enteredTransaction.getStore();
      if (held && !held.finished) return held.run(work);
      return database.db.transaction((tx) => work(bind(tx as unknown as Db)));
    },
    hold() {
      return HeldTx.open(database, bind);
    },
  };
}
