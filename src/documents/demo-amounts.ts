// Exact integer arithmetic for the demo documents: amounts are built in cents (or micro-units) and
// printed as decimal strings, so that sample documents obey the same sums as computed ones.

/** Formats an integer amount of 10^-scale units as a decimal string (exact, no floats). */
export function fixed(units: number, scale: number): string {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  return `${sign}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/** Half-up division of non-negative integers. */
export function divHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** A line's informative tax and gross at a rate in percent, half-up away from zero. */
export function lineTax(netCents: number, percent: number): { tax: string; gross: string } {
  const taxCents = Math.sign(netCents) * divHalfUp(Math.abs(netCents) * percent, 100);
  return { tax: fixed(taxCents, 2), gross: fixed(netCents + taxCents, 2) };
}
