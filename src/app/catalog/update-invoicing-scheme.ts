import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { InvoicingScheme, InvoicingSchemeInput } from '../ports/schemes.ts';
import { notFound, refused } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { checkSchemeReferences } from './scheme-references.ts';
import { withoutInvoiceSequence } from './create-invoicing-scheme.ts';

export type SchemePatch = Partial<Omit<InvoicingSchemeInput, 'invoiceNumberSequenceId'>> & {
  invoiceNumberSequenceId?: string | null | undefined;
};

/** Changes what the patch names. The default moves by marking another scheme default, never by unmarking. */
export async function updateInvoicingScheme(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: SchemePatch,
): Promise<InvoicingScheme> {
  if (patch.invoiceNumberSequenceId === null) throw withoutInvoiceSequence();
  return deps.uow.run(async (session) => {
    const before = await session.schemes.get(ctx.tenantId, id);
    if (!before) throw notFound('Invoicing scheme', id);
    if (patch.isDefault === false && before.isDefault)
      throw refused('DEFAULT_SCHEME_REQUIRED', 'Mark another scheme as default instead; a tenant keeps one default', {
        field: 'isDefault',
      });
    const changes = patch as Partial<InvoicingSchemeInput>;
    await checkSchemeReferences(session, ctx.tenantId, changes);
    if (changes.isDefault && !before.isDefault) await session.schemes.clearDefault(ctx.tenantId);
    const after = await session.schemes.update(ctx.tenantId, id, changes);
    if (!after) throw notFound('Invoicing scheme', id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'invoicing_scheme',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}
