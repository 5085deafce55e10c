import type { UsageClaimsRepo } from '../../app/ports/usage-claims.ts';
import * as usage from './document-usage-sql.ts';
import type { Db } from '../types.ts';

export function usageClaimsRepo(tx: Db): UsageClaimsRepo {
  return {
    countUnrated: (tenantId, customerId, range) => usage.countUnrated(tx, tenantId, customerId, range),
    countFreeUsage: (tenantId, customerId, range) => usage.countFree(tx, tenantId, customerId, range),
    countUnratedOf: (tenantId, customerIds, range) => usage.unratedCountsOf(tx, tenantId, customerIds, range),
    attachUsageOf: (tenantId, claims) => usage.attachUsageOf(tx, tenantId, claims),
    releaseUsage: (tenantId, documentId) => usage.releaseUsage(tx, tenantId, [documentId]),
    releaseUsageOf: (tenantId, documentIds) => usage.releaseUsage(tx, tenantId, documentIds),
    rememberCancelledUsage: (tenantId, documentId) => usage.rememberCancelledUsage(tx, tenantId, documentId),
    reopenedForUsage: (tenantId, documentIds) => usage.reopenedForUsage(tx, tenantId, documentIds),
    usageGroups: (tenantId, documentId) => usage.usageGroups(tx, tenantId, documentId),
    freeUsageGroupsOf: (tenantId, subjects) => usage.freeUsageGroupsOf(tx, tenantId, subjects),
    async calls(tenantId, documentId, page) {
      const found = await usage.calls(tx, tenantId, documentId, page.limit, page.after);
      return { data: found.rows, next: found.next };
    },
    destinationDetails: (tenantId, documentId, pattern) => usage.destinationDetails(tx, tenantId, documentId, pattern),
  };
}
