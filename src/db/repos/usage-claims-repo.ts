import type { UsageClaimsRepo } from '../../app/ports/usage-claims.ts';
import * as usage from './document-usage-sql.ts';
import type { Db } from '../types.ts';

export function usageClaimsRepo(tx: Db): UsageClaimsRepo {
  return {
    countUnrated: (tenantId, customerId, range) => usage.countUnrated(tx, tenantId, customerId, range),
    countFreeUsage: (tenantId, customerId, range) => usage.countFree(tx, tenantId, customerId, range),
    attachUsage: (tenantId, documentId, customerId, range) =>
      usage.attachUsage(tx, tenantId, documentId, customerId, range),
    releaseUsage: (tenantId, documentId) => usage.releaseUsage(tx, tenantId, documentId),
    rememberCancelledUsage: (tenantId, documentId) => usage.rememberCancelledUsage(tx, tenantId, documentId),
    usageGroups: (tenantId, documentId) => usage.usageGroups(tx, tenantId, documentId),
    freeUsageGroups: (tenantId, customerId, range) => usage.freeUsageGroups(tx, tenantId, customerId, range),
    async calls(tenantId, documentId, page) {
      const found = await usage.calls(tx, tenantId, documentId, page.limit, page.after);
      return { data: found.rows, next: found.next };
    },
    destinationDetails: (tenantId, documentId, pattern) => usage.destinationDetails(tx, tenantId, documentId, pattern),
  };
}
