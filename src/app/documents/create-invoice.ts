import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import type { Session } from '../ports/session.ts';
import { conflict, invalid, notFound, refused, refusedField, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { enforceInvoiceRules } from './invoice-rules.ts';
import { defaultTemplateId, findTemplate } from './templates.ts';
import { recipientSnapshot, senderSnapshot } from './snapshots.ts';
import { presentDocument, type DocumentOut } from './present.ts';
import type { Metadata } from '../../core/validation/metadata.ts';
import { validateInvoiceParameters } from '../../core/invoice/parameters.ts';

export interface CreateInvoiceInput {
  customerId: string;
  metadata?: Metadata | undefined;
  periodStart: string;
  periodEnd: string;
  numberSequenceId?: string | undefined;
  number?: string | undefined;
  templateId?: string | undefined;
  legalEntityId?: string | undefined;
  taxRate?: string | undefined;
  callDiscountPercent?: string | undefined;
  paymentTermsDays?: number | undefined;
}

/** Creates a draft invoice for a customer and period, after the invoice rules (in their order). */
export async function createInvoice(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  input: CreateInvoiceInput,
): Promise<DocumentOut> {
  const taxRate = input.taxRate ?? '0';
  const callDiscountPercent = input.callDiscountPercent ?? '0';
  const paramErrors = validateInvoiceParameters({ taxRate, callDiscountPercent });
  if (paramErrors.length) throw invalid(paramErrors);
  if (input.number && input.numberSequenceId) {
    throw invalid([
      {
        field: 'number',
        code: 'CONFLICTING_FIELDS',
        message: 'give either numberSequenceId or a custom number, not both',
      },
    ]);
  }
  return deps.uow.run(async (s) => {
    const tenant = (await s.tenancy.getTenant(ctx.tenantId))!;
    const customer = await s.customers.get(ctx.tenantId, input.customerId);
    if (!customer) throw unknownReference('UNKNOWN_CUSTOMER', 'customerId', 'customer', input.customerId);
    await s.documents.lockCustomer(ctx.tenantId, customer.id);
    await enforceInvoiceRules(s, deps.clock.now(), {
      tenantId: ctx.tenantId,
      tenantTimezone: tenant.timezone,
      customerId: customer.id,
      type: 'invoice',
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
    });
    const sender = await resolveSender(s, ctx.tenantId, input.legalEntityId);
    await assertReferences(s, renderer, ctx.tenantId, input);
    const doc = await s.documents.insertDocument({
      id: newId('doc'),
      tenantId: ctx.tenantId,
      type: 'invoice',
      status: 'draft',
      paymentStatus: null,
      number: null,
      numberSequenceId: input.numberSequenceId ?? null,
      customNumber: input.number ?? null,
      customerId: customer.id,
      legalEntityId: sender.id,
      templateId: input.templateId ?? defaultTemplateId('invoice', customer.language),
      currency: customer.currency,
      // Rates to the tenant currency are frozen when the document is made; same currency is 1 by definition.
      exchangeRate: customer.currency === tenant.currency ? '1' : null,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      timezone: tenant.timezone,
      customerTimezone: customer.timezone,
      issueDate: null,
      dueDate: null,
      paymentTermsDays: input.paymentTermsDays ?? tenant.settings.paymentTermsDays ?? 14,
      taxRate,
      callDiscountPercent,
      sender: senderSnapshot(sender),
      recipient: recipientSnapshot(customer),
      sessionId: null,
      metadata: input.metadata ?? {},
    });
    await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: doc.id, action: 'created', after: doc });
    return presentDocument(doc, []);
  });
}

async function resolveSender(s: Session, tenantId: string, legalEntityId: string | undefined) {
  if (legalEntityId) {
    const chosen = await s.tenancy.getLegalEntity(tenantId, legalEntityId);
    if (!chosen) throw notFound('Legal entity', legalEntityId);
    return chosen;
  }
  const fallback = (await s.tenancy.listLegalEntities(tenantId)).find((e) => e.isDefault);
  if (!fallback)
    throw refused('NO_LEGAL_ENTITY', 'The tenant has no legal entity to send invoices from; create one first');
  return fallback;
}

export async function assertReferences(
  s: Session,
  renderer: DocumentRenderer,
  tenantId: string,
  input: Pick<CreateInvoiceInput, 'numberSequenceId' | 'templateId' | 'number'>,
  selfId?: string,
) {
  if (input.numberSequenceId) {
    const seq = await s.sequences.getSequence(tenantId, input.numberSequenceId);
    if (!seq)
      throw unknownReference(
        'UNKNOWN_NUMBER_SEQUENCE',
        'numberSequenceId',
        'number sequence',
        input.numberSequenceId,
        'NOT_FOUND',
      );
    if (seq.documentType !== 'invoice')
      throw refusedField(
        'WRONG_SEQUENCE_TYPE',
        'numberSequenceId',
        `number sequence ${seq.id} numbers ${seq.documentType} documents`,
        'not an invoice sequence',
      );
  }
  if (input.templateId && !(await findTemplate(s, renderer, tenantId, input.templateId))) {
    throw unknownReference('UNKNOWN_TEMPLATE', 'templateId', 'template', input.templateId, 'NOT_FOUND');
  }
  if (input.number && (await s.documents.numberTaken(tenantId, 'invoice', input.number, selfId))) {
    throw conflict('NUMBER_TAKEN', `invoice number ${input.number} is already used`, { field: 'number' });
  }
}
