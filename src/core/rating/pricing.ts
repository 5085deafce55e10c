import type { CompiledRate } from './compiled-rate.ts';
import { bigDivHalfUp, divHalfUp } from './micro-units.ts';

const SECONDS_PER_MINUTE = 60;

/**
 * Seconds a call is billed for.
 *
 * A 0-second call is unanswered (or answered and dropped at once) and is billed 0 seconds,
 * whatever the minimum: IvozProvider does the same, and customers dispute charges for calls
 * that never connected. Otherwise the duration is raised to the minimum and then rounded UP to a
 * multiple of the increment, e.g. 60/60: 61 s -> 120; 30/6: 5 s -> 30, 31 s -> 36; 1/1: 61 -> 61.
 * When the minimum is not itself a multiple of the increment the rounding still applies to it
 * (30/7: 5 s -> 35), so billable time is always a whole number of increments.
 *
 * Throws a RangeError for negative or fractional inputs or an increment below 1; callers on the
 * hot path validate records first (core/usage), so this only catches programming errors.
 */
export function billableSeconds(durationSeconds: number, minimumSeconds: number, incrementSeconds: number): number {
  if (!Number.isSafeInteger(durationSeconds) || durationSeconds < 0) {
    throw new RangeError(`durationSeconds must be a non-negative integer, got ${durationSeconds}`);
  }
  if (!Number.isSafeInteger(minimumSeconds) || minimumSeconds < 0) {
    throw new RangeError(`minimumSeconds must be a non-negative integer, got ${minimumSeconds}`);
  }
  if (!Number.isSafeInteger(incrementSeconds) || incrementSeconds < 1) {
    throw new RangeError(`incrementSeconds must be a positive integer, got ${incrementSeconds}`);
  }
  if (durationSeconds === 0) return 0;
  const atLeastMinimum = durationSeconds > minimumSeconds ? durationSeconds : minimumSeconds;
  const remainder = atLeastMinimum % incrementSeconds;
  return remainder === 0 ? atLeastMinimum : atLeastMinimum - remainder + incrementSeconds;
}

/**
 * Price of one call in micro-units: the connection fee plus billable seconds at the per-minute
 * price, i.e. fee + round_half_up(billable * perMinuteMicro / 60). Only the per-second part is
 * rounded, once, to a whole micro-unit. A call with 0 billable seconds costs 0, connection fee
 * included.
 *
 * The product is computed in doubles only while it is a safe integer (then it is exact); past
 * 2^53 the rare slow path redoes it in BigInt, so the result is exact for every input.
 */
export function priceMicro(rate: CompiledRate, durationSeconds: number): number {
  const billable = billableSeconds(durationSeconds, rate.minimumSeconds, rate.incrementSeconds);
  return priceForBillable(rate, billable);
}

/** priceMicro for an already computed billable duration; shared with rateRecord. */
export function priceForBillable(rate: CompiledRate, billable: number): number {
  if (billable === 0) return 0;
  const product = billable * rate.pricePerMinuteMicro;
  const timeMicro =
    product <= Number.MAX_SAFE_INTEGER
      ? divHalfUp(product, SECONDS_PER_MINUTE)
      : Number(bigDivHalfUp(BigInt(billable) * BigInt(rate.pricePerMinuteMicro), BigInt(SECONDS_PER_MINUTE)));
  const total = rate.connectionFeeMicro + timeMicro;
  if (!Number.isSafeInteger(total)) {
    throw new RangeError(
      `price exceeds the safe integer range of micro-units (${billable} s at prefix ${rate.prefix})`,
    );
  }
  return total;
}
