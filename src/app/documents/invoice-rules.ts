import type { Session } from '../ports/session.ts';
import type { DocumentType } from '../ports/documents.ts';
import { refused, type AppError } from '../errors.ts';
import { lateSourcesIn } from '../usage/source-watermarks.ts';
import { checkDocumentRules } from '../../core/invoice/rules.ts';
import { policyOf } from '../../core/documents/policy.ts';
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
  /** An invoice converted from a proforma (an advance invoice, ADR 0010). */
  convertedFromDocumentId?: string | null;
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
  const rules = policyOf(subject).rules;
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
  // Advance invoices (converted from a proforma) bill only the proforma's charges: the period's
  // regular invoice still comes and does not overlap them. Nor does an issued invoice a re-rate
  // took usage off through a credit note, until that usage is billed again (ADR 0015).
  const reopened = await s.usageClaims.reopenedForUsage(subject.tenantId, overlapping);
  const found = new Map((await s.documents.getDocuments(subject.tenantId, overlapping)).map((d) => [d.id, d]));
  const overlappingIds = overlapping.filter((id) => {
    const d = found.get(id);
    return d && !d.convertedFromDocumentId && !reopened.has(id);
  });
  const late = rules.includes('DATA_INCONSISTENT') ? await lateSourcesIn(s, subject.tenantId, range.to) : [];
  const refusal = ruleRefusal(subject, today, { unratedCount, overlappingIds, late });
  if (refusal) throw refusal;
}

/** The facts the data rules look at, gathered for one document or for a whole set of customers. */
export interface RuleFacts {
  unratedCount: number;
  overlappingIds: string[];
  late: Array<{ source: string; watermark: string }>;
}

/**
 * The first rule of the subject's type that the facts break, as the refusal creation answers
 * (422, its code, the offending records); null when none. Single documents and generation
 * sessions both judge by this, so a session's per-customer error is the single document's refusal.
 */
export function ruleRefusal(subject: RuleSubject, today: string, facts: RuleFacts): AppError | null {
  const rules = policyOf(subject).rules;
  const { unratedCount, overlappingIds, late } = facts;
  const violation = checkDocumentRules(rules, {
    today,
    periodStart: subject.periodStart,
    periodEnd: subject.periodEnd,
    unratedCount,
    overlappingDocumentIds: overlappingIds,
    lateSources: late,
  });
  if (!violation) return null;
  const extra: Record<string, unknown> = {};
  if (violation.code === 'UNRATED_USAGE') {
    // Only a refusal shows the range: a session judges every customer of a chunk by this.
    const range = periodRange(subject.periodStart, subject.periodEnd, subject.tenantTimezone);
    extra.unratedCount = unratedCount;
    extra.unratedUsage = `/api/v1/usage-records?customerId=${subject.customerId}&from=${range.from}&to=${range.to}&rated=false&direction=outbound&external=true`;
  }
  if (violation.code === 'OVERLAPPING_DOCUMENT') extra.documentIds = overlappingIds;
  if (violation.code === 'DATA_INCONSISTENT') extra.lateSources = late;
  return refused(violation.code, violation.detail, extra);
}
