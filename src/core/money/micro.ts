/**
 * Micro-units: amounts with exactly six decimals held as safe JS integers (1 unit = 1_000_000).
 * The rating hot path prices millions of records; integer arithmetic here is exact and several
 * times faster than allocating a decimal object per record. Everything in this file avoids
 * floating-point fractions: strings are split into digits, and division uses the exact remainder.
 */

export const MICRO_PER_UNIT = 1_000_000;
export const MICRO_DECIMALS = 6;

const MICRO_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/**
 * Parses a decimal string into micro-units; returns null when it cannot be represented exactly.
 * Accepted: the strict API grammar ("12", "-1.5", "0.123456"). Rejected (null): ".5", "+1", "1e3",
 * whitespace, more than six significant decimals ("0.1234567"), and magnitudes beyond
 * Number.MAX_SAFE_INTEGER micro-units (about 9 billion units). Trailing zeros past the sixth
 * decimal are accepted because they lose nothing ("1.50000000" is 1_500_000).
 * Null rather than an exception keeps a bad record from costing a stack trace in a batch of millions.
 */
export function microFromString(value: string): number | null {
  if (typeof value !== 'string') return null;
  const match = MICRO_PATTERN.exec(value);
  if (match === null) return null;
  const [, sign, integerPart, fractionPart = ''] = match;
  if (/[1-9]/.test(fractionPart.slice(MICRO_DECIMALS))) return null;
  const fraction = fractionPart.slice(0, MICRO_DECIMALS).padEnd(MICRO_DECIMALS, '0');
  const digits = (integerPart + fraction).replace(/^0+(?=\d)/, '');
  if (!fitsSafeInteger(digits)) return null;
  // Number() of an integer string within the safe range is exact.
  const magnitude = Number(digits);
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

function fitsSafeInteger(digits: string): boolean {
  if (digits.length !== MAX_SAFE_DIGITS.length) return digits.length < MAX_SAFE_DIGITS.length;
  return digits <= MAX_SAFE_DIGITS;
}

/** Formats micro-units with exactly six decimals: 123456 → "0.123456", -1500000 → "-1.500000". */
export function microToString(micro: number): string {
  assertSafeInteger(micro, 'micro');
  const digits = String(Math.abs(micro)).padStart(MICRO_DECIMALS + 1, '0');
  const sign = micro < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -MICRO_DECIMALS)}.${digits.slice(-MICRO_DECIMALS)}`;
}

/**
 * Integer division a / b rounded to nearest, ties away from zero (half-up on magnitudes), exact for
 * all safe integers. a / b in floating point can be off by one near 2^53, so the quotient is taken
 * from the exact remainder instead: (a - a % b) is an exact multiple of b, and dividing an exact
 * multiple yields the exact integer quotient.
 */
export function divHalfUp(a: number, b: number): number {
  assertSafeInteger(a, 'a');
  assertSafeInteger(b, 'b');
  if (b === 0) throw new RangeError('Division by zero');
  const remainder = a % b;
  let quotient = (a - remainder) / b;
  // 2·|r| may exceed 2^53 but doubling is exact in binary floating point.
  if (remainder !== 0 && 2 * Math.abs(remainder) >= Math.abs(b)) {
    quotient += a < 0 === b < 0 ? 1 : -1;
  }
  // Normalize -0 (e.g. 1 / -3) so results compare and print like integers.
  return quotient === 0 ? 0 : quotient;
}

/** Multiplies two safe integers, throwing instead of silently losing precision. */
export function mulExact(a: number, b: number): number {
  assertSafeInteger(a, 'a');
  assertSafeInteger(b, 'b');
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new RangeError(`Product ${a} × ${b} exceeds the safe integer range`);
  return product === 0 ? 0 : product;
}

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}`);
}
