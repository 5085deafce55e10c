import { Dec, parseDecimal } from '../money/decimal.ts';

/**
 * How a product turns a quantity into an amount for one whole product period. The amount is exact
 * (not rounded): the caller multiplies it by a proration fraction and rounds once to minor units.
 */
export type PriceModel =
  | { kind: 'flat'; unitPrice: string }
  | { kind: 'graduated'; tiers: PriceTier[] }
  | { kind: 'volume'; tiers: PriceTier[] }
  | { kind: 'package'; packagePrice: string; packageSize: string; freeUnits: string };

export type PriceModelKind = PriceModel['kind'];

export const PRICE_MODEL_KINDS: readonly PriceModelKind[] = ['flat', 'graduated', 'volume', 'package'];

/**
 * One tier of a graduated or volume price. Tiers are ordered by `upTo` (an inclusive upper bound of
 * the quantity); the last one is open-ended (`upTo: null`). A tier's lower bound is the previous
 * tier's `upTo`, so the tiers are contiguous by construction once `upTo` strictly increases.
 */
export interface PriceTier {
  upTo: string | null;
  unitPrice: string;
  flatFee?: string | null;
}

export interface PriceModelIssue {
  /** Path below the price model, e.g. "tiers.2.upTo". */
  field: string;
  code:
    'REQUIRED' | 'INVALID_DECIMAL' | 'NEGATIVE' | 'TIERS_NOT_ASCENDING' | 'LAST_TIER_NOT_OPEN' | 'OPEN_TIER_NOT_LAST';
  detail: string;
}

/** Every problem of a price model, so that an API answer can list them all at once. */
export function validatePriceModel(model: PriceModel): PriceModelIssue[] {
  switch (model.kind) {
    case 'flat':
      return checkAmount(model.unitPrice, 'unitPrice');
    case 'graduated':
    case 'volume':
      return validateTiers(model.tiers);
    case 'package':
      return [
        ...checkAmount(model.packagePrice, 'packagePrice'),
        ...checkAmount(model.packageSize, 'packageSize', true),
        ...checkAmount(model.freeUnits, 'freeUnits'),
      ];
  }
}

function validateTiers(tiers: PriceTier[]): PriceModelIssue[] {
  if (tiers.length === 0) return [{ field: 'tiers', code: 'REQUIRED', detail: 'at least one tier is required' }];
  const issues: PriceModelIssue[] = [];
  let previous: Dec | null = null;
  tiers.forEach((tier, index) => {
    const at = `tiers.${index}`;
    issues.push(...checkAmount(tier.unitPrice, `${at}.unitPrice`));
    if (tier.flatFee != null) issues.push(...checkAmount(tier.flatFee, `${at}.flatFee`));
    const isLast = index === tiers.length - 1;
    if (tier.upTo === null) {
      if (!isLast)
        issues.push({
          field: `${at}.upTo`,
          code: 'OPEN_TIER_NOT_LAST',
          detail: 'only the last tier may be open-ended',
        });
      return;
    }
    const upTo = parseDecimal(tier.upTo);
    if (upTo === null) {
      issues.push({ field: `${at}.upTo`, code: 'INVALID_DECIMAL', detail: 'upTo must be a decimal string or null' });
      return;
    }
    if (upTo.lte(previous ?? new Dec(0))) {
      issues.push({
        field: `${at}.upTo`,
        code: 'TIERS_NOT_ASCENDING',
        detail: `upTo must be greater than ${previous === null ? '0' : `the previous tier's ${previous.toFixed()}`}`,
      });
    } else previous = upTo;
    if (isLast)
      issues.push({ field: `${at}.upTo`, code: 'LAST_TIER_NOT_OPEN', detail: 'the last tier must have upTo null' });
  });
  return issues;
}

function checkAmount(value: string, field: string, positive = false): PriceModelIssue[] {
  const parsed = typeof value === 'string' ? parseDecimal(value) : null;
  if (parsed === null) return [{ field, code: 'INVALID_DECIMAL', detail: `${field} must be a decimal string` }];
  if (parsed.isNegative() || (positive && parsed.isZero())) {
    return [{ field, code: 'NEGATIVE', detail: `${field} must be ${positive ? 'greater than zero' : 'zero or more'}` }];
  }
  return [];
}

/**
 * The exact amount for `quantity` units over one whole product period. The model must have passed
 * {@link validatePriceModel}; the quantity must be zero or more.
 * - flat: quantity × unit price;
 * - graduated: each tier prices the units that fall inside it (plus its flat fee once reached);
 * - volume: the single tier the whole quantity falls in prices every unit (plus that tier's fee);
 * - package: every started package of `packageSize` units, after `freeUnits`, costs `packagePrice`.
 */
export function priceQuantity(model: PriceModel, quantity: Dec | string): Dec {
  const qty = new Dec(quantity);
  if (qty.isNegative()) throw new RangeError(`quantity must be zero or more, got ${qty.toFixed()}`);
  switch (model.kind) {
    case 'flat':
      return qty.times(model.unitPrice);
    case 'graduated':
      return graduated(model.tiers, qty);
    case 'volume':
      return volume(model.tiers, qty);
    case 'package': {
      const billable = Dec.max(qty.minus(model.freeUnits), 0);
      return billable.dividedBy(model.packageSize).ceil().times(model.packagePrice);
    }
  }
}

function graduated(tiers: PriceTier[], qty: Dec): Dec {
  let total = new Dec(0);
  let lower = new Dec(0);
  for (const tier of tiers) {
    if (qty.lte(lower)) break;
    const upper = tier.upTo === null ? qty : Dec.min(qty, tier.upTo);
    const units = upper.minus(lower);
    // A tier's flat fee is owed once any unit reaches it; a zero quantity reaches no tier.
    total = total.plus(units.times(tier.unitPrice)).plus(tier.flatFee ?? 0);
    if (tier.upTo === null) break;
    lower = new Dec(tier.upTo);
  }
  return total;
}

function volume(tiers: PriceTier[], qty: Dec): Dec {
  if (qty.isZero()) return new Dec(0);
  const tier = tiers.find((t) => t.upTo === null || qty.lte(t.upTo)) ?? tiers[tiers.length - 1]!;
  return qty.times(tier.unitPrice).plus(tier.flatFee ?? 0);
}
