import { Decimal } from 'decimal.js';

/**
 * Tollbook's decimal type. A private clone keeps our precision and rounding settings from leaking
 * into (or being changed by) any other user of decimal.js in the same process. Forty significant
 * digits cover numeric(18,6) amounts multiplied by quantities and percentages without loss.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

/**
 * How amounts are rounded to a number of decimal places. The mode is tenant data, so it is a
 * plain string union rather than a decimal.js constant.
 * - half_up: to nearest, ties away from zero (commercial rounding; the default).
 * - half_even: to nearest, ties to the even neighbour (banker's rounding).
 * - down: towards zero (truncation).
 * - up: away from zero.
 * Every mode is symmetric around zero, so round(-x) === -round(x); invoice discounts rely on it.
 */
export type RoundingMode = 'half_up' | 'half_even' | 'down' | 'up';

export const ROUNDING_MODES: readonly RoundingMode[] = ['half_up', 'half_even', 'down', 'up'];

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

export function isRoundingMode(value: string): value is RoundingMode {
  return (ROUNDING_MODES as readonly string[]).includes(value);
}

/** Rounds to `places` decimal places (a non-negative integer) with the given mode. */
export function roundTo(value: Dec, places: number, mode: RoundingMode = 'half_up'): Dec {
  if (!Number.isInteger(places) || places < 0) {
    throw new RangeError(`places must be a non-negative integer, got ${places}`);
  }
  const rounded = value.toDecimalPlaces(places, DECIMAL_JS_MODE[mode]);
  // A tiny negative amount rounds to -0; money has no signed zero, and "-0.00" on a document
  // would be read as a debit.
  return rounded.isZero() ? new Dec(0) : rounded;
}

/**
 * The decimal string grammar of the API and of PostgreSQL numeric output: optional minus, at least
 * one integer digit, optional fraction with at least one digit. No exponent, no leading plus or
 * dot, no whitespace, no NaN/Infinity — decimal.js would accept all of those, and each has at some
 * point turned a typo into a valid amount somewhere.
 */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/** Parses a strict decimal string; null when it does not match {@link DECIMAL_PATTERN}. */
export function parseDecimal(value: string): Dec | null {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) return null;
  const parsed = new Dec(value);
  return parsed.isZero() ? new Dec(0) : parsed;
}

/** Like {@link parseDecimal} but throws; for values that were validated at the boundary. */
export function toDec(value: Dec | string, what = 'value'): Dec {
  if (typeof value !== 'string') return value;
  const parsed = parseDecimal(value);
  if (parsed === null) throw new RangeError(`${what} is not a decimal string: ${JSON.stringify(value)}`);
  return parsed;
}

/** Plain notation without exponent and without trailing zeros ("21.50" → "21.5"). */
export function decimalToString(value: Dec): string {
  return (value.isZero() ? new Dec(0) : value).toFixed();
}
