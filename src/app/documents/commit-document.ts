import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentLine } from '../ports/document-lines.ts';
import type { ComputedLine, DocumentComputation } from '../../core/invoice/types.ts';
import { newId } from '../ids.ts';
import type { DocumentSnapshot } from './document-snapshot.ts';

/** What a computed line bills; the same key across regenerations keeps the line's id and edits. */
function lineKeys(snapshot: DocumentSnapshot, lines: readonly ComputedLine[]): string[] {
  let fixed = 0;
  return lines.map((l) => {
    if (l.kind === 'usage') return `usage:${l.prefix ?? ''}:${l.destination ?? ''}`;
    if (l.kind === 'discount') return 'discount';
    if (l.kind === 'fixed_cost') return `fixed:${snapshot.fixedCostLineIds[fixed++] ?? l.fixedCostId ?? ''}`;
    return `charge:${l.chargeId ?? ''}`;
  });
}

/**
 * The stored lines of a computation. A line that bills what a line of the previous generation
 * billed keeps that line's id, and its description when an operator edited it on the draft.
 */
export function toStoredLines(
  snapshot: DocumentSnapshot,
  computation: DocumentComputation,
  previous: readonly DocumentLine[],
  makeId: () => string = () => newId('dl'),
): DocumentLine[] {
  const before = new Map(previous.map((l) => [l.lineKey, l]));
  const keys = lineKeys(snapshot, computation.lines);
  return computation.lines.map((l, i) => {
    const key = keys[i]!;
    const old = before.get(key);
    before.delete(key);
    return {
      id: old?.id ?? makeId(),
      lineKey: key,
      kind: l.kind,
      description: old?.descriptionEdited ? old.description : l.description,
      descriptionEdited: old?.descriptionEdited ?? false,
      destination: l.destination,
      prefix: l.prefix,
      quantity: l.quantity,
      unit: l.unit,
      durationSeconds: l.durationSeconds,
      unitPrice: l.unitPrice,
      net: l.net,
      taxRate: l.taxRate,
      tax: l.tax,
      gross: l.gross,
      fixedCostId: l.fixedCostId ?? null,
      chargeId: l.chargeId ?? null,
      servicePeriodStart: l.servicePeriod?.start ?? null,
      servicePeriodEnd: l.servicePeriod?.end ?? null,
    };
  });
}

/** The document's totals columns from a computation. */
export function totalsOf(
  c: DocumentComputation,
): Pick<
  DocumentRecord,
  'totalUsage' | 'totalDiscount' | 'totalFixedCosts' | 'totalCharges' | 'totalNet' | 'totalTax' | 'total'
> {
  const t = c.totals;
  return {
    totalUsage: t.usage,
    totalDiscount: t.discount,
    totalFixedCosts: t.fixedCosts,
    totalCharges: t.charges,
    totalNet: t.net,
    totalTax: t.tax,
    total: t.total,
  };
}

/** Thrown when what the commit could claim differs from what the snapshot computed (data moved meanwhile). */
export class StaleSnapshot extends Error {
  constructor(readonly what: string) {
    super(`the ${what} of the period changed while the document was computed`);
  }
}

/** A document ready to be committed: the draft, its snapshot and the computation of that snapshot. */
export interface Computed {
  doc: DocumentRecord;
  snapshot: DocumentSnapshot;
  computation: DocumentComputation;
}

/**
 * Stores a computation on a draft in the snapshot's transaction: claims the usage and charges the
 * snapshot saw (each record and charge on one document only), stores lines and totals. The usage
 * cannot have moved (the snapshot holds the tenant's claim lock); charges can, and then it throws
 * StaleSnapshot, for the caller to roll back and start again. The commit of one document is
 * `commitDocuments` of one.
 */
export async function commitDocument(
  s: Session,
  doc: DocumentRecord,
  snapshot: DocumentSnapshot,
  computation: DocumentComputation,
): Promise<DocumentRecord> {
  return (await commitDocuments(s, [{ doc, snapshot, computation }]))[0]!;
}

/**
 * The commit of many documents of one tenant, set-based: one statement claims the usage of all of
 * them, one the charges, one replaces their lines (after one read of the previous ones, so that a
 * regenerated line keeps its id and edited text) and one sets their totals. `fresh` documents were
 * just inserted with their computation's totals (a session's new drafts): they have no lines to
 * read or delete and no totals to set, so their lines are only inserted.
 */
export async function commitDocuments(
  s: Session,
  items: readonly Computed[],
  { fresh = false }: { fresh?: boolean } = {},
): Promise<DocumentRecord[]> {
  if (items.length === 0) return [];
  const tenantId = items[0]!.doc.tenantId;
  const bounds = new Set(
    items.flatMap(({ snapshot }) => (snapshot.claims.usageRange ? [snapshot.claims.usageBound] : [])),
  );
  if (bounds.size > 1 || bounds.has(null))
    throw new Error('the usage of documents committed together is claimed from one snapshot taken to be claimed');
  const [bound] = [...bounds];
  if (bound)
    await s.usageClaims.attachUsageOf(
      tenantId,
      items.flatMap(({ doc, snapshot }) =>
        snapshot.claims.usageRange
          ? [
              {
                documentId: doc.id,
                customerId: doc.customerId,
                range: snapshot.claims.usageRange,
                records: snapshot.claims.usageCalls,
              },
            ]
          : [],
      ),
      bound,
    );
  const claimed = await s.charges.claimOf(
    tenantId,
    items.map(({ doc, snapshot }) => ({ documentId: doc.id, chargeIds: snapshot.claims.chargeIds })),
  );
  for (const { doc, snapshot } of items) {
    if ((claimed.get(doc.id) ?? 0) !== snapshot.claims.chargeIds.length) throw new StaleSnapshot('charges');
  }
  const ids = items.map((i) => i.doc.id);
  const previous = fresh ? new Map<string, DocumentLine[]>() : await s.documentLines.linesOf(tenantId, ids);
  const entries = items.map(({ doc, snapshot, computation }) => ({
    documentId: doc.id,
    lines: toStoredLines(snapshot, computation, previous.get(doc.id) ?? []),
  }));
  if (fresh) {
    await s.documentLines.insertLinesOf(tenantId, entries);
    return items.map((i) => i.doc);
  }
  await s.documentLines.replaceLinesOf(tenantId, entries);
  const stored = await s.documents.setTotalsOf(
    tenantId,
    items.map(({ doc, computation }) => ({ id: doc.id, totals: totalsOf(computation) })),
  );
  return ids.map((id) => stored.get(id)!);
}

/** Takes back everything a draft or a cancelled document claimed, so it is free for the next one. */
export async function releaseClaims(s: Session, doc: Pick<DocumentRecord, 'tenantId' | 'id'>): Promise<void> {
  await releaseClaimsOf(s, doc.tenantId, [doc.id]);
}

/** `releaseClaims` of many drafts of one tenant: one statement for their usage, one for their charges. */
export async function releaseClaimsOf(s: Session, tenantId: string, documentIds: readonly string[]): Promise<void> {
  if (documentIds.length === 0) return;
  await s.usageClaims.releaseUsageOf(tenantId, documentIds);
  await s.charges.releaseOf(tenantId, documentIds);
}
