import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { InvoicingScheme } from '../ports/schemes.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';

export async function getInvoicingScheme(deps: Deps, ctx: CallContext, id: string): Promise<InvoicingScheme> {
  const scheme = await deps.uow.run((session) => session.schemes.get(ctx.tenantId, id));
  if (!scheme) throw notFound('Invoicing scheme', id);
  return scheme;
}

export function listInvoicingSchemes(deps: Deps, ctx: CallContext, page: PageRequest): Promise<Page<InvoicingScheme>> {
  return deps.uow.run((session) => session.schemes.list(ctx.tenantId, page));
}
