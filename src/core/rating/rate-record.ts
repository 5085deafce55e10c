import { normalizeNumber } from './dialled-number.ts';
import { billableSeconds, priceForBillable } from './pricing.ts';
import type { PrefixTable } from './prefix-table.ts';

/** A successfully rated call. */
export interface RatedCall {
  ok: true;
  priceMicro: number;
  /** The matched rate prefix (normalised digits), e.g. "35567". */
  prefix: string;
  destinationName: string | null;
  billableSeconds: number;
}

/**
 * Why a call could not be rated. NO_RATE: no prefix of the callee is in the table.
 * MALFORMED_NUMBER: the callee is not digits after normalisation (see normalizeNumber).
 * INVALID_DURATION: the duration is negative or not an integer.
 */
export interface UnratedCall {
  ok: false;
  reason: 'NO_RATE' | 'MALFORMED_NUMBER' | 'INVALID_DURATION';
}

export type RateResult = RatedCall | UnratedCall;

// Failures are shared frozen objects so that a batch full of unrated calls allocates nothing.
const NO_RATE: UnratedCall = Object.freeze({ ok: false, reason: 'NO_RATE' });
const MALFORMED_NUMBER: UnratedCall = Object.freeze({ ok: false, reason: 'MALFORMED_NUMBER' });
const INVALID_DURATION: UnratedCall = Object.freeze({ ok: false, reason: 'INVALID_DURATION' });

/**
 * Rates one call against a table chosen by the caller (the plan valid at the call's start, see
 * pickValid). Checks run in this order: callee format, duration, prefix match. The common case
 * of a callee that is already plain digits skips normalisation and allocates only the result.
 */
export function rateRecord(table: PrefixTable, callee: string, durationSeconds: number): RateResult {
  const digits = normalizeNumber(callee);
  if (digits === undefined) return MALFORMED_NUMBER;
  if (!Number.isSafeInteger(durationSeconds) || durationSeconds < 0) return INVALID_DURATION;
  const rate = table.match(digits);
  if (rate === undefined) return NO_RATE;
  const billable = billableSeconds(durationSeconds, rate.minimumSeconds, rate.incrementSeconds);
  return {
    ok: true,
    priceMicro: priceForBillable(rate, billable),
    prefix: rate.prefix,
    destinationName: rate.destinationName,
    billableSeconds: billable,
  };
}
