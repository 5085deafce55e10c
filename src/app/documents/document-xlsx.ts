import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { OutputWriters } from '../ports/outputs.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { Session } from '../ports/session.ts';
import type { PartySnapshot } from '../../core/documents/view.ts';
import type { XlsxSource } from '../../core/outputs/xlsx-values.ts';
import { minorUnits } from '../../core/money/currency.ts';
import { minutesText } from '../../core/time/durations.ts';
import { conflict, notFound, refused } from '../errors.ts';
import { presentDocument } from './present.ts';

const addressText = (p: PartySnapshot | null) =>
  p?.address
    ? [
        p.address.line1,
        p.address.line2,
        [p.address.postalCode, p.address.city].filter(Boolean).join(' '),
        p.address.country,
      ]
        .filter(Boolean)
        .join(', ')
    : null;

/** The values a template is filled with: the document's own rounded figures, never recomputed. */
async function xlsxSource(s: Session, doc: DocumentRecord): Promise<XlsxSource> {
  const out = presentDocument(doc, await s.documentLines.lines(doc.tenantId, doc.id));
  const bank = (doc.sender?.bank ?? {}) as Record<string, string | undefined>;
  return {
    currency: doc.currency,
    decimals: minorUnits(doc.currency),
    header: {
      number: doc.number,
      documentType: doc.type,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      periodStart: doc.periodStart,
      periodEnd: doc.periodEnd,
      currency: doc.currency,
      exchangeRate: out.exchangeRate,
      customerName: doc.recipient?.name ?? null,
      customerAddress: addressText(doc.recipient),
      customerTaxId: doc.recipient?.taxId ?? null,
      customerKpp: doc.recipient?.kpp ?? null,
      senderName: doc.sender?.name ?? null,
      senderAddress: addressText(doc.sender),
      senderTaxId: doc.sender?.taxId ?? null,
      senderKpp: doc.sender?.kpp ?? null,
      senderIban: bank.iban ?? null,
      senderBic: bank.bic ?? null,
      totalUsage: out.totals.usage,
      totalDiscount: out.totals.discount,
      totalFixedCosts: out.totals.fixedCosts,
      totalNet: out.totals.net,
      totalTax: out.totals.tax,
      total: out.totals.total,
      totalPaid: out.totals.paid,
      totalOpen: out.totals.open,
    },
    lines: out.lines.map((l, i) => ({
      position: String(i + 1),
      description: l.description,
      destination: l.destination,
      quantity: l.quantity,
      unit: l.unit,
      minutes: l.durationSeconds === null ? null : minutesText(l.durationSeconds),
      unitPrice: l.unitPrice,
      net: l.net,
      taxRate: l.taxRate,
      tax: l.tax,
      gross: l.gross,
    })),
  };
}

/**
 * The XLSX of a document. Made from the active template of its type on first download, then
 * served from storage; a stored file of an older revision (the draft was generated again, or the
 * document was issued or cancelled since) is made again, and so is every file after an
 * "apply to existing documents" activation, which drops them.
 */
export async function documentXlsx(
  deps: Deps,
  writers: OutputWriters,
  ctx: CallContext,
  id: string,
): Promise<{ content: Buffer; number: string | null }> {
  const prepared = await deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id);
    if (!doc) throw notFound('Document', id);
    if (doc.renderStatus === null || doc.total === null)
      throw conflict('XLSX_NOT_READY', `document ${id} is not generated yet: generate it first`);
    const stored = await s.documentFiles.getFile(ctx.tenantId, id, 'xlsx');
    if (stored && stored.revision === doc.revision) return { doc, ready: stored.content, fill: null };
    const template = await s.xlsxTemplates.active(ctx.tenantId, doc.type);
    if (!template?.mapping)
      throw refused('NO_XLSX_TEMPLATE', `no active XLSX template for ${doc.type} documents: upload and activate one`);
    const file = (await s.xlsxTemplates.content(ctx.tenantId, template.id))!;
    return { doc, ready: null, fill: { file, mapping: template.mapping, source: await xlsxSource(s, doc) } };
  });
  const { doc } = prepared;
  if (!prepared.fill) return { content: prepared.ready!, number: doc.number };
  const { file, mapping, source } = prepared.fill;
  let content: Buffer;
  try {
    content = await writers.fillXlsx(file, mapping, source);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code) throw refused(code, (error as Error).message);
    throw error;
  }
  await deps.uow.run(async (s) => {
    const now = await s.documents.getDocument(ctx.tenantId, id);
    // A document that changed meanwhile is served this file but not stored with it.
    if (now && now.revision === doc.revision)
      await s.documentFiles.saveFile(ctx.tenantId, id, 'xlsx', content, doc.revision);
  });
  return { content, number: doc.number };
}
