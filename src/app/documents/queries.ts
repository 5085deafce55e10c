import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentFilter } from '../ports/documents.ts';
import type { CallRow, DestinationDetail } from '../ports/usage-claims.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { renderDocument } from './render-document.ts';
import { Temporal } from 'temporal-polyfill';
import { presentDocument, type DocumentOut } from './present.ts';
import { formatInZone } from '../../core/time/zones.ts';
import { minutesText } from '../../core/time/durations.ts';
import { Dec } from '../../core/money/decimal.ts';
import { formatAmount } from '../../core/money/currency.ts';
import { looksLikeId } from '../ids.ts';

export function getDocument(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id);
    if (!doc) throw notFound('Document', id);
    const presentedPayments = (await s.openInvoices.presentedOn(ctx.tenantId, id)).map((p) => ({
      ...p,
      amount: formatAmount(p.amount, p.currency),
    }));
    const out = presentDocument(doc, await s.documentLines.lines(ctx.tenantId, id));
    // Only invoices of bill cycles present payments; other documents answer as they always did.
    return presentedPayments.length ? { ...out, presentedPayments } : out;
  });
}

export function listDocuments(
  deps: Deps,
  ctx: CallContext,
  filter: DocumentFilter,
  page: PageRequest,
): Promise<Page<DocumentOut>> {
  return deps.uow.run(async (s) => {
    const found = await s.documents.listDocuments(ctx.tenantId, filter, page);
    return { data: found.data.map((d) => presentDocument(d, [])), next: found.next };
  });
}

/** Call-list cursors are "<startedAt ISO>|<record id>", as the repository hands them out. */
function validCallCursor(after: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)\|(.+)$/.exec(after);
  return match !== null && isInstant(match[1]!) && looksLikeId(match[2]!);
}

function isInstant(text: string): boolean {
  try {
    Temporal.Instant.from(text);
    return !text.startsWith('0000');
  } catch {
    return false;
  }
}

export interface CallOut extends CallRow {
  /** The start time in the customer's time zone, as printed on the document. */
  localStartedAt: string;
  timezone: string;
}

/** The call list of a document, with times in the customer's zone beside the UTC instant. */
export function documentCalls(deps: Deps, ctx: CallContext, id: string, page: PageRequest): Promise<Page<CallOut>> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id);
    if (!doc) throw notFound('Document', id);
    if (page.after !== undefined && !validCallCursor(page.after))
      throw invalid([
        { field: 'cursor', code: 'INVALID_CURSOR', message: 'use the nextCursor a previous page returned' },
      ]);
    const calls = await s.usageClaims.calls(ctx.tenantId, id, page);
    return {
      data: calls.data.map((c) => ({
        ...c,
        localStartedAt: formatInZone(c.startedAt, doc.customerTimezone, 'dd/MM/yyyy HH:mm:ss'),
        timezone: doc.customerTimezone,
      })),
      next: calls.next,
    };
  });
}

export interface DestinationDetailOut extends DestinationDetail {
  /** Billed time in minutes, two decimals. */
  minutes: string;
  /** The destination's amount in the document currency, rounded as its invoice line is. */
  price: string;
}

/** Per destination: prefix, name, rate, calls, minutes, price; `prefix` may use % wildcards. */
export function documentDetails(
  deps: Deps,
  ctx: CallContext,
  id: string,
  prefixPattern?: string,
): Promise<DestinationDetailOut[]> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id);
    if (!doc) throw notFound('Document', id);
    const rows = await s.usageClaims.destinationDetails(ctx.tenantId, id, prefixPattern);
    const rounding = (await s.tenancy.getTenant(ctx.tenantId))?.settings.roundingMode ?? 'half_up';
    return rows.map((r) => ({
      ...r,
      ratePerMinute: r.ratePerMinute === null ? null : new Dec(r.ratePerMinute).toString(),
      amount: new Dec(r.amount).toString(),
      minutes: minutesText(r.durationSeconds),
      price: formatAmount(r.amount, doc.currency, rounding),
    }));
  });
}

/**
 * The stored PDF of the document's current revision. A document rendered on first view (status
 * `on_view`) is rendered here, with the data as it is now, when a renderer is given — the download
 * routes give one — and kept, so that later downloads read the same file.
 */
export async function documentPdf(
  deps: Deps,
  ctx: CallContext,
  id: string,
  renderer?: DocumentRenderer,
): Promise<{ content: Buffer; number: string | null }> {
  try {
    return await storedPdf(deps, ctx, id);
  } catch (error) {
    if (!renderer || !(error instanceof AppError) || error.code !== 'PDF_NOT_READY') throw error;
    const doc = await deps.uow.run((s) => s.documents.getDocument(ctx.tenantId, id));
    if (doc?.renderStatus !== 'on_view') throw error;
    await renderDocument(deps, renderer, { tenantId: doc.tenantId, documentId: doc.id, revision: doc.revision });
    return storedPdf(deps, ctx, id);
  }
}

function storedPdf(deps: Deps, ctx: CallContext, id: string): Promise<{ content: Buffer; number: string | null }> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id);
    if (!doc) throw notFound('Document', id);
    const file = await s.documentFiles.getFile(ctx.tenantId, id, 'pdf');
    // A file of an older revision shows a state the document has left (no number yet, not cancelled).
    if (!file || file.revision !== doc.revision)
      throw conflict(
        'PDF_NOT_READY',
        `document ${id} has no PDF yet (render status ${doc.renderStatus ?? 'blank'}); generate it first`,
      );
    return { content: file.content, number: doc.number };
  });
}
