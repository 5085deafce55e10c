import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { NewDocument } from '../ports/documents.ts';
import { notFound, refused } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { refusalFor } from '../../core/documents/lifecycle.ts';
import { refuseIf } from './refuse.ts';
import { defaultTemplateId } from './templates.ts';
import { schemeSequenceId } from './document-scheme.ts';
import { presentDocument, type DocumentOut } from './present.ts';

/**
 * Converts an issued proforma into a draft invoice for the same customer, period, scheme and
 * parties. The invoice is an advance invoice (ADR 0010): at generation it claims the charges the
 * proforma billed (each still on at most one issued document), nothing else. The two point at each
 * other; a proforma converts once.
 */
export function convertProforma(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const proforma = await s.documents.getDocument(ctx.tenantId, id, { forUpdate: true });
    if (!proforma) throw notFound('Document', id);
    if (proforma.type !== 'proforma')
      throw refused('NOT_A_PROFORMA', `document ${id} is a ${proforma.type}; only a proforma converts into an invoice`);
    refuseIf(refusalFor('convert', proforma));
    const scheme = proforma.invoicingSchemeId ? await s.schemes.get(ctx.tenantId, proforma.invoicingSchemeId) : null;
    const language = (await s.customers.get(ctx.tenantId, proforma.customerId))?.language ?? 'en';
    const header: NewDocument = {
      id: newId('doc'),
      tenantId: ctx.tenantId,
      type: 'invoice',
      status: 'draft',
      paymentStatus: null,
      number: null,
      numberSequenceId: schemeSequenceId(scheme, 'invoice'),
      customNumber: null,
      customerId: proforma.customerId,
      legalEntityId: proforma.legalEntityId,
      templateId: scheme?.templateIds.invoice ?? defaultTemplateId('invoice', language),
      currency: proforma.currency,
      exchangeRate: proforma.exchangeRate,
      periodStart: proforma.periodStart,
      periodEnd: proforma.periodEnd,
      timezone: proforma.timezone,
      customerTimezone: proforma.customerTimezone,
      issueDate: null,
      dueDate: null,
      paymentTermsDays: proforma.paymentTermsDays,
      taxRate: proforma.taxRate,
      callDiscountPercent: proforma.callDiscountPercent,
      sender: proforma.sender,
      recipient: proforma.recipient,
      sessionId: null,
      invoicingSchemeId: proforma.invoicingSchemeId,
      metadata: proforma.metadata,
      convertedFromDocumentId: proforma.id,
    };
    const invoice = await s.documents.insertDocument(header);
    const converted = await s.documents.updateDocument(ctx.tenantId, proforma.id, {
      convertedToDocumentId: invoice.id,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: invoice.id,
      action: 'created',
      after: invoice,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: proforma.id,
      action: 'converted',
      before: proforma,
      after: converted,
    });
    return presentDocument(invoice, []);
  });
}
