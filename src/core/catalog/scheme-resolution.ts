/** Where an effective invoicing scheme was set, from the most specific level to the least. */
export const SCHEME_LEVELS = [
  'subscription',
  'customer_contract',
  'basic_contract',
  'customer',
  'tenant_default',
] as const;

export type SchemeLevel = (typeof SCHEME_LEVELS)[number];

/** The scheme set at each level, if any (null or absent: not set there). */
export type SchemeCandidates = Partial<Record<SchemeLevel, string | null>>;

export interface ResolvedScheme {
  schemeId: string;
  level: SchemeLevel;
}

/**
 * The scheme that applies: the most specific level that sets one wins (a subscription over its
 * customer contract, over the basic contract it was made from, over the customer, over the
 * tenant's default). null when no level sets one.
 */
export function resolveScheme(candidates: SchemeCandidates): ResolvedScheme | null {
  for (const level of SCHEME_LEVELS) {
    const schemeId = candidates[level];
    if (schemeId) return { schemeId, level };
  }
  return null;
}
