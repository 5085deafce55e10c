import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord, DocumentType, NewDocument } from '../ports/documents.ts';
import type { Customer } from '../ports/customers.ts';
import type { InvoicingScheme } from '../ports/schemes.ts';
import type { LegalEntity, Tenant } from '../ports/tenancy.ts';
import { conflict, invalid, notFound, refused, refusedField, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { enforceInvoiceRules } from './invoice-rules.ts';
import { defaultTemplateId, findTemplate } from './templates.ts';
import { recipientSnapshot, senderSnapshot } from './snapshots.ts';
import { presentDocument, type DocumentOut } from './present.ts';
import { documentScheme, schemeSequenceId } from './document-scheme.ts';
import { accompaniedInvoice, assertSamePeriod } from './accompany.ts';
import type { Metadata } from '../../core/validation/metadata.ts';
import { validateInvoiceParameters } from '../../core/invoice/parameters.ts';
import { policyFor } from '../../core/documents/policy.ts';

export interface CreateDocumentInput {
  /** `invoice` when absent. */
  type?: DocumentType | undefined;
  customerId: string;
  /** The customer contract whose scheme (or its basic contract's) applies; optional. */
  contractId?: string | undefined;
  /** A subscription whose own scheme applies over every other level; optional. */
  subscriptionId?: string | undefined;
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
  /** Acts and VAT invoices: the issued invoice of the customer they accompany (same period). */
  accompaniesDocumentId?: string | undefined;
}

function validateInput(input: CreateDocumentInput): void {
  const paramErrors = validateInvoiceParameters({
    taxRate: input.taxRate ?? '0',
    callDiscountPercent: input.callDiscountPercent ?? '0',
  });
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
}

/**
 * The header of a new draft, after the type's rules (in their order): what the request says, else
 * what the invoicing scheme in force says (most specific wins), else the tenant's defaults. Shared
 * by creation and the dry run, so both describe the same document.
 */
export async function draftHeader(
  deps: Deps,
  s: Session,
  renderer: DocumentRenderer,
  ctx: CallContext,
  input: CreateDocumentInput,
): Promise<NewDocument> {
  validateInput(input);
  const type = input.type ?? 'invoice';
  const policy = policyFor(type);
  const tenant = (await s.tenancy.getTenant(ctx.tenantId))!;
  const customer = await s.customers.get(ctx.tenantId, input.customerId);
  if (!customer) throw unknownReference('UNKNOWN_CUSTOMER', 'customerId', 'customer', input.customerId);
  await s.documents.lockCustomer(ctx.tenantId, customer.id);
  const invoice = await accompaniedInvoice(s, ctx.tenantId, type, customer.id, input.accompaniesDocumentId);
  if (invoice) assertSamePeriod(invoice, input.periodStart, input.periodEnd);
  await enforceInvoiceRules(s, deps.clock.now(), {
    tenantId: ctx.tenantId,
    tenantTimezone: tenant.timezone,
    customerId: customer.id,
    type,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
  });
  const scheme = await documentScheme(s, ctx.tenantId, customer.id, input.contractId, input.subscriptionId);
  const sender = await resolveSender(s, ctx.tenantId, input.legalEntityId ?? scheme?.legalEntityId ?? undefined);
  const numberSequenceId =
    input.numberSequenceId ?? (input.number ? null : schemeSequenceId(scheme, policy.sequenceKind));
  const templateId = input.templateId ?? scheme?.templateIds[type as keyof typeof scheme.templateIds];
  await assertReferences(s, renderer, ctx.tenantId, {
    type,
    numberSequenceId: numberSequenceId ?? undefined,
    templateId,
    number: input.number,
  });
  return assembleHeader({
    tenant,
    customer,
    scheme,
    sender,
    invoice,
    input: { ...input, type },
    numberSequenceId,
    templateId,
    sessionId: null,
  });
}

/** What a new draft's header is made of, once looked up (one by one, or for a whole session at once). */
export interface HeaderFacts {
  tenant: Tenant;
  customer: Customer;
  scheme: InvoicingScheme | null;
  sender: LegalEntity;
  invoice: DocumentRecord | null;
  input: Omit<CreateDocumentInput, 'type'> & { type: DocumentType };
  numberSequenceId: string | null;
  templateId: string | undefined;
  sessionId: string | null;
}

/**
 * The header of a new draft from its facts: what the request says, else the scheme's, else the
 * tenant's defaults. Single documents and generation sessions both assemble headers here.
 */
export function assembleHeader(f: HeaderFacts): NewDocument {
  const { tenant, customer, scheme, sender, invoice, input } = f;
  const type = input.type;
  // An act or VAT invoice restates its invoice: same currency, rate and tax rate.
  const currency = invoice?.currency ?? scheme?.currency ?? customer.currency;
  return {
    id: newId('doc'),
    tenantId: tenant.id,
    type,
    status: 'draft',
    paymentStatus: null,
    number: null,
    numberSequenceId: f.numberSequenceId,
    customNumber: input.number ?? null,
    customerId: customer.id,
    legalEntityId: sender.id,
    templateId: f.templateId ?? defaultTemplateId(type, customer.language),
    currency,
    // Rates to the tenant currency are frozen when the document is made; same currency is 1 by definition.
    exchangeRate: invoice ? invoice.exchangeRate : currency === tenant.currency ? '1' : null,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    timezone: tenant.timezone,
    customerTimezone: customer.timezone,
    issueDate: null,
    dueDate: null,
    paymentTermsDays: input.paymentTermsDays ?? scheme?.paymentTermsDays ?? tenant.settings.paymentTermsDays ?? 14,
    taxRate: invoice?.taxRate ?? input.taxRate ?? scheme?.taxRate ?? '0',
    callDiscountPercent: input.callDiscountPercent ?? scheme?.callDiscountPercent ?? '0',
    sender: senderSnapshot(sender),
    recipient: recipientSnapshot(customer),
    sessionId: f.sessionId,
    invoicingSchemeId: scheme?.id ?? null,
    metadata: input.metadata ?? {},
    accompaniesDocumentId: invoice?.id ?? null,
    renderOnView: scheme?.renderMode === 'on_first_view',
  };
}

/** Creates a draft document for a customer and period, after its type's rules (in their order). */
export async function createDocument(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  input: CreateDocumentInput,
): Promise<DocumentOut> {
  validateInput(input);
  return deps.uow.run(async (s) => {
    const doc = await s.documents.insertDocument(await draftHeader(deps, s, renderer, ctx, input));
    await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: doc.id, action: 'created', after: doc });
    return presentDocument(doc, []);
  });
}

/** The invoice-only entry point of earlier callers (the demo, `/invoices`). */
export const createInvoice = (deps: Deps, renderer: DocumentRenderer, ctx: CallContext, input: CreateDocumentInput) =>
  createDocument(deps, renderer, ctx, { ...input, type: 'invoice' });

export async function resolveSender(s: Session, tenantId: string, legalEntityId: string | undefined) {
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
  input: Pick<CreateDocumentInput, 'numberSequenceId' | 'templateId' | 'number'> & { type: DocumentType },
  selfId?: string,
) {
  const policy = policyFor(input.type);
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
    if (seq.documentType !== policy.sequenceKind)
      throw refusedField(
        'WRONG_SEQUENCE_TYPE',
        'numberSequenceId',
        `number sequence ${seq.id} numbers ${seq.documentType} documents`,
        `not a${/^[aeiou]/.test(policy.sequenceKind) ? 'n' : ''} ${policy.sequenceKind} sequence`,
      );
  }
  if (input.templateId && !(await findTemplate(s, renderer, tenantId, input.templateId))) {
    throw unknownReference('UNKNOWN_TEMPLATE', 'templateId', 'template', input.templateId, 'NOT_FOUND');
  }
  if (input.number && (await s.documents.numberTaken(tenantId, input.type, input.number, selfId))) {
    throw conflict('NUMBER_TAKEN', `${input.type} number ${input.number} is already used`, { field: 'number' });
  }
}
