import type { Temporal } from 'temporal-polyfill';
import type { Session } from '../ports/session.ts';
import type { Charge } from '../ports/charges.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import { recordChange } from '../audit/record-change.ts';
import { systemActor, type Clock } from '../context.ts';
import { dueCustomerCharges, produceCustomerCharges } from '../charges/produce-charges.ts';
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
  if (!billsDueCharges(subject)) return [];
  const found = await customerAndToday(s, subject, clock.now());
  if (!found) return [];
  const period = { start: subject.periodStart, end: subject.periodEnd };
  const { charges } = await produceCustomerCharges(s, subject.tenantId, found.customer, period, found.today);
  const ctx = { tenantId: subject.tenantId, actor: systemActor };
  for (const charge of charges)
    await recordChange(s, ctx, clock, { objectType: 'charge', objectId: charge.id, action: 'produced', after: charge });
  return charges;
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
