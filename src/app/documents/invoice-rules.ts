import type { Session } from '../ports/session.ts';
import type { DocumentType } from '../ports/documents.ts';
import { refused } from '../errors.ts';
import { lateSourcesIn } from '../usage/source-watermarks.ts';
import { checkDocumentRules } from '../../core/invoice/rules.ts';
import { policyFor } from '../../core/documents/policy.ts';
import { periodToUtcRange, todayInZone } from '../../core/time/zones.ts';
import type { Temporal } from 'temporal-polyfill';

export interface RuleSubject {
  tenantId: string;
  tenantTimezone: string;
  customerId: string;
  type: DocumentType;
  periodStart: string;
  periodEnd: string;
  /** The document itself when re-checking at generation: it does not overlap itself. */
  documentId?: string;
}

/** The UTC range of a period of whole tenant-zone days, as ISO instants. */
export function periodRange(periodStart: string, periodEnd: string, timezone: string) {
  const r = periodToUtcRange(periodStart, periodEnd, timezone);
  return { from: r.fromInclusive.toString(), to: r.toExclusive.toString() };
}

/**
 * Gathers the facts and applies the rules of the document's type in their fixed order (for an
 * invoice FUTURE_PERIOD, INVALID_PERIOD, UNRATED_USAGE, OVERLAPPING_DOCUMENT, DATA_INCONSISTENT;
 * for a proforma PAST_PERIOD, INVALID_PERIOD); the first broken rule refuses with 422 and its
 * code. Run at creation and again at generation.
 */
export async function enforceInvoiceRules(s: Session, now: Temporal.Instant, subject: RuleSubject): Promise<void> {
  const today = todayInZone(now, subject.tenantTimezone);
  const rules = policyFor(subject.type).rules;
  const cheap = checkDocumentRules(rules, {
    today,
    periodStart: subject.periodStart,
    periodEnd: subject.periodEnd,
    unratedCount: 0,
    overlappingDocumentIds: [],
    lateSources: [],
  });
  if (cheap) throw refused(cheap.code, cheap.detail);
  const range = periodRange(subject.periodStart, subject.periodEnd, subject.tenantTimezone);
  // Only the facts the type's rules look at are read: a proforma asks nothing about usage.
  const unratedCount = rules.includes('UNRATED_USAGE')
    ? await s.usageClaims.countUnrated(subject.tenantId, subject.customerId, range)
    : 0;
  const overlapping = rules.includes('OVERLAPPING_DOCUMENT')
    ? await s.documents.overlappingDocuments(
        subject.tenantId,
        subject.customerId,
        subject.type,
        subject.periodStart,
        subject.periodEnd,
        subject.documentId,
      )
    : [];
  const late = rules.includes('DATA_INCONSISTENT') ? await lateSourcesIn(s, subject.tenantId, range.to) : [];
  const violation = checkDocumentRules(rules, {
    today,
    periodStart: subject.periodStart,
    periodEnd: subject.periodEnd,
    unratedCount,
    overlappingDocumentIds: overlapping,
    lateSources: late,
  });
  if (!violation) return;
  const extra: Record<string, unknown> = {};
  if (violation.code === 'UNRATED_USAGE') {
    extra.unratedCount = unratedCount;
    extra.unratedUsage = `/api/v1/usage-records?customerId=${subject.customerId}&from=${range.from}&to=${range.to}&rated=false&direction=outbound&external=true`;
  }
  if (violation.code === 'OVERLAPPING_DOCUMENT') extra.documentIds = overlapping;
  if (violation.code === 'DATA_INCONSISTENT') extra.lateSources = late;
  throw refused(violation.code, violation.detail, extra);
}
