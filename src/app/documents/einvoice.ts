import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentLine } from '../ports/document-lines.ts';
import type { PartySnapshot } from '../../core/documents/view.ts';
import { conflict, notFound, refusedWith } from '../errors.ts';
import {
  breakdownFromLines,
  checkEn16931,
  missingEnData,
  peppolEndpoint,
  toEnModel,
  vatIdentifier,
  type EnDocument,
  type EnParty,
  type EnProfile,
} from '../../core/einvoice/index.ts';
import type { DocumentComputation } from '../../core/invoice/types.ts';
import { Dec } from '../../core/money/decimal.ts';

/** How a tenant states 0 % lines (tenant settings `einvoice`): exempt with a reason, or zero rated. */
interface EinvoiceSettings {
  zeroRateCategory?: 'E' | 'Z';
  exemptionReason?: string;
}

function party(p: PartySnapshot | null): EnParty {
  const address = p?.address ?? null;
  const country = address?.country?.toUpperCase() ?? null;
  const vatId = vatIdentifier(p?.taxId ?? null, country);
  return {
    name: p?.name ?? '',
    vatId,
    address: {
      line1: address?.line1 ?? null,
      line2: address?.line2 ?? null,
      city: address?.city ?? null,
      postalCode: address?.postalCode ?? null,
      country,
    },
    endpoint: peppolEndpoint(vatId, country),
    email: p?.email ?? null,
  };
}

/** A stored document as the computation it was issued from: its lines, totals and VAT breakdown. */
function storedComputation(doc: DocumentRecord, lines: DocumentLine[], rounding: string): DocumentComputation {
  // Stored amounts carry trailing zeros (numeric(18,6)); a third decimal stays and fails BR-DEC.
  const money = (v: string | null) => new Dec(v ?? '0').toString();
  return {
    lines: lines.map(
      ({
        id: _id,
        lineKey: _key,
        descriptionEdited: _edited,
        fixedCostId: _fixedCost,
        chargeId,
        servicePeriodStart,
        servicePeriodEnd,
        ...l
      }) => ({
        ...l,
        ...(chargeId ? { chargeId } : {}),
        ...(servicePeriodStart && servicePeriodEnd
          ? { servicePeriod: { start: servicePeriodStart, end: servicePeriodEnd } }
          : {}),
        unit: l.unit as DocumentComputation['lines'][number]['unit'],
        net: money(l.net),
        taxRate: new Dec(l.taxRate).toString(),
      }),
    ),
    totals: {
      usage: money(doc.totalUsage),
      discount: money(doc.totalDiscount),
      charges: money(doc.totalCharges),
      fixedCosts: money(doc.totalFixedCosts),
      net: money(doc.totalNet),
      tax: money(doc.totalTax),
      total: money(doc.total),
    },
    taxBreakdown: breakdownFromLines(
      lines.map((l) => ({ net: l.net, taxRate: l.taxRate })),
      doc.taxRate,
      rounding as 'half_up',
    ),
  };
}

/**
 * A document as an EN 16931 e-invoice, ready for a writer (UBL). Only issued or cancelled documents
 * have a number and dates. `profile` "auto" chooses Peppol BIS Billing 3.0 when both parties have
 * an electronic address; "peppol" insists on it. Missing data and broken arithmetic are refused
 * with 422 and one entry per finding, named by its EN 16931 rule — nothing is written half-right.
 */
export function documentEInvoice(
  deps: Deps,
  ctx: CallContext,
  id: string,
  asked: EnProfile | 'auto',
): Promise<{ document: EnDocument; profile: EnProfile }> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id);
    if (!doc) throw notFound('Document', id);
    if (doc.status === 'draft' || !doc.number || !doc.issueDate)
      throw conflict('DOCUMENT_NOT_ISSUED', `document ${id} is a draft: e-invoices are made of issued documents`);
    const lines = await s.documentLines.lines(ctx.tenantId, id);
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    const settings = (tenant?.settings.einvoice ?? {}) as EinvoiceSettings;
    const kind = doc.type === 'credit_note' ? 'credit_note' : 'invoice';
    const model = toEnModel(storedComputation(doc, lines, tenant?.settings.roundingMode ?? 'half_up'), {
      kind,
      currency: doc.currency,
      paid: new Dec(doc.paid).toFixed(2),
      zeroRateCategory: settings.zeroRateCategory ?? 'E',
      exemptionReason: settings.exemptionReason ?? 'Exempt from VAT',
    });
    // BG-3: a credit note names the invoice it corrects (stored as the document it accompanies).
    const credited =
      doc.type === 'credit_note' && doc.accompaniesDocumentId
        ? await s.documents.getDocument(ctx.tenantId, doc.accompaniesDocumentId)
        : null;
    const seller = party(doc.sender);
    const bank = (doc.sender?.bank ?? {}) as Record<string, string | undefined>;
    const document: EnDocument = {
      number: doc.number,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      period: { start: doc.periodStart, end: doc.periodEnd },
      buyerReference: doc.customerId,
      precedingInvoice: credited?.number ? { number: credited.number, issueDate: credited.issueDate } : null,
      seller,
      buyer: party(doc.recipient),
      payment: {
        meansCode: bank.iban && /^[A-Z]{2}/.test(bank.iban) ? '58' : '30',
        iban: bank.iban?.replace(/\s/g, '') ?? null,
        bic: bank.bic ?? null,
        remittance: doc.number,
      },
      model,
    };
    const profile: EnProfile =
      asked === 'auto' ? (document.seller.endpoint && document.buyer.endpoint ? 'peppol' : 'en16931') : asked;
    const missing = missingEnData(document, profile);
    if (missing.length > 0)
      throw refusedWith(
        'EINVOICE_DATA_MISSING',
        `document ${id} lacks data an ${profile === 'peppol' ? 'Peppol BIS 3.0' : 'EN 16931'} invoice requires: ${missing.map((m) => m.detail).join(', ')}`,
        missing.map((m) => ({ field: m.detail, code: m.rule, message: `required by ${m.rule}` })),
      );
    const broken = checkEn16931(model);
    if (broken.length > 0)
      throw refusedWith(
        'EINVOICE_RULES_BROKEN',
        `document ${id} breaks EN 16931 rules: ${broken.map((b) => b.rule).join(', ')}`,
        broken.map((b) => ({ field: 'document', code: b.rule, message: b.detail })),
      );
    return { document, profile };
  });
}
