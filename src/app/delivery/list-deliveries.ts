import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';
import { presentDelivery, type DeliveryOut } from './present-delivery.ts';

/** The delivery log of one document, oldest request first. */
export function listDeliveries(
  deps: Deps,
  ctx: CallContext,
  documentId: string,
  page: PageRequest,
): Promise<Page<DeliveryOut>> {
  return deps.uow.run(async (s) => {
    if (!(await s.documents.getDocument(ctx.tenantId, documentId))) throw notFound('Document', documentId);
    const rows = await s.deliveries.listForDocument(ctx.tenantId, documentId, page);
    return { data: rows.data.map(presentDelivery), next: rows.next };
  });
}
