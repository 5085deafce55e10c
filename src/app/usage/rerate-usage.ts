import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { RerateCandidate, RerateUpdate } from '../ports/usage.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { issueCreditNoteIn } from '../payments/issue-credit-note.ts';
import { UsageIngestor } from './usage-ingestor.ts';
import { checkUsageFilter } from './usage-filter.ts';
import { usageLineCreditGross } from '../../core/payments/index.ts';
import { minorUnits } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';

const PAGE = 5_000;

/** What a re-rate does with records that sit on issued documents. */
export const ISSUED_DOCUMENTS_POLICIES = ['refuse', 'credit'] as const;
export type IssuedDocumentsPolicy = (typeof ISSUED_DOCUMENTS_POLICIES)[number];

export interface RerateRequest {
  customerId: string;
  from: string;
  to: string;
  destination?: string | undefined;
  /** `refuse` (the default): 409 RERATE_ISSUED_DOCUMENTS. `credit`: credit, release, bill again. */
  issuedDocuments?: IssuedDocumentsPolicy | undefined;
}

/** A credit note a re-rate issued against an invoice whose usage lines it corrected. */
export interface RerateCreditNote {
  id: string;
  number: string | null;
  creditedDocumentId: string;
  total: string;
  currency: string;
  /** The usage lines of the credited invoice it credits. */
  creditedLineIds: string[];
  /** The records taken off the credited invoice: the next invoice of the period bills them. */
  releasedRecordIds: string[];
}

export interface RerateResult {
  selected: number;
  changed: number;
  rated: number;
  unrated: number;
  /** Drafts whose usage changed: they must be generated again before they are issued. */
  documentsNeedingRegeneration: string[];
  /** With `issuedDocuments: credit`: one per issued invoice whose usage changed. */
  creditNotes: RerateCreditNote[];
  /** Every record taken off an issued invoice, sorted (all credit notes together). */
  releasedRecordIds: string[];
}

/** The usage line of a document that holds a record: how usageGroups groups it. */
interface UsageGroupKey {
  prefix: string | null;
  destination: string;
}
const groupOf = (r: Pick<RerateCandidate, 'destinationPrefix' | 'destinationName'>): UsageGroupKey => ({
  prefix: r.destinationPrefix,
  destination: r.destinationName ?? r.destinationPrefix ?? 'Other',
});
const keyOf = (g: UsageGroupKey) => `${g.prefix ?? ''}|${g.destination}`;

/**
 * Rates a customer's records of a period (optionally one destination pattern) again with the
 * rate plans as they are now. Pre-rated records keep their upstream price. Issued documents are
 * never changed: by default a selection with records on issued documents is refused and names
 * them. With `issuedDocuments: credit` (ADR 0015), each issued invoice holding records whose
 * rating changes gets a credit note for exactly the usage lines holding them (whole lines), the
 * records of those lines are taken off it, and the period becomes billable again for them: the
 * next invoice of the period (single or from a session) bills them at the new prices. Records on
 * issued documents whose rating does not change are left where they are, so a repeat does nothing.
 * Drafts holding changed records are flagged for regeneration. One transaction: either the whole
 * selection is re-rated (and credited) or nothing is.
 */
export async function rerateUsage(deps: Deps, ctx: CallContext, request: RerateRequest): Promise<RerateResult> {
  const req = checkUsageFilter(request, ['customerId', 'from', 'to']);
  const policy = req.issuedDocuments ?? 'refuse';
  if (!ISSUED_DOCUMENTS_POLICIES.includes(policy))
    throw invalid([{ field: 'issuedDocuments', code: 'INVALID_VALUE', message: 'refuse or credit' }]);
  const ingestor = await UsageIngestor.open(deps, ctx.tenantId, 'rerate');
  const filter = {
    customerId: req.customerId,
    from: req.from,
    to: req.to,
    destination: req.destination,
    preRated: false as const,
  };
  return deps.uow.run(async (session) => {
    const customer = await session.customers.get(ctx.tenantId, req.customerId);
    if (!customer) throw notFound('Customer', req.customerId);
    // Crediting moves money: the customer first, as generation and credit notes lock it.
    if (policy === 'credit') await session.documents.lockCustomer(ctx.tenantId, customer.id);
    const refuseIssued = async (lock: boolean) => {
      const issued = (await session.usage.documentsOf(ctx.tenantId, filter, lock))
        .filter((d) => d.status === 'issued')
        .map((d) => d.id);
      if (issued.length) {
        throw conflict(
          'RERATE_ISSUED_DOCUMENTS',
          `records of this selection are on issued documents (${issued.join(', ')}); ` +
            'correct those with a credit note, or re-rate with issuedDocuments "credit"',
          { documentIds: issued },
        );
      }
    };
    // Locks the documents first (before any usage row), in the order generation takes them.
    const statuses = new Map<string, string>();
    if (policy === 'refuse') await refuseIssued(true);
    else for (const d of await session.usage.documentsOf(ctx.tenantId, filter, true)) statuses.set(d.id, d.status);
    const out: RerateResult = {
      selected: 0,
      changed: 0,
      rated: 0,
      unrated: 0,
      documentsNeedingRegeneration: [],
      creditNotes: [],
      releasedRecordIds: [],
    };
    const touched = new Set<string>();
    /** Per issued document: its changed records and the usage groups they were billed in. */
    const onIssued = new Map<string, { ids: string[]; groups: Map<string, UsageGroupKey> }>();
    for (let after: string | null = null; ;) {
      const page = await session.usage.rerateCandidates(ctx.tenantId, filter, after, PAGE);
      if (!page.length) break;
      const calls = page.map((r) => ({ customerId: r.customerId, startedAtMs: Date.parse(r.startedAt) }));
      await ingestor.prepareRating(session, calls);
      const updates: RerateUpdate[] = page.map((r, i) => ({
        id: r.id,
        ...ingestor.rate(customer, calls[i].startedAtMs, r.callee, r.durationSeconds),
      }));
      const ratedNow = updates.filter((u) => u.rated).length;
      out.rated += ratedNow;
      out.unrated += updates.length - ratedNow;
      const changed = await session.usage.applyRerate(ctx.tenantId, updates);
      const before = new Map(page.map((r) => [r.id, r]));
      for (const c of changed) {
        if (!c.documentId) continue;
        if (policy === 'credit' && (await statusOf(session, ctx.tenantId, statuses, c.documentId)) === 'issued') {
          const entry = onIssued.get(c.documentId) ?? { ids: [] as string[], groups: new Map<string, UsageGroupKey>() };
          const group = groupOf(before.get(c.id)!);
          entry.ids.push(c.id);
          entry.groups.set(keyOf(group), group);
          onIssued.set(c.documentId, entry);
        } else touched.add(c.documentId);
      }
      out.selected += page.length;
      out.changed += changed.length;
      after = page[page.length - 1].id;
    }
    if (policy === 'refuse') {
      // A document that got records of the selection while this ran (and was issued since) is caught
      // here; read without locking, so that a generation waiting on our rows cannot deadlock with us.
      await refuseIssued(false);
    } else {
      for (const documentId of [...onIssued.keys()].sort()) {
        const entry = onIssued.get(documentId)!;
        const done = await creditAndRelease(deps, session, ctx, documentId, entry.ids, [...entry.groups.values()]);
        if (done.note) out.creditNotes.push(done.note);
        out.releasedRecordIds.push(...done.released);
      }
      out.releasedRecordIds.sort();
    }
    out.documentsNeedingRegeneration = await session.usage.markDraftsForRegeneration(ctx.tenantId, [...touched]);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'customer',
      objectId: customer.id,
      action: 'usage_rerated',
      after: {
        ...req,
        issuedDocuments: policy,
        ...out,
        // The record ids are in the answer and on each credited invoice's audit entry.
        releasedRecordIds: undefined,
        releasedRecords: out.releasedRecordIds.length,
        creditNotes: out.creditNotes.map(({ releasedRecordIds, ...note }) => ({
          ...note,
          releasedRecords: releasedRecordIds.length,
        })),
      },
    });
    return out;
  });
}

async function statusOf(s: Session, tenantId: string, known: Map<string, string>, documentId: string) {
  let status = known.get(documentId);
  if (status === undefined) {
    // Claimed by a document made while this ran: read once, then remembered.
    status = (await s.documents.getDocument(tenantId, documentId))?.status ?? 'missing';
    known.set(documentId, status);
  }
  return status;
}

/**
 * One issued invoice: a credit note for the whole usage lines that hold the changed records (less
 * their share of the call discount), then those lines' records taken off the invoice. A line an
 * earlier credit note already (partly) credited is refused: crediting what is left of it would
 * silently undo that correction when the usage is billed again.
 */
async function creditAndRelease(
  deps: Deps,
  s: Session,
  ctx: CallContext,
  documentId: string,
  changedIds: string[],
  groups: UsageGroupKey[],
): Promise<{ note: RerateCreditNote | null; released: string[] }> {
  const doc = (await s.documents.getDocument(ctx.tenantId, documentId))!;
  const lines = (await s.documentLines.lines(ctx.tenantId, documentId)).filter((l) => l.kind === 'usage');
  const byGroup = new Map(lines.map((l) => [keyOf({ prefix: l.prefix, destination: l.destination ?? '' }), l]));
  const credited = await s.payments.creditedOn(ctx.tenantId, documentId);
  const units = minorUnits(doc.currency);
  const picked = groups.map((g) => {
    const line = byGroup.get(keyOf(g));
    if (!line)
      throw conflict(
        'RERATE_LINE_NOT_FOUND',
        `invoice ${doc.number ?? doc.id} has no usage line for ${g.destination}; it cannot be corrected by a credit note`,
        { documentIds: [documentId] },
      );
    if (new Dec(credited.lines.get(line.id) ?? '0').gt(0))
      throw conflict(
        'RERATE_LINE_CREDITED',
        `line "${line.description}" of invoice ${doc.number ?? doc.id} was already credited; correct it by hand`,
        { documentIds: [documentId], lineId: line.id },
      );
    return line;
  });
  picked.sort((a, b) => a.description.localeCompare(b.description) || a.id.localeCompare(b.id));
  const toCredit = picked
    .map((l) => ({ line: l, amount: usageLineCreditGross(l, doc.callDiscountPercent, units) }))
    .filter(({ line, amount }) => new Dec(amount ?? line.gross).gt(0));
  const note = toCredit.length
    ? await issueCreditNoteIn(deps, s, ctx, {
        creditedDocumentId: documentId,
        lines: toCredit.map(({ line, amount }) => ({ lineId: line.id, amount })),
        reason: `Usage re-rated: ${picked.map((l) => l.description).join(', ')}`,
      })
    : null;
  const released = await s.usage.releaseFromDocument(
    ctx.tenantId,
    documentId,
    picked.map((l) => ({ prefix: l.prefix, destination: l.destination ?? '' })),
    changedIds,
  );
  const creditedLineIds = toCredit.map(({ line }) => line.id);
  await recordChange(s, ctx, deps.clock, {
    objectType: 'document',
    objectId: documentId,
    action: 'usage_released',
    after: { creditNoteId: note?.id ?? null, creditedLineIds, recordIds: released },
  });
  // Lines that billed nothing (free calls) need no credit note; their records are released all the same.
  return {
    note: note && {
      id: note.id,
      number: note.number,
      creditedDocumentId: documentId,
      total: note.totals.total,
      currency: doc.currency,
      creditedLineIds,
      releasedRecordIds: released,
    },
    released,
  };
}
