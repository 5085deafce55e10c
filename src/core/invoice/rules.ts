/**
 * The rules an invoice must pass before it is created, as one pure function over facts the use
 * case gathers (counts and ids from the database, today from the injected clock). The order is part
 * of the contract: the first failing rule is the one reported, so that a user fixes the most basic
 * problem first and the same request always yields the same error.
 */

export type InvoiceRuleCode =
  'FUTURE_PERIOD' | 'INVALID_PERIOD' | 'UNRATED_USAGE' | 'OVERLAPPING_DOCUMENT' | 'DATA_INCONSISTENT';

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
  // A period that has not ended yet may still receive usage; billing it now would miss charges.
  if (facts.periodEnd >= facts.today) {
    return {
      code: 'FUTURE_PERIOD',
      detail: `The period must end before today (${facts.today}); it ends on ${facts.periodEnd}`,
    };
  }
  if (facts.periodEnd < facts.periodStart) {
    return {
      code: 'INVALID_PERIOD',
      detail: `The period ends (${facts.periodEnd}) before it starts (${facts.periodStart})`,
    };
  }
  if (facts.unratedCount > 0) {
    const n = facts.unratedCount;
    const records = n === 1 ? 'record in the period is' : 'records in the period are';
    return { code: 'UNRATED_USAGE', detail: `${n} outbound external usage ${records} unrated` };
  }
  if (facts.overlappingDocumentIds.length > 0) {
    return {
      code: 'OVERLAPPING_DOCUMENT',
      detail: `The period overlaps existing document(s): ${facts.overlappingDocumentIds.join(', ')}`,
    };
  }
  // The detail is fixed wording shown to customers' operators; which source is late goes to logs.
  if (facts.lateSources.length > 0) {
    return { code: 'DATA_INCONSISTENT', detail: DATA_INCONSISTENT_DETAIL };
  }
  return null;
}
