import type { Session } from '../ports/session.ts';
import type { Customer } from '../ports/customers.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { OpenInvoice } from '../ports/bill-runs.ts';
import type { SessionError } from '../ports/generation-sessions.ts';
import type { BillGroup } from '../ports/bill-groups.ts';
import type { DatePeriod } from '../../core/time/periods.ts';
import { takeSnapshots, type SnapshotSubject } from '../documents/document-snapshot.ts';
import { commitDocuments, releaseClaimsOf } from '../documents/commit-document.ts';
import { errorOf, headersOf } from '../sessions/session-documents.ts';
import { computeDocument } from '../../core/invoice/compute-document.ts';
import { opensInvoice } from '../../core/bill-groups/close-plan.ts';

/**
 * What to bill for one account onto its open invoice: the days whose usage and charges it takes
 * (widened, never narrowed, from what the open invoice holds) and the period the invoice states.
 */
export interface AccountBilling {
  customer: Customer;
  /** The earliest day whose free usage and charges are billed (late records of earlier cycles roll up). */
  from: string;
  /** Usage is billed through this day (null: no usage now, e.g. a one-off charge mid-cycle). */
  usageThrough: string | null;
  /** Charges are billed through this billing day. */
  chargesThrough: string;
  /** The service period the invoice states for what this billing adds. */
  period: DatePeriod;
}

export interface Billed {
  /** Open invoices after billing, new ones included. */
  open: Map<string, OpenInvoice>;
  opened: string[];
  errors: SessionError[];
}

const min = (a: string, b: string) => (a <= b ? a : b);
const max = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a >= b ? a : b);

/**
 * Bills accounts onto their open invoices, set-based and through the document pipeline shared with
 * POST /documents and generation sessions: each open draft lets go of what it holds, one snapshot
 * reads the free usage and charges of every account over its widened window, `computeDocument`
 * computes each draft whole, and one commit claims exactly what was computed. An account without
 * an open invoice gets one only when something costs money: calls at no cost wait for its next
 * invoice instead of making one of their own.
 */
export async function billOntoOpenInvoices(
  s: Session,
  group: Pick<BillGroup, 'id' | 'paymentTermsDays' | 'renderDuringRun'>,
  items: readonly AccountBilling[],
  openedAt: string,
): Promise<Billed> {
  const errors: SessionError[] = [];
  if (items.length === 0) return { open: new Map(), opened: [], errors };
  const tenantId = items[0]!.customer.tenantId;
  const open = await s.openInvoices.of(
    tenantId,
    items.map((i) => i.customer.id),
  );
  // The open drafts locked in one read (in id order) and emptied in one release.
  const locked = await s.documents.getDocumentsForUpdate(
    tenantId,
    items.flatMap((i) => open.get(i.customer.id)?.documentId ?? []),
  );
  const drafts = new Map<string, DocumentRecord>();
  for (const item of items) {
    const held = open.get(item.customer.id);
    if (!held) continue;
    const doc = locked.get(held.documentId);
    // A draft deleted or issued by hand is no longer open: the account opens a new one.
    if (!doc || doc.status !== 'draft') {
      open.delete(item.customer.id);
      continue;
    }
    drafts.set(item.customer.id, doc);
  }
  await releaseClaimsOf(
    s,
    tenantId,
    [...drafts.values()].map((d) => d.id),
  );
  const fresh = items.filter((i) => !drafts.has(i.customer.id));
  const headers = new Map(
    (
      await headersOf(
        s,
        tenantId,
        { documentType: 'invoice', periodStart: '', periodEnd: '', sessionId: null },
        fresh.map((i) => i.customer),
        (customerId, error) => errors.push(errorOf(customerId, error)),
      )
    ).map((h) => [h.customerId, h]),
  );
  const windows = items.flatMap((item) => {
    const id = item.customer.id;
    const held = open.get(id);
    const base = drafts.get(id) ?? headers.get(id);
    if (!base) return [];
    const from = held ? min(held.windowStart, item.from) : item.from;
    const usageThrough = max(held?.usageThrough ?? null, item.usageThrough);
    const chargesThrough = max(held?.chargesThrough ?? null, item.chargesThrough)!;
    return [{ item, base, from, usageThrough, chargesThrough }];
  });
  const snapshots = await takeSnapshots(
    s,
    windows.map((w): SnapshotSubject => ({
      ...w.base,
      convertedFromDocumentId: null,
      periodStart: w.from,
      periodEnd: w.chargesThrough,
      usagePeriod: w.usageThrough ? { start: w.from, end: w.usageThrough } : null,
    })),
  );
  const toCommit: Array<{ w: (typeof windows)[number]; i: number; doc: DocumentRecord | null }> = [];
  for (const [i, w] of windows.entries()) {
    const draft = drafts.get(w.item.customer.id) ?? null;
    if (!draft) {
      const { usage, charges } = snapshots[i]!.input;
      if (!opensInvoice([...usage.map((u) => u.amount), ...(charges ?? []).map((c) => c.amount)])) continue;
    }
    toCommit.push({ w, i, doc: draft });
  }
  const inserted = await s.documents.insertDocuments(
    toCommit
      .filter((c) => !c.doc)
      .map(({ w }) => ({
        ...headers.get(w.item.customer.id)!,
        periodStart: w.item.period.start,
        periodEnd: w.item.period.end,
        paymentTermsDays: group.paymentTermsDays,
        // The group decides when closed invoices get their PDF: during the run, or on first view.
        renderOnView: !group.renderDuringRun,
      })),
  );
  const byCustomer = new Map(inserted.map((d) => [d.customerId, d]));
  const opened = inserted.map((d) => d.id);
  const docs = toCommit.map((c) => c.doc ?? byCustomer.get(c.w.item.customer.id)!);
  await commitDocuments(
    s,
    toCommit.map((c, k) => ({
      doc: docs[k]!,
      snapshot: snapshots[c.i]!,
      computation: computeDocument(snapshots[c.i]!.input),
    })),
  );
  const rows: OpenInvoice[] = [];
  const widened: Array<{ id: string; periodStart: string; periodEnd: string }> = [];
  for (const [k, c] of toCommit.entries()) {
    const doc = docs[k]!;
    const { item } = c.w;
    // The stated period grows to cover every cycle the open invoice has billed.
    if (c.doc && (item.period.start < doc.periodStart || item.period.end > doc.periodEnd))
      widened.push({
        id: doc.id,
        periodStart: min(doc.periodStart, item.period.start),
        periodEnd: max(doc.periodEnd, item.period.end)!,
      });
    const held = open.get(item.customer.id);
    rows.push({
      tenantId,
      customerId: item.customer.id,
      documentId: doc.id,
      billGroupId: group.id,
      windowStart: c.w.from,
      usageThrough: c.w.usageThrough,
      chargesThrough: c.w.chargesThrough,
      openedAt: held?.openedAt ?? openedAt,
    });
  }
  await s.documents.setPeriodsOf(tenantId, widened);
  await s.openInvoices.put(rows);
  return { open: new Map(rows.map((r) => [r.customerId, r])), opened, errors };
}
