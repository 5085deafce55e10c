import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentLine } from '../ports/document-lines.ts';
import { refusedWith, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { assignNumber } from '../documents/assign-number.ts';
import { blankedRenderStatus, queueRender } from '../documents/render-document.ts';
import { defaultTemplateId } from '../documents/templates.ts';
import { presentDocument, type DocumentOut } from '../documents/present.ts';
import { allocationRow, appendAllocations } from './allocate.ts';
import { documentStates } from './manage-allocations.ts';
import {
  CREDIT_NOTE_SOURCE,
  creditNoteLines,
  creditNoteTotals,
  PAYABLE_DOCUMENT_TYPES,
  type CreditRequest,
} from '../../core/payments/index.ts';
import { minorUnits } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';
import { todayInZone } from '../../core/time/zones.ts';

export interface CreditNoteInput extends CreditRequest {
  creditedDocumentId: string;
  numberSequenceId?: string | undefined;
  number?: string | undefined;
  reason?: string | undefined;
}

/**
 * Issues a credit note against an issued payable document of the tenant: for chosen lines (all or
 * part of what is left of each) or an amount, never more than what is left to credit. It is
 * numbered from the credit-note sequence at once. Its money enters the allocation ledger as a
 * credit (a payment with source `credit_note`) bound first to the credited document's open
 * amount; whatever that document no longer owes (it was paid) stays as customer credit. Nothing is
 * updated in place: the credited document's open amount moves only through the appended ledger.
 */
export function issueCreditNote(deps: Deps, ctx: CallContext, input: CreditNoteInput): Promise<DocumentOut> {
  return deps.uow.run((s) => issueCreditNoteIn(deps, s, ctx, input));
}

/** issueCreditNote inside the caller's transaction (a re-rate through credit issues its notes so). */
export async function issueCreditNoteIn(
  deps: Deps,
  s: Session,
  ctx: CallContext,
  input: CreditNoteInput,
): Promise<DocumentOut> {
  const tenant = (await s.tenancy.getTenant(ctx.tenantId))!;
  const credited = await s.documents.getDocument(ctx.tenantId, input.creditedDocumentId, { forUpdate: true });
  if (!credited) throw unknownReference('UNKNOWN_DOCUMENT', 'creditedDocumentId', 'document', input.creditedDocumentId);
  if (credited.status !== 'issued' || !PAYABLE_DOCUMENT_TYPES.includes(credited.type))
    throw refusedWith(
      'DOCUMENT_NOT_CREDITABLE',
      `document ${credited.id} is a ${credited.status} ${credited.type}; only an issued invoice can be credited`,
      [{ field: 'creditedDocumentId', code: 'DOCUMENT_NOT_CREDITABLE', message: 'an issued invoice' }],
    );
  await s.payments.lockCustomer(ctx.tenantId, credited.customerId);
  const customer = (await s.customers.get(ctx.tenantId, credited.customerId))!;
  const units = minorUnits(credited.currency);
  const already = await s.payments.creditedOn(ctx.tenantId, credited.id);
  const originalLines = await s.documentLines.lines(ctx.tenantId, credited.id);
  const { lines, errors } = creditNoteLines(input, {
    taxRate: credited.taxRate,
    minorUnits: units,
    total: credited.total ?? '0',
    credited: already.total,
    number: credited.number ?? credited.id,
    lines: originalLines.map((l) => ({ ...l, credited: already.lines.get(l.id) ?? '0' })),
  });
  if (errors.length)
    throw refusedWith(errors[0]!.code, `the credit note cannot be issued: ${errors[0]!.message}`, errors);

  const now = deps.clock.now().toString();
  const issueDate = todayInZone(deps.clock.now(), credited.timezone);
  const id = newId('doc');
  const draft = await s.documents.insertDocument({
    id,
    tenantId: ctx.tenantId,
    type: 'credit_note',
    status: 'draft',
    paymentStatus: null,
    number: null,
    numberSequenceId: input.numberSequenceId ?? null,
    customNumber: input.number ?? null,
    customerId: credited.customerId,
    legalEntityId: credited.legalEntityId,
    templateId: defaultTemplateId('credit_note', customer.language),
    currency: credited.currency,
    exchangeRate: credited.exchangeRate,
    periodStart: credited.periodStart,
    periodEnd: credited.periodEnd,
    timezone: credited.timezone,
    customerTimezone: credited.customerTimezone,
    issueDate: null,
    dueDate: null,
    paymentTermsDays: 0,
    taxRate: credited.taxRate,
    callDiscountPercent: '0',
    sender: credited.sender,
    recipient: credited.recipient,
    sessionId: null,
    invoicingSchemeId: credited.invoicingSchemeId,
    metadata: input.reason ? { reason: input.reason.slice(0, 500) } : {},
    accompaniesDocumentId: credited.id,
  });
  const rows: DocumentLine[] = lines.map((l) => ({
    id: newId('dln'),
    lineKey: l.creditsLineId,
    descriptionEdited: false,
    fixedCostId: null,
    chargeId: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    kind: l.kind as DocumentLine['kind'],
    description: l.description,
    destination: null,
    prefix: null,
    quantity: '1',
    unit: l.unit,
    durationSeconds: null,
    unitPrice: l.net,
    net: l.net,
    taxRate: l.taxRate,
    tax: l.tax,
    gross: l.gross,
  }));
  await s.documentLines.replaceLines(ctx.tenantId, id, rows);
  const { net, tax, total } = creditNoteTotals(lines, units);
  const zero = new Dec(0).toFixed(units);
  const issued = await s.documents.updateDocument(ctx.tenantId, id, {
    ...(await assignNumber(s, draft, issueDate)),
    status: 'issued',
    issueDate,
    issuedAt: now,
    totalUsage: zero,
    totalDiscount: zero,
    totalFixedCosts: zero,
    totalCharges: zero,
    totalNet: net,
    totalTax: tax,
    total,
    renderStatus: blankedRenderStatus(draft),
    revision: draft.revision + 1,
  });
  await queueRender(s, issued);

  // The credit's money: first what the credited document still owes, the rest customer credit.
  const money = await s.payments.insertPayment({
    id: newId('pay'),
    tenantId: ctx.tenantId,
    customerId: credited.customerId,
    amount: total,
    currency: credited.currency,
    receivedAt: now,
    method: 'other',
    payer: null,
    reference: `credit note ${issued.number}`,
    source: CREDIT_NOTE_SOURCE,
    externalId: id,
    importId: null,
  });
  const state = await documentStates(s, ctx.tenantId, [credited.id]);
  const doc = state.get(credited.id)!;
  const bind = Dec.min(total, new Dec(doc.total).minus(doc.paid));
  if (bind.gt(0))
    await appendAllocations(
      s,
      tenant,
      deps.clock,
      [
        allocationRow(
          tenant,
          credited.customerId,
          money.id,
          credited.id,
          { amount: bind.toFixed(units), paymentAmount: bind.toFixed(units), rate: null },
          'credit_note',
          now,
          { reason: `credit note ${issued.number}` },
        ),
      ],
      state,
    );
  await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: id, action: 'issued', after: issued });
  return presentDocument(issued, await s.documentLines.lines(ctx.tenantId, id));
}
