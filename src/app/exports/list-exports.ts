import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentFilter } from '../ports/documents.ts';
import type { UsageFilter } from '../ports/usage.ts';
import { listDocuments } from '../documents/queries.ts';
import { presentDocument } from '../documents/present.ts';
import { listUsage } from '../usage/query-usage.ts';
import type { PaymentFilter } from '../ports/payments.ts';
import { listPayments } from '../payments/list-payments.ts';
import type { PaymentOut } from '../payments/present.ts';
import { Dec } from '../../core/money/decimal.ts';

/** A column of an exported table: numbers are written as numbers (XLSX) and never neutralised (CSV). */
export interface ExportColumn {
  name: string;
  type: 'text' | 'number';
}

/**
 * A list export: its columns and its rows, page by page. Each page is read in its own short
 * transaction by keyset paging, so an export of a million usage records holds one page in memory
 * and no transaction open for the length of the download.
 */
export interface TableExport {
  name: string;
  columns: ExportColumn[];
  pages: AsyncIterable<unknown[][]>;
}

const PAGE = 2000;
const cols = (spec: string): ExportColumn[] =>
  spec.split(' ').map((c) => (c.endsWith('#') ? { name: c.slice(0, -1), type: 'number' } : { name: c, type: 'text' }));

async function* paged<T>(
  fetch: (after: string | undefined) => Promise<{ data: T[]; next: string | null }>,
  row: (item: T) => Promise<unknown[][]> | unknown[][],
): AsyncGenerator<unknown[][]> {
  let after: string | undefined;
  do {
    const page = await fetch(after);
    const rows: unknown[][] = [];
    for (const item of page.data) rows.push(...(await row(item)));
    yield rows;
    after = page.next ?? undefined;
  } while (after);
}

export function exportDocuments(deps: Deps, ctx: CallContext, filter: DocumentFilter): TableExport {
  return {
    name: 'documents',
    columns: cols(
      'id type status paymentStatus number customerId customerName customerTaxId currency exchangeRate# periodStart periodEnd issueDate dueDate net# tax# total# paid# open#',
    ),
    pages: paged(
      (after) => listDocuments(deps, ctx, filter, { limit: PAGE, after }),
      (d) => [
        [
          d.id,
          d.type,
          d.status,
          d.paymentStatus,
          d.number,
          d.customerId,
          d.recipient?.name ?? null,
          d.recipient?.taxId ?? null,
          d.currency,
          d.exchangeRate,
          d.periodStart,
          d.periodEnd,
          d.issueDate,
          d.dueDate,
          d.totals.net,
          d.totals.tax,
          d.totals.total,
          d.totals.paid,
          d.totals.open,
        ],
      ],
    ),
  };
}

/** Every line of the documents the filter selects, one row per line with its document's number. */
export function exportDocumentLines(deps: Deps, ctx: CallContext, filter: DocumentFilter): TableExport {
  return {
    name: 'document-lines',
    columns: cols(
      'documentId documentNumber documentType issueDate currency position# kind description destination prefix quantity# unit durationSeconds# unitPrice# net# taxRate# tax# gross#',
    ),
    pages: paged(
      (after) => deps.uow.run((s) => s.documents.listDocuments(ctx.tenantId, filter, { limit: 200, after })),
      async (d) => {
        const doc = presentDocument(d, await deps.uow.run((s) => s.documentLines.lines(ctx.tenantId, d.id)));
        return doc.lines.map((l, i) => [
          doc.id,
          doc.number,
          doc.type,
          doc.issueDate,
          doc.currency,
          i + 1,
          l.kind,
          l.description,
          l.destination,
          l.prefix,
          l.quantity,
          l.unit,
          l.durationSeconds,
          l.unitPrice,
          l.net,
          l.taxRate,
          l.tax,
          l.gross,
        ]);
      },
    ),
  };
}

export function exportUsage(deps: Deps, ctx: CallContext, filter: UsageFilter): TableExport {
  return {
    name: 'usage-records',
    columns: cols(
      'id externalId source customerId startedAt durationSeconds# billableSeconds# direction external caller callee destinationPrefix destination price# currency rated documentId',
    ),
    pages: paged(
      (after) => listUsage(deps, ctx, filter, { limit: PAGE, after }),
      (r) => [
        [
          r.id,
          r.externalId,
          r.source,
          r.customerId,
          r.startedAt,
          r.durationSeconds,
          r.billableSeconds,
          r.direction,
          r.external,
          r.caller,
          r.callee,
          r.destinationPrefix,
          r.destinationName,
          r.price,
          r.currency,
          r.rated,
          r.documentId,
        ],
      ],
    ),
  };
}

/**
 * Payments with the /payments list filters: one row per payment with its allocated and
 * unallocated money, and the documents it pays as a space-separated list of ids.
 */
export function exportPayments(deps: Deps, ctx: CallContext, filter: PaymentFilter): TableExport {
  return {
    name: 'payments',
    columns: cols(
      'id status customerId amount# currency receivedAt method payer reference source externalId allocated# unallocated# reversedAt documentIds createdAt',
    ),
    pages: paged(
      (after) => listPayments(deps, ctx, filter, { limit: 500, after }),
      (p) => [
        [
          p.id,
          p.status,
          p.customerId,
          p.amount,
          p.currency,
          p.receivedAt,
          p.method,
          p.payer,
          p.reference,
          p.source,
          p.externalId,
          p.allocated,
          p.unallocated,
          p.reversedAt,
          paidDocuments(p.allocations).join(' '),
          p.createdAt,
        ],
      ],
    ),
  };
}

/** Documents the ledger rows leave money on: a bound-then-unbound document is not listed. */
function paidDocuments(rows: PaymentOut['allocations']): string[] {
  const net = new Map<string, Dec>();
  for (const r of rows) net.set(r.documentId, (net.get(r.documentId) ?? new Dec(0)).plus(r.amount));
  return [...net].filter(([, v]) => v.gt(0)).map(([id]) => id);
}
