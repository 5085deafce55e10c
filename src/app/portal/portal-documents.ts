import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { OutputWriters } from '../ports/outputs.ts';
import { forbidden, notFound } from '../errors.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { documentDetails, documentPdf, getDocument, listDocuments } from '../documents/queries.ts';
import { documentXlsx } from '../documents/document-xlsx.ts';
import { documentEInvoice } from '../documents/einvoice.ts';
import type { DocumentOut } from '../documents/present.ts';
import { readPortalSettings } from './portal-settings.ts';
import { visibleTypesOf } from '../../core/portal/visibility.ts';

// What a customer sees in the portal (a signed-in customer user, or the customer's own systems
// with a customer token): its own customer's documents once issued (drafts are the operator's
// work in progress), of the types the operator made visible. Anything else, in this tenant or
// another, is "not found", exactly like an id that does not exist, so the portal tells nothing
// about other customers or about hidden documents.

export function ownCustomer(ctx: CallContext): string {
  if (!ctx.customerId) throw forbidden('PORTAL_ONLY', 'Only customer users have a portal');
  return ctx.customerId;
}

export async function listPortalDocuments(
  deps: Deps,
  ctx: CallContext,
  filter: { status?: 'issued' | 'cancelled' | undefined; type?: DocumentOut['type'] | undefined },
  page: PageRequest,
): Promise<Page<DocumentOut>> {
  const customerId = ownCustomer(ctx);
  const visible = visibleTypesOf(await deps.uow.run((s) => readPortalSettings(s, ctx.tenantId)));
  const types = filter.type ? visible.filter((t) => t === filter.type) : visible;
  return listDocuments(deps, ctx, { customerId, status: filter.status ?? 'issued', types }, page);
}

export async function getPortalDocument(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  const customerId = ownCustomer(ctx);
  const doc = await getDocument(deps, ctx, id).catch(() => null);
  if (!doc || doc.customerId !== customerId || doc.status === 'draft') throw notFound('Document', id);
  const settings = await deps.uow.run((s) => readPortalSettings(s, ctx.tenantId));
  if (!settings.visibleTypes[doc.type]) throw notFound('Document', id);
  return doc;
}

export async function portalDocumentPdf(deps: Deps, ctx: CallContext, id: string, renderer?: DocumentRenderer) {
  await getPortalDocument(deps, ctx, id);
  return documentPdf(deps, ctx, id, renderer);
}

export async function portalDocumentXlsx(deps: Deps, writers: OutputWriters, ctx: CallContext, id: string) {
  await getPortalDocument(deps, ctx, id);
  return documentXlsx(deps, writers, ctx, id);
}

export async function portalDocumentEInvoice(deps: Deps, ctx: CallContext, id: string) {
  await getPortalDocument(deps, ctx, id);
  return documentEInvoice(deps, ctx, id, 'auto');
}

/** Usage per destination, with the same `%` prefix search the operator has. */
export async function portalDocumentDetails(deps: Deps, ctx: CallContext, id: string, prefix?: string) {
  await getPortalDocument(deps, ctx, id);
  return documentDetails(deps, ctx, id, prefix);
}
