import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord, IssuePatch } from '../ports/documents.ts';
import type { NumberSequence } from '../ports/sequences.ts';
import type { WebhookEventRecord } from '../ports/webhooks.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { noNumberSequence, sequenceFor } from './assign-number.ts';
import { restatesOwed, staleDraft, unbilledUsage } from './issue-document.ts';
import { chargesMissedByMany } from './due-charges.ts';
import { blankedRenderStatus, queueRender } from './render-document.ts';
import { periodRange } from './invoice-rules.ts';
import { applyCreditOnIssue } from '../payments/document-hooks.ts';
import { queueDeliveries } from '../webhooks/record-event.ts';
import { documentEventData } from '../webhooks/event-data.ts';
import { queueEmailOnIssue, sendsOnIssue } from '../delivery/queue-email.ts';
import { refusalFor } from '../../core/documents/lifecycle.ts';
import { policyOf } from '../../core/documents/policy.ts';
import { formatNumber, resetKey } from '../../core/numbering/sequence.ts';
import { addDays } from '../../core/time/dates.ts';
import { todayInZone } from '../../core/time/zones.ts';
import type { WebhookPayload } from '../../core/webhooks/index.ts';

/** One document of a bulk issue, by its place in the action's order. */
export interface IssueItem {
  position: number;
  documentId: string;
}

/** What the set-based issue decided for each item. */
export interface IssueOutcomes {
  /** Issued now, or refused with the single issue's error: recorded, in the caller's transaction. */
  recorded: Array<{ position: number; outcome: 'done' | 'failed'; error?: { code: string; message: string } }>;
  /** Anything but a plain draft numbered from a sequence: left for the single issue, one by one. */
  single: IssueItem[];
}

/**
 * The documents' numbers (or custom ones) collide with numbers already held: the caller rolls the
 * whole set back and issues these documents one by one, each with its own NUMBER_TAKEN.
 */
export class NumbersTaken extends Error {
  constructor() {
    super('a number of the range is already held by another document');
  }
}

/** How a set is issued when the caller has already checked its drafts (a bill run's close). */
export interface IssueOptions {
  /** false: the drafts' unbilled usage and missed charges are not counted (the caller billed them). */
  check?: boolean;
  /** The due date of every document that is owed, instead of issue date plus payment terms. */
  dueDate?: string;
  /** false: no email on issue, whatever the tenant's settings. */
  deliver?: boolean;
}

/**
 * Issues many drafts of one tenant in the caller's transaction, with the single issue's checks
 * and effects run over the whole set: the drafts locked in one read, their unbilled usage and
 * missed charges counted set-based (a draft that has any is refused with the single issue's
 * error), the numbers of each sequence and reset period taken as one range of consecutive values
 * in the items' order (so the series stays gapless and in the stable order), the drafts updated
 * in one statement, their audit events and webhook events in one insert each. Open customer
 * credit, render jobs, deliveries and emails go per document, and only where there is something
 * to do. Drafts with a custom number, missing documents and documents that are not drafts are
 * left to the single issue (`single`): none of them takes a number from a sequence.
 */
export async function issueDrafts(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  items: readonly IssueItem[],
  options: IssueOptions = {},
): Promise<IssueOutcomes> {
  const out: IssueOutcomes = { recorded: [], single: [] };
  if (items.length === 0) return out;
  const tenantId = ctx.tenantId;
  const now = deps.clock.now();
  const docs = await s.documents.getDocumentsForUpdate(
    tenantId,
    items.map((i) => i.documentId),
  );
  const plain: Array<{ item: IssueItem; doc: DocumentRecord }> = [];
  for (const item of items) {
    const doc = docs.get(item.documentId);
    if (!doc || doc.customNumber || refusalFor('issue', doc)) out.single.push(item);
    else plain.push({ item, doc });
  }
  // The same lock an issue's credit allocation takes, for every customer at once (in id order).
  await s.documents.lockCustomers(tenantId, [...new Set(plain.map((p) => p.doc.customerId))]);

  const check = options.check !== false;
  const usage = await s.usageClaims.freeUsageGroupsOf(
    tenantId,
    plain.flatMap(({ doc }, key) =>
      check && policyOf(doc).claimsUsage
        ? [{ key, customerId: doc.customerId, range: periodRange(doc.periodStart, doc.periodEnd, doc.timezone) }]
        : [],
    ),
  );
  const missed = check
    ? await chargesMissedByMany(
        s,
        plain.map((p) => p.doc),
        now,
      )
    : new Map<string, number>();
  const sequences = new Map<string, NumberSequence | null>();
  const numbered: Array<{ item: IssueItem; doc: DocumentRecord; seq: NumberSequence; issueDate: string }> = [];
  for (const [key, { item, doc }] of plain.entries()) {
    const late = (usage.get(key) ?? []).reduce((n, g) => n + g.calls, 0);
    const charges = missed.get(doc.id) ?? 0;
    const refusal = late > 0 ? unbilledUsage(doc.id, late) : charges > 0 ? staleDraft(doc.id, charges) : null;
    if (refusal) {
      out.recorded.push(failed(item, refusal));
      continue;
    }
    const sequenceKey = doc.numberSequenceId ?? `type:${doc.type}`;
    if (!sequences.has(sequenceKey)) sequences.set(sequenceKey, await sequenceFor(s, doc));
    const seq = sequences.get(sequenceKey)!;
    if (!seq) {
      out.recorded.push(failed(item, noNumberSequence(doc.type)));
      continue;
    }
    numbered.push({ item, doc, seq, issueDate: todayInZone(now, doc.timezone) });
  }

  // One range per sequence and reset period, handed out in the items' order.
  const ranges = new Map<string, typeof numbered>();
  for (const entry of numbered) {
    const key = JSON.stringify([entry.seq.id, resetKey(entry.seq, entry.issueDate)]);
    ranges.set(key, [...(ranges.get(key) ?? []), entry]);
  }
  const patches: IssuePatch[] = [];
  const numbers = new Map<string, string>();
  for (const [key, entries] of ranges) {
    const [sequenceId, reset] = JSON.parse(key) as [string, string];
    const seq = entries[0]!.seq;
    const first = await s.sequences.takeSequenceValues(sequenceId, reset, seq.start, seq.increment, entries.length);
    entries.forEach(({ doc, issueDate }, i) => {
      const number = formatNumber(seq, first + i * seq.increment, issueDate);
      numbers.set(doc.id, number);
      const restates = restatesOwed(doc);
      patches.push({
        id: doc.id,
        number,
        numberSequenceId: seq.id,
        paymentStatus: restates ? null : 'unpaid',
        issueDate,
        dueDate: restates ? null : (options.dueDate ?? addDays(issueDate, doc.paymentTermsDays)),
        issuedAt: now.toString(),
        renderStatus: blankedRenderStatus(doc),
        revision: doc.revision + 1,
      });
    });
  }
  for (const type of new Set(numbered.map((n) => n.doc.type))) {
    const ofType = numbered.filter((n) => n.doc.type === type);
    const taken = await s.documents.numbersTaken(
      tenantId,
      type,
      ofType.map((n) => numbers.get(n.doc.id)!),
      ofType.map((n) => n.doc.id),
    );
    if (taken.size > 0) throw new NumbersTaken();
  }
  for (let i = 0; i < numbered.length; i++) killPoint('document.issue.numbered');
  const issued = await s.documents.issueMany(tenantId, patches);

  const at = now.toString();
  await s.audit.appendMany(
    numbered.map(({ doc }) => ({
      id: newId('aud'),
      tenantId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      at,
      objectType: 'document',
      objectId: doc.id,
      action: 'issued',
      before: doc,
      after: issued.get(doc.id)!,
    })),
  );
  const credited = await s.payments.customersWithCredit(tenantId, [...new Set(numbered.map((n) => n.doc.customerId))]);
  const events: WebhookEventRecord[] = [];
  const paidDocs: DocumentRecord[] = [];
  for (const { item, doc } of numbered) {
    const after = issued.get(doc.id)!;
    // The PDF is rendered again so that it carries the number and the issue date.
    await queueRender(s, after);
    // Open customer credit (an earlier overpayment) pays the new document at once.
    const paid = credited.has(doc.customerId) ? await applyCreditOnIssue(s, deps, after) : after;
    paidDocs.push(paid);
    const id = newId('evt');
    const payload: WebhookPayload = {
      id,
      type: 'document.issued',
      createdAt: at,
      tenantId,
      data: documentEventData(paid),
    };
    events.push({ id, tenantId, type: 'document.issued', payload: { ...payload }, occurredAt: at });
    out.recorded.push({ position: item.position, outcome: 'done' });
  }
  await s.webhooks.insertEvents(events);
  const endpoints = (await s.webhooks.subscribers(tenantId, 'document.issued')).map((e) => e.id);
  if (endpoints.length) for (const event of events) await queueDeliveries(s, tenantId, event.id, endpoints);
  for (const type of options.deliver === false ? [] : new Set(paidDocs.map((d) => d.type))) {
    if (!(await sendsOnIssue(s, tenantId, type))) continue;
    for (const doc of paidDocs) if (doc.type === type) await queueEmailOnIssue(s, deps, doc);
  }
  return out;
}

function failed(item: IssueItem, error: AppError) {
  return { position: item.position, outcome: 'failed' as const, error: { code: error.code, message: error.detail } };
}
