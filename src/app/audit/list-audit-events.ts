import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { AuditEvent, Page, PageRequest } from '../ports/audit.ts';

export function listAuditEvents(
  deps: Deps,
  ctx: CallContext,
  filter: { objectId?: string; objectType?: string },
  page: PageRequest,
): Promise<Page<AuditEvent>> {
  return deps.uow.run((session) => session.audit.list(ctx.tenantId, filter, page));
}
