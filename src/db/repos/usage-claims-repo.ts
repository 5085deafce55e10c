import type { UsageClaimsRepo } from '../../app/ports/usage-claims.ts';
import * as usage from './document-usage-sql.ts';
import { usageBound } from './usage-claim-coverage-sql.ts';
import type { Db } from '../types.ts';

export function usageClaimsRepo(tx: Db): UsageClaimsRepo {
  return {
    countUnrated: (tenantId, customerId, range) => usage.countUnrated(tx, tenantId, customerId, range),
    countFreeUsage: (tenantId, customerId, range) => usage.countFree(tx, tenantId, customerId, range),
    countUnratedOf: (tenantId, customerIds, range) => usage.unratedCountsOf(tx, tenantId, customerIds, range),
    usageBound: (tenantId) => usageBound(tx, tenantId),
    attachUsageOf: (tenantId, claims, bound) => usage.attachUsageOf(tx, tenantId, claims, bound),
    releaseUsage: (tenantId, documentId) => usage.releaseUsage(tx, tenantId, [documentId]),
    releaseUsageOf: (tenantId, documentIds) => usage.releaseUsage(tx, tenantId, documentIds),
    rememberCancelledUsage: (tenantId, documentId) => usage.rememberCancelledUsage(tx, tenantId, documentId),
    reopenedForUsage: (tenantId, documentIds) => usage.reopenedForUsage(tx, tenantId, documentIds),
    usageGroups: (tenantId, documentId) => usage.usageGroups(tx, tenantId, documentId),
    freeUsageGroupsOf: (tenantId, subjects, bound) => usage.freeUsageGroupsOf(tx, tenantId, subjects, bound),
    async calls(tenantId, documentId, page) {
      const found = await usage.calls(tx, tenantId, documentId, page.limit, page.after);
      return { data: found.rows, next: found.next };
    },
    destinationDetails: (tenantId, documentId, pattern) => usage.destinationDetails(tx, tenantId, documentId, pattern),
  };
}
