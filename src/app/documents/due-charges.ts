import type { Temporal } from 'temporal-polyfill';
import type { Session } from '../ports/session.ts';
import type { Charge } from '../ports/charges.ts';
import type { Customer } from '../ports/customers.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import { newId } from '../ids.ts';
import { systemActor, type Clock } from '../context.ts';
import { dueChargesOf, dueCustomerCharges, produceChargesOf } from '../charges/produce-charges.ts';
import { policyOf } from '../../core/documents/policy.ts';
import { todayInZone } from '../../core/time/zones.ts';

type Subject = Pick<DocumentRecord, 'tenantId' | 'type' | 'customerId' | 'periodStart' | 'periodEnd'> &
  Partial<Pick<DocumentRecord, 'convertedFromDocumentId'>>;

/**
 * Whether a document of `subject` bills the scheduled charges its period makes due. Only a regular
 * invoice does: an advance invoice bills its proforma's charges, acts and VAT invoices restate an
 * invoice, and a proforma claims nothing (producing for a coming period would move the billing
 * date of in-advance charges off the invoice that normally bills them).
 */
function billsDueCharges(subject: Subject): boolean {
  // The policy of an advance invoice claims charges but no usage; the other types claim neither.
  const policy = policyOf(subject);
  return policy.claimsCharges && policy.claimsUsage;
}

async function customerAndToday(s: Session, subject: Subject, now: Temporal.Instant) {
  const customer = await s.customers.get(subject.tenantId, subject.customerId);
  return customer ? { customer, today: todayInZone(now, customer.timezone) } : null;
}

/**
 * Generation, first step: produces (stores) the customer's scheduled charges due for the
 * document's period, in the generation transaction, so that the snapshot finds them free. The
 * subscription's unique key per product period makes this idempotent with `POST /charges/produce`.
 */
export async function produceDueCharges(s: Session, subject: Subject, clock: Clock): Promise<Charge[]> {
  return (await produceDueChargesOf(s, [subject], clock))[0]!;
}

/**
 * produceDueCharges for many documents of one tenant at once (a session's chunk): the customers,
 * their subscriptions, products and already-charged periods read in bulk, one insert of the
 * charges and one of their audit events. One list of produced charges per subject, in order. A
 * caller that has read the customers already (a session's chunk) passes them.
 */
export async function produceDueChargesOf(
  s: Session,
  subjects: readonly Subject[],
  clock: Clock,
  known?: ReadonlyMap<string, Customer>,
): Promise<Charge[][]> {
  const billing = subjects.filter(billsDueCharges);
  if (billing.length === 0) return subjects.map(() => []);
  const tenantId = billing[0]!.tenantId;
  const now = clock.now();
  const customers =
    known ??
    (await s.customers.getMany(
      tenantId,
      billing.map((subject) => subject.customerId),
    ));
  const asks = billing.flatMap((subject) => {
    const customer = customers.get(subject.customerId);
    if (!customer) return [];
    const period = { start: subject.periodStart, end: subject.periodEnd };
    return [{ subject, ask: { customer, period, today: todayInZone(now, customer.timezone) } }];
  });
  const made = await produceChargesOf(
    s,
    tenantId,
    asks.map((a) => a.ask),
  );
  const at = now.toString();
  await s.audit.appendMany(
    made.flatMap(({ charges }) =>
      charges.map((charge) => ({
        id: newId('aud'),
        tenantId,
        actorType: systemActor.type,
        actorId: systemActor.id,
        at,
        objectType: 'charge',
        objectId: charge.id,
        action: 'produced',
        before: null,
        after: charge,
      })),
    ),
  );
  const bySubject = new Map<Subject, Charge[]>(asks.map((a, i) => [a.subject, made[i]!.charges]));
  return subjects.map((subject) => bySubject.get(subject) ?? []);
}

/**
 * The dry run's counterpart: the charges generation would produce now, built in memory only
 * (placeholder ids, nothing stored), for the snapshot to bill next to the free ones.
 */
export async function pendingDueCharges(s: Session, subject: Subject, now: Temporal.Instant): Promise<Charge[]> {
  if (!billsDueCharges(subject)) return [];
  const found = await customerAndToday(s, subject, now);
  if (!found) return [];
  const period = { start: subject.periodStart, end: subject.periodEnd };
  const { due } = await dueCustomerCharges(s, subject.tenantId, found.customer, period, found.today);
  const at = now.toString();
  return due.map((c) => ({ ...c, tenantId: subject.tenantId, documentId: null, createdAt: at }));
}

/**
 * Charges a generated invoice does not bill but should: charges of its period in its currency that
 * are on no document (added after generation) and scheduled charges that became due since (a
 * subscription added or changed). Issuing refuses while there are any.
 */
export async function chargesMissedBy(s: Session, doc: DocumentRecord, now: Temporal.Instant): Promise<number> {
  if (!billsDueCharges(doc)) return 0;
  const period = { start: doc.periodStart, end: doc.periodEnd };
  const free = await s.charges.free(doc.tenantId, doc.customerId, period);
  const pending = await pendingDueCharges(s, doc, now);
  return [...free, ...pending].filter((c) => c.currency === doc.currency).length;
}

/**
 * chargesMissedBy of many documents of one tenant at once (a bulk issue's page): the free charges
 * of each period read for all its customers together, the pending due charges computed from one
 * read of the customers, their subscriptions, products and charged periods. One count per document.
 */
export async function chargesMissedByMany(
  s: Session,
  docs: readonly DocumentRecord[],
  now: Temporal.Instant,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const billing = docs.filter(billsDueCharges);
  if (billing.length === 0) return out;
  const tenantId = billing[0]!.tenantId;
  const byPeriod = new Map<string, DocumentRecord[]>();
  for (const doc of billing) {
    const key = `${doc.periodStart}/${doc.periodEnd}`;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), doc]);
  }
  const free = new Map<string, Charge[]>();
  for (const group of byPeriod.values()) {
    const period = { start: group[0]!.periodStart, end: group[0]!.periodEnd };
    const found = await s.charges.freeOf(tenantId, [...new Set(group.map((d) => d.customerId))], period);
    for (const doc of group) free.set(doc.id, found.get(doc.customerId) ?? []);
  }
  const customers = await s.customers.getMany(
    tenantId,
    billing.map((d) => d.customerId),
  );
  const asks = billing.flatMap((doc) => {
    const customer = customers.get(doc.customerId);
    if (!customer) return [];
    const period = { start: doc.periodStart, end: doc.periodEnd };
    return [{ doc, ask: { customer, period, today: todayInZone(now, customer.timezone) } }];
  });
  const due = await dueChargesOf(
    s,
    tenantId,
    asks.map((a) => a.ask),
  );
  const pending = new Map(asks.map((a, i) => [a.doc.id, due[i]!.due]));
  for (const doc of billing) {
    const all = [...(free.get(doc.id) ?? []), ...(pending.get(doc.id) ?? [])];
    out.set(doc.id, all.filter((c) => c.currency === doc.currency).length);
  }
  return out;
}
