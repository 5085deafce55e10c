import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { forbidden, notFound } from '../errors.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { documentPdf, getDocument, listDocuments } from '../documents/queries.ts';
import type { DocumentOut } from '../documents/present.ts';

// What a customer user sees in the portal: its own customer's documents once issued (drafts are the
// operator's work in progress). Anything else, in this tenant or another, is "not found", exactly
// like an id that does not exist, so the portal tells nothing about other customers.

function ownCustomer(ctx: CallContext): string {
  if (!ctx.customerId) throw forbidden('PORTAL_ONLY', 'Only customer users have a portal');
  return ctx.customerId;
}

export function listPortalDocuments(
  deps: Deps,
  ctx: CallContext,
  filter: { status?: 'issued' | 'cancelled' | undefined; type?: DocumentOut['type'] | undefined },
  page: PageRequest,
): Promise<Page<DocumentOut>> {
  return listDocuments(
    deps,
    ctx,
    { customerId: ownCustomer(ctx), status: filter.status ?? 'issued', ...(filter.type ? { type: filter.type } : {}) },
    page,
  );
}

export async function getPortalDocument(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  const customerId = ownCustomer(ctx);
  const doc = await getDocument(deps, ctx, id).catch(() => null);
  if (!doc || doc.customerId !== customerId || doc.status === 'draft') throw notFound('Document', id);
  return doc;
}

export async function portalDocumentPdf(deps: Deps, ctx: CallContext, id: string, renderer?: DocumentRenderer) {
  await getPortalDocument(deps, ctx, id);
  return documentPdf(deps, ctx, id, renderer);
}
