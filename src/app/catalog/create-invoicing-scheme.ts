import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { InvoicingScheme, InvoicingSchemeInput } from '../ports/schemes.ts';
import { refusedWith } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { checkSchemeReferences } from './scheme-references.ts';

export type SchemeCreate = Partial<Omit<InvoicingSchemeInput, 'invoiceNumberSequenceId'>> & {
  name: string;
  invoiceNumberSequenceId?: string | null | undefined;
};

const NO_SEQUENCE = 'SCHEME_WITHOUT_INVOICE_SEQUENCE';
export const withoutInvoiceSequence = () =>
  refusedWith(
    NO_SEQUENCE,
    'An invoicing scheme needs an invoice number sequence',
    [{ field: 'invoiceNumberSequenceId', code: NO_SEQUENCE, message: 'is required' }],
    { field: 'invoiceNumberSequenceId' },
  );

/** A new scheme; the tenant's first scheme becomes its default, like its first legal entity. */
export async function createInvoicingScheme(
  deps: Deps,
  ctx: CallContext,
  create: SchemeCreate,
): Promise<InvoicingScheme> {
  const { invoiceNumberSequenceId } = create;
  if (!invoiceNumberSequenceId) throw withoutInvoiceSequence();
  const input: InvoicingSchemeInput = {
    legalEntityId: null,
    proformaNumberSequenceId: null,
    actNumberSequenceId: null,
    vatInvoiceNumberSequenceId: null,
    paymentTermsDays: 14,
    taxRate: '0',
    callDiscountPercent: '0',
    currency: null,
    templateIds: {},
    proformaIncludesUnscheduled: false,
    renderMode: 'during_generation',
    isDefault: false,
    ...create,
    invoiceNumberSequenceId,
  };
  return deps.uow.run(async (session) => {
    await checkSchemeReferences(session, ctx.tenantId, input);
    const currentDefault = await session.schemes.getDefault(ctx.tenantId);
    if (!currentDefault) input.isDefault = true;
    else if (input.isDefault) await session.schemes.clearDefault(ctx.tenantId);
    const scheme = await session.schemes.insert(ctx.tenantId, newId('sch'), input);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'invoicing_scheme',
      objectId: scheme.id,
      action: 'created',
      after: scheme,
    });
    return scheme;
  });
}
