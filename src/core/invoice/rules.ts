/**
 * The rules an invoice must pass before it is created, as one pure function over facts the use
 * case gathers (counts and ids from the database, today from the injected clock). The order is part
 * of the contract: the first failing rule is the one reported, so that a user fixes the most basic
 * problem first and the same request always yields the same error.
 */

import type { PeriodRule } from '../documents/policy.ts';

export type InvoiceRuleCode = PeriodRule;

/** The invoice's rules in their reporting order; other types list theirs in their policy. */
export const INVOICE_RULE_ORDER: readonly PeriodRule[] = [
  'FUTURE_PERIOD',
  'INVALID_PERIOD',
  'UNRATED_USAGE',
  'OVERLAPPING_DOCUMENT',
  'DATA_INCONSISTENT',
];

export interface InvoiceRuleFacts {
  /** Today in the tenant's time zone, YYYY-MM-DD. */
  today: string;
  periodStart: string;
  periodEnd: string;
  /** Outbound external usage records in the period that have no price yet. */
  unratedCount: number;
  /** Documents of the same customer and type whose period overlaps this one. */
  overlappingDocumentIds: string[];
  /**
   * Usage sources whose data has not yet been confirmed complete up to the period end. The caller
   * decides lateness (it knows the period's UTC range); this rule only reports it.
   */
  lateSources: Array<{ source: string; watermark: string | null }>;
}

export interface InvoiceRuleViolation {
  code: InvoiceRuleCode;
  detail: string;
}

export const DATA_INCONSISTENT_DETAIL = 'Invoice cannot be generated due to data inconsistencies';

/**
 * Returns the first broken rule, or null when an invoice may be created. Dates are assumed to be
 * valid YYYY-MM-DD strings (malformed input is the caller's validation error), which compare
 * correctly as text.
 */
export function checkInvoiceRules(facts: InvoiceRuleFacts): InvoiceRuleViolation | null {
  return checkDocumentRules(INVOICE_RULE_ORDER, facts);
}

/**
 * The same check for any document type: only the rules listed (a type's policy lists its own, in
 * the order they are reported) are applied. A proforma, billed before its period, checks that the
 * period has not already ended (PAST_PERIOD) instead of that it has (FUTURE_PERIOD).
 */
export function checkDocumentRules(rules: readonly PeriodRule[], facts: InvoiceRuleFacts): InvoiceRuleViolation | null {
  for (const rule of rules) {
    const violation = RULES[rule](facts);
    if (violation) return violation;
  }
  return null;
}

const RULES: Record<PeriodRule, (facts: InvoiceRuleFacts) => InvoiceRuleViolation | null> = {
  // A period that has not ended yet may still receive usage; billing it now would miss charges.
  FUTURE_PERIOD: (facts) =>
    facts.periodEnd >= facts.today
      ? {
          code: 'FUTURE_PERIOD',
          detail: `The period must end before today (${facts.today}); it ends on ${facts.periodEnd}`,
        }
      : null,
  // An advance bill for a period that is already over comes too late: invoice it instead.
  PAST_PERIOD: (facts) =>
    facts.periodEnd < facts.today
      ? {
          code: 'PAST_PERIOD',
          detail: `The period ended on ${facts.periodEnd}, before today (${facts.today}); bill it with an invoice`,
        }
      : null,
  INVALID_PERIOD: (facts) =>
    facts.periodEnd < facts.periodStart
      ? {
          code: 'INVALID_PERIOD',
          detail: `The period ends (${facts.periodEnd}) before it starts (${facts.periodStart})`,
        }
      : null,
  UNRATED_USAGE: (facts) => {
    const n = facts.unratedCount;
    if (n <= 0) return null;
    const records = n === 1 ? 'record in the period is' : 'records in the period are';
    return { code: 'UNRATED_USAGE', detail: `${n} outbound external usage ${records} unrated` };
  },
  OVERLAPPING_DOCUMENT: (facts) =>
    facts.overlappingDocumentIds.length > 0
      ? {
          code: 'OVERLAPPING_DOCUMENT',
          detail: `The period overlaps existing document(s): ${facts.overlappingDocumentIds.join(', ')}`,
        }
      : null,
  // The detail is fixed wording shown to customers' operators; which source is late goes to logs.
  DATA_INCONSISTENT: (facts) =>
    facts.lateSources.length > 0 ? { code: 'DATA_INCONSISTENT', detail: DATA_INCONSISTENT_DETAIL } : null,
};
