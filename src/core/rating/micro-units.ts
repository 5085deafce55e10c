// Private integer helpers for the rating hot path. Amounts are micro-units (1e-6 of the currency)
// held in plain JS numbers that are always safe integers, so every operation below is exact.
// src/core/money/micro.ts will provide the shared version; these stay local until we dedupe.

/** Micro-units per whole currency unit. */
export const MICRO_PER_UNIT = 1_000_000;

const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;
const ALL_ZEROS = /^0*$/;
/** Longer integer parts cannot be safe micro values; shorter ones are checked exactly below. */
const MAX_INTEGER_DIGITS = 10;

/**
 * Parses a non-negative decimal string ("0.012345", "12", "0.10000000") into micro-units.
 * Returns undefined for anything else: signs, exponents, blanks, ".5", "1.", more than six
 * significant decimals, or values beyond the safe-integer range. It never goes through a
 * float: the integer and fraction digits are converted separately, each exactly.
 */
export function parseNonNegativeMicro(text: string): number | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const integerDigits = match[1].replace(/^0+(?=\d)/, '');
  if (integerDigits.length > MAX_INTEGER_DIGITS) return undefined;
  let fraction = match[2] ?? '';
  if (fraction.length > 6) {
    // Trailing zeros past the sixth decimal carry no value (numeric(18,8) exports, say).
    if (!ALL_ZEROS.test(fraction.slice(6))) return undefined;
    fraction = fraction.slice(0, 6);
  }
  // Below 2^53 both terms and their sum are exact; above it the rounded double is at least
  // 2^53, so the safe-integer check cannot let an inexact value through.
  const micro = Number(integerDigits) * MICRO_PER_UNIT + Number(fraction.padEnd(6, '0'));
  return Number.isSafeInteger(micro) ? micro : undefined;
}

/**
 * Divides a non-negative safe integer by a positive safe integer, rounding half up.
 * The quotient comes from (n - n % d) / d, which is exact, rather than Math.floor(n / d),
 * whose float division can round up to the next integer for large n.
 */
export function divHalfUp(numerator: number, divisor: number): number {
  const remainder = numerator % divisor;
  const quotient = (numerator - remainder) / divisor;
  return remainder * 2 >= divisor ? quotient + 1 : quotient;
}

/** The same as divHalfUp for values past the safe-integer range; used only on the rare slow path. */
export function bigDivHalfUp(numerator: bigint, divisor: bigint): bigint {
  const remainder = numerator % divisor;
  const quotient = numerator / divisor;
  return remainder * 2n >= divisor ? quotient + 1n : quotient;
}

/** Formats micro-units as a decimal string with six places, for messages and tests. */
export function formatMicro(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const digits = String(Math.abs(micro)).padStart(7, '0');
  return `${sign}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}
